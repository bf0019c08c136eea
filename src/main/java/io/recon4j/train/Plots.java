package io.recon4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** PNG plots of training curves (XChart), written atomically. */
public final class Plots {

    private Plots() {
    }

    /**
     * Plots one line per metric against a step-like x key from JSONL records.
     *
     * @param records records of {@link MetricsLog#read}
     * @param kind only records whose {@code kind} equals this
     * @param x the x-axis key (e.g. {@code step} or {@code epoch})
     * @param ys the metrics to draw
     * @param title chart title
     * @param png output file
     * @param logY logarithmic y axis (losses)
     */
    public static void lines(List<Map<String, Object>> records, String kind, String x, List<String> ys, String title,
                             Path png, boolean logY) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(x).yAxisTitle(String.join(", ", ys)).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisLogarithmic(logY);
        boolean any = false;
        for (String y : ys) {
            List<Double> xs = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (Map<String, Object> r : records) {
                if (kind.equals(r.get("kind")) && r.get(x) instanceof Double && r.get(y) instanceof Double) {
                    double v = (Double) r.get(y);
                    if (Double.isFinite(v) && (!logY || v > 0)) {
                        xs.add((Double) r.get(x));
                        vs.add(v);
                    }
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(y, xs, vs).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        io.recon4j.util.AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
