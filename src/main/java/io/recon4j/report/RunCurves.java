package io.recon4j.report;

import io.recon4j.train.MetricsLog;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * One per-epoch metric of several training runs side by side (e.g. the test accuracy of fine-tuning from scratch and
 * from each pretraining): a table of each run's value after chosen numbers of epochs, its last value and its best,
 * and one chart with a line per run. Reads each run folder's {@code metrics.jsonl} ({@code kind = "epoch"} records).
 *
 * <p>Epochs are counted from 1 here (the value <em>after</em> that many epochs, as the progress line counts them);
 * the log's {@code epoch} field counts from 0.
 */
public final class RunCurves {

    /**
     * One run's curve.
     *
     * @param name the run's label
     * @param values epochs completed (1, 2, ...) to the metric's value after them
     */
    public record Curve(String name, TreeMap<Integer, Double> values) {

        /** @return the value after {@code epochs} epochs, NaN when that epoch is not logged */
        public double after(int epochs) {
            return values.getOrDefault(epochs, Double.NaN);
        }

        /** @return the number of the last logged epoch */
        public int lastEpoch() {
            return values.lastKey();
        }

        /**
         * @param higherIsBetter true for accuracies, false for losses
         * @return the first epoch at which the best value was reached
         */
        public int bestEpoch(boolean higherIsBetter) {
            int best = values.firstKey();
            for (Map.Entry<Integer, Double> e : values.entrySet()) {
                double v = e.getValue();
                double b = values.get(best);
                if (higherIsBetter ? v > b : v < b) {
                    best = e.getKey();
                }
            }
            return best;
        }
    }

    private final String metric;
    private final List<Curve> curves;

    private RunCurves(String metric, List<Curve> curves) {
        this.metric = metric;
        this.curves = List.copyOf(curves);
    }

    /**
     * Reads the curves; every problem is reported before anything is drawn.
     *
     * @param runs label to run folder, in display order
     * @param metric the field of the epoch records to compare (e.g. {@code test_acc}, {@code loss})
     * @return the curves
     * @throws IOException when a log cannot be read
     * @throws IllegalArgumentException when a folder has no {@code metrics.jsonl} or no epoch record with the metric
     */
    public static RunCurves read(Map<String, Path> runs, String metric) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run folder given");
        }
        List<Curve> curves = new ArrayList<>();
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            Path log = run.getValue().resolve("metrics.jsonl");
            if (!Files.isRegularFile(log)) {
                throw new IllegalArgumentException(run.getKey() + ": " + run.getValue() + " has no metrics.jsonl (not a training run folder)");
            }
            TreeMap<Integer, Double> values = new TreeMap<>();
            TreeSet<String> seen = new TreeSet<>();
            for (Map<String, Object> r : MetricsLog.read(log)) {
                if ("epoch".equals(r.get("kind")) && r.get("epoch") instanceof Double e) {
                    seen.addAll(r.keySet());
                    if (r.get(metric) instanceof Double v && Double.isFinite(v)) {
                        values.put(e.intValue() + 1, v); // a later record of the same epoch (a re-run) wins
                    }
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException(log + ": no epoch record has '" + metric + "'"
                        + (seen.isEmpty() ? " (the log has no epoch records)" : "; its epoch records have: " + String.join(", ", seen)));
            }
            curves.add(new Curve(run.getKey(), values));
        }
        return new RunCurves(metric, curves);
    }

    /** @return the curves, in the order given */
    public List<Curve> curves() {
        return curves;
    }

    /**
     * @param after the epoch counts to show a column for (those beyond every run are left out)
     * @param higherIsBetter true for accuracies, false for losses: which value is "best"
     * @return a Markdown table: run, epochs logged, the value after each chosen epoch count, last, best (epoch)
     */
    public String toMarkdown(int[] after, boolean higherIsBetter) {
        int longest = curves.stream().mapToInt(Curve::lastEpoch).max().orElseThrow();
        List<Integer> cols = new ArrayList<>();
        for (int a : after) {
            if (a >= 1 && a <= longest) {
                cols.add(a);
            }
        }
        StringBuilder sb = new StringBuilder("| run | epochs");
        StringBuilder rule = new StringBuilder("|---|---:");
        for (int c : cols) {
            sb.append(" | after ").append(c);
            rule.append("|---:");
        }
        sb.append(" | last | ").append(higherIsBetter ? "best" : "lowest").append(" (epoch) |\n");
        sb.append(rule).append("|---:|---:|\n");
        for (Curve c : curves) {
            sb.append("| ").append(c.name()).append(" | ").append(c.lastEpoch());
            for (int col : cols) {
                sb.append(" | ").append(format(c.after(col)));
            }
            int best = c.bestEpoch(higherIsBetter);
            sb.append(" | ").append(format(c.after(c.lastEpoch()))).append(" | ").append(format(c.after(best)))
                    .append(" (").append(best).append(") |\n");
        }
        return sb.toString();
    }

    /**
     * Draws one line per run against the number of epochs completed.
     *
     * @param png output file, written atomically
     * @param title the chart's title
     * @throws IOException when the file cannot be written
     */
    public void plot(Path png, String title) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("epochs completed")
                .yAxisTitle(metric).build();
        chart.getStyler().setMarkerSize(4);
        for (Curve c : curves) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            c.values().forEach((e, v) -> {
                xs.add(e.doubleValue());
                ys.add(v);
            });
            chart.addSeries(c.name(), xs, ys).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }
}
