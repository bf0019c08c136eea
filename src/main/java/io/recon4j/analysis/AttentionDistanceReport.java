package io.recon4j.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.PointTransform;
import io.recon4j.geometry.Grouping;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.NoGrad;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The attention-distance analysis of one or more models over the same shapes: per model, attention module and
 * head, the mean {@link AttentionDistance} of the local tokens and of the global queries; as CSV and a figure with
 * one line per model (the paper's Figure: distance against layer).
 */
public final class AttentionDistanceReport {

    /**
     * One attention module of one model.
     *
     * @param model the model's label
     * @param site the module
     * @param local (H) mean distance of the local tokens' rows (NaN for a cross-attention module)
     * @param queries (H) mean spread of the global queries' rows (NaN where there are none)
     */
    public record Row(String model, AttentionRecorder.Site site, double[] local, double[] queries) {

        /** @return the local rows' distance averaged over heads */
        public double localMean() {
            return mean(local);
        }

        /** @return the query rows' spread averaged over heads */
        public double queryMean() {
            return mean(queries);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /**
     * Measures one model on {@code shapes} test-style inputs (plain FPS to N points, no augmentation).
     *
     * @param label the model's name in the report
     * @param model an initialised classifier (its encoders are measured; the head is not used)
     * @param manager the model's manager
     * @param data shapes to run
     * @param samples how many shapes (spread evenly over the dataset)
     * @param batchSize shapes per forward pass
     */
    public void measure(String label, ReconClassifier model, NDManager manager, PointCloudDataset data, int samples,
                        int batchSize) throws IOException {
        ReconConfig c = model.config();
        int n = Math.min(samples, data.size());
        PointTransform test = DatasetPipelines.modelNetTest(c.numPoints());
        Map<AttentionRecorder.Site, double[][]> sums = new LinkedHashMap<>();
        ParameterStore ps = new ParameterStore(manager, false);
        try (AttentionRecorder recorder = AttentionRecorder.attach(model)) {
            for (int start = 0; start < n; start += batchSize) {
                int b = Math.min(batchSize, n - start);
                float[] points = new float[b * c.numPoints() * 3];
                for (int i = 0; i < b; i++) {
                    int index = (int) ((long) (start + i) * data.size() / n);
                    float[] xyz = test.apply(data.get(index).points(), new SplittableRandom(index)).xyz();
                    System.arraycopy(xyz, 0, points, i * xyz.length, xyz.length);
                }
                recorder.clear();
                Grouping g;
                try (NoGrad off = NoGrad.open(); NDManager step = manager.newSubManager()) {
                    Patches patches = model.patching().patchify(points, b, step);
                    g = patches.grouping();
                    model.forwardFeatures(ps, patches, false);
                }
                for (AttentionRecorder.Map4 m : recorder.maps()) {
                    double[] loc = m.site().cross() ? nan((int) m.shape()[1])
                            : AttentionDistance.local(m.probs(), m.shape(), g.centers(), c.numGroups());
                    double[] qry = AttentionDistance.queries(m.probs(), m.shape(), g.centers(), c.numGroups(), m.site().cross());
                    double[][] acc = sums.computeIfAbsent(m.site(), k -> new double[3][loc.length]);
                    for (int h = 0; h < loc.length; h++) {
                        acc[0][h] += loc[h] * b;
                        acc[1][h] += qry[h] * b;
                    }
                    acc[2][0] += b;
                }
            }
        }
        sums.forEach((site, acc) -> {
            double[] loc = new double[acc[0].length];
            double[] qry = new double[acc[0].length];
            for (int h = 0; h < loc.length; h++) {
                loc[h] = acc[0][h] / acc[2][0];
                qry[h] = acc[1][h] / acc[2][0];
            }
            rows.add(new Row(label, site, loc, qry));
        });
    }

    /** @return every measured module, model by model, in forward order */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** @return CSV: model, module, layer, kind (local|queries), head (or "mean"), distance */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("model,module,layer,kind,head,distance\n");
        for (Row r : rows) {
            for (String kind : new String[] {"local", "queries"}) {
                double[] v = kind.equals("local") ? r.local() : r.queries();
                if (Double.isNaN(mean(v))) {
                    continue;
                }
                for (int h = 0; h < v.length; h++) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%.6f%n", r.model(), r.site().path(), r.site().layer(),
                            kind, h, v[h]));
                }
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,mean,%.6f%n", r.model(), r.site().path(), r.site().layer(),
                        kind, mean(v)));
            }
        }
        return sb.toString();
    }

    /** @return one Markdown row per measured module: model, module, layer (from 1), mean local and query distance */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| model | module | layer | local tokens | global queries |\n|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", r.model(), r.site().path(), r.site().layer() + 1,
                    markdownNumber(r.localMean()), markdownNumber(r.queryMean())));
        }
        return sb.toString();
    }

    private static String markdownNumber(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Writes attention-distance.csv, .md and .png into {@code run}. */
    public void writeTo(io.recon4j.util.RunFolder run) throws IOException {
        run.writeText("attention-distance.csv", toCsv());
        run.writeText("attention-distance.md", toMarkdown());
        writePng(run.resolve("attention-distance.png"));
    }

    /**
     * The figure: mean distance against layer, one solid line per model for its local tokens (self-attention of the
     * first tower) and one dashed line for its global queries where it has them.
     */
    public void writePng(Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title("Average attention distance per layer")
                .xAxisTitle("layer").yAxisTitle("mean distance (normalised cloud units)").build();
        Map<String, List<Row>> byModel = new LinkedHashMap<>();
        rows.forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Row>> e : byModel.entrySet()) {
            String firstTower = e.getValue().get(0).site().path().split("/")[0];
            line(chart, e.getKey() + " (local tokens)", e.getValue(), firstTower, false, false);
            line(chart, e.getKey() + " (global queries)", e.getValue(), firstTower, true, true);
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void line(XYChart chart, String name, List<Row> rows, String tower, boolean queries, boolean dashed) {
        Map<Integer, List<Double>> perLayer = new java.util.TreeMap<>();
        for (Row r : rows) {
            if (!r.site().path().startsWith(tower + "/")) {
                continue;
            }
            double v = queries ? r.queryMean() : r.localMean();
            if (!Double.isNaN(v)) {
                perLayer.computeIfAbsent(r.site().layer() + 1, k -> new ArrayList<>()).add(v);
            }
        }
        if (perLayer.isEmpty()) {
            return;
        }
        List<Integer> x = new ArrayList<>(perLayer.keySet());
        List<Double> y = x.stream().map(l -> perLayer.get(l).stream().mapToDouble(Double::doubleValue).average().orElse(0)).toList();
        var s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (dashed) {
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
