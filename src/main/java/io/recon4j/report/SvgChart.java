package io.recon4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A line chart as inline SVG (axes, ticks, legend; hovering a point shows its value). */
final class SvgChart {

    /** One line: its name and points; markers on every point when it has few. */
    record Series(String name, double[] x, double[] y) {

        /** @return {@code key} against the global step, from the {@code "step"} records of a metrics log */
        static Series ofSteps(String name, List<Map<String, Object>> records, String key) {
            List<double[]> points = new ArrayList<>();
            for (Map<String, Object> r : records) {
                if ("step".equals(r.get("kind")) && r.get(key) instanceof Double v && r.get("step") instanceof Double step) {
                    points.add(new double[] {step, v});
                }
            }
            return new Series(name, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
        }
    }

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    private static final int W = 560;
    private static final int H = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 62;

    private SvgChart() {
    }

    static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    x0 = Math.min(x0, s.x()[i]);
                    x1 = Math.max(x1, s.x()[i]);
                    y0 = Math.min(y0, s.y()[i]);
                    y1 = Math.max(y1, s.y()[i]);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", W, H, W, H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"600\">%s</text>%n", LEFT,
                HtmlPage.escape(title)));
        if (!Double.isFinite(x0)) {
            return sb.append("<text x=\"60\" y=\"120\">no data</text></svg>").toString();
        }
        if (x1 == x0) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        double pad = y1 > y0 ? 0.05 * (y1 - y0) : Math.max(1e-3, Math.abs(y0) * 0.05);
        y0 -= pad;
        y1 += pad;
        double pw = W - LEFT - RIGHT;
        double ph = H - TOP - BOTTOM;
        final double fx0 = x0;
        final double fx1 = x1;
        final double fy0 = y0;
        final double fy1 = y1;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (v - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator py = v -> TOP + (fy1 - v) / (fy1 - fy0) * ph;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, pw, ph));
        for (double t : ticks(y0, y1)) {
            double y = py.applyAsDouble(t);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + pw, y, y, LEFT - 4, y + 4, label(t)));
        }
        for (double t : ticks(x0, x1)) {
            double x = px.applyAsDouble(t);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", x, TOP + ph + 14,
                    label(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2,
                TOP + ph + 30, HtmlPage.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                TOP + ph / 2, HtmlPage.escape(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                            px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])));
                }
            }
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"/>%n", path, colour));
            if (s.x().length <= 60) {
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.y()[i])) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s = %s</title>"
                                + "</circle>%n", px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i]), colour,
                                HtmlPage.escape(s.name()), label(s.x()[i]), String.format(Locale.ROOT, "%.4g", s.y()[i])));
                    }
                }
            }
            double lx = LEFT + 150.0 * k;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%d\" width=\"14\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%.0f\" y=\"%d\">%s</text>%n", lx, H - 14, colour, lx + 18, H - 10, HtmlPage.escape(s.name())));
        }
        return sb.append("</svg>").toString();
    }

    /** @return about five round tick values within [lo, hi] */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step) + 1;
        double[] out = new double[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String label(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.3g", v);
    }
}
