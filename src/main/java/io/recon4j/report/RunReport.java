package io.recon4j.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import io.recon4j.analysis.AttentionMap;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.eval.ConfusionMatrix;
import io.recon4j.model.ImportReport;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.Weights;
import io.recon4j.nn.NoGrad;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.MetricsLog;
import io.recon4j.util.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The interactive report of one fine-tuning run folder ({@code recon finetune}'s: {@code metrics.jsonl},
 * {@code config.json}, {@code per-class.md}, {@code confusion.csv} or {@code confusion.png}, {@code ckpt-best.pth}):
 * one self-contained {@code report.html} with the loss and accuracy curves, the confusion matrix, the per-class table
 * and 3D viewers of a few test shapes with the best checkpoint's prediction and the attention of each global query
 * (last layer) painted on the points.
 */
public final class RunReport {

    /** The report's file name inside the run folder. */
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /**
     * Writes {@code runDir/report.html}.
     *
     * @param runDir a fine-tuning run folder
     * @param test the split the run was tested on, for the 3D viewers; null leaves them out
     * @param shapes how many test shapes to show (one per class first), 0 for none
     * @return the report's path
     * @throws IllegalArgumentException when {@code runDir} is not a fine-tuning run folder, or {@code test} has other
     *     classes than the run
     */
    public static Path write(Path runDir, PointCloudDataset test, int shapes) throws IOException {
        Path metrics = runDir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metrics)) {
            throw new IllegalArgumentException(runDir + " is not a fine-tuning run folder: it has no metrics.jsonl");
        }
        if (shapes < 0) {
            throw new IllegalArgumentException("the number of shapes must be at least 0, got " + shapes);
        }
        Path perClass = runDir.resolve("per-class.md");
        List<String> runClasses = Files.isRegularFile(perClass) ? classesOf(Files.readString(perClass)) : List.of();
        if (test != null && !runClasses.isEmpty() && !runClasses.equals(test.classNames())) {
            throw new IllegalArgumentException("the test data's classes " + test.classNames() + " are not the run's " + runClasses
                    + " (give the data options the run was trained with, e.g. --data and --up)");
        }
        Path configFile = runDir.resolve("config.json");
        FineTuneConfig config = Files.isRegularFile(configFile)
                ? new Gson().fromJson(Files.readString(configFile), FineTuneConfig.class) : null;

        HtmlPage page = HtmlPage.titled("recon4j run report: " + runDir.toAbsolutePath().normalize().getFileName());
        page.paragraph(describe(runDir, config));
        page.heading("Training curves");
        page.html(curves(MetricsLog.read(metrics)));
        page.heading("Confusion matrix (best checkpoint, test split)");
        page.html(confusion(runDir));
        if (Files.isRegularFile(perClass)) {
            page.heading("Per-class accuracy");
            page.html(MarkdownTables.toHtml(Files.readString(perClass)));
        }
        Path best = runDir.resolve("ckpt-best.pth");
        if (test != null && shapes > 0 && config != null && Files.isRegularFile(best)) {
            page.heading("Test shapes: prediction and attention");
            page.paragraph("Each point is coloured by the attention its patch receives from a global query in the last block "
                    + "(mean over heads; a point in several kNN patches takes the largest). The scale runs from the least to "
                    + "the most attended patch of that shape; the legend gives both values and the uniform level 1/G. Drag to "
                    + "rotate, wheel to zoom, right-drag to pan; the buttons switch the query.");
            page.viewers(viewers(config, best, test, shapes));
        } else if (test != null && shapes > 0) {
            page.paragraph("No 3D viewers: the run folder lacks config.json or ckpt-best.pth.");
        }
        Path out = runDir.resolve(FILE);
        page.write(out);
        return out;
    }

    private static String describe(Path runDir, FineTuneConfig c) {
        if (c == null) {
            return "Run folder " + runDir + " (no config.json).";
        }
        return String.format(Locale.ROOT, "Run folder %s. Model %d-d, %d blocks, %d heads, %d groups × %d points of %d; %s head; "
                        + "%s; %d epochs, batch %d, lr %.2g, seed %d.", runDir, c.model().transDim(), c.model().depth(),
                c.model().heads(), c.model().numGroups(), c.model().groupSize(), c.model().numPoints(),
                c.head().name().toLowerCase(Locale.ROOT), c.checkpoint() == null ? "from scratch" : "from " + c.checkpoint(),
                c.epochs(), c.batchSize(), c.lr(), c.seed());
    }

    private static String curves(List<Map<String, Object>> records) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if ("epoch".equals(r.get("kind"))) {
                epochs.add(r);
            }
        }
        String lossChart = SvgChart.lines("Loss", "step", "cross-entropy", List.of(
                SvgChart.Series.ofSteps("train (per step)", records, "loss"),
                new SvgChart.Series("test (per epoch)", column(epochs, "step"), column(epochs, "test_loss"))));
        double[] epoch = column(epochs, "epoch");
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] += 1;
        }
        String accChart = SvgChart.lines("Accuracy", "epoch", "%", List.of(
                new SvgChart.Series("train batches", epoch, column(epochs, "acc")),
                new SvgChart.Series("test OA", epoch, column(epochs, "test_acc")),
                new SvgChart.Series("test mAcc", epoch, column(epochs, "test_macc"))));
        return "<div class=\"charts\">" + lossChart + accChart + "</div>";
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).get(key) instanceof Double d ? d : Double.NaN;
        }
        return out;
    }

    private static String confusion(Path runDir) throws IOException {
        Path csv = runDir.resolve("confusion.csv");
        if (Files.isRegularFile(csv)) {
            return confusionTable(ConfusionMatrix.parseCsv(Files.readString(csv)));
        }
        Path png = runDir.resolve("confusion.png");
        if (Files.isRegularFile(png)) {
            return "<img alt=\"confusion matrix\" style=\"max-width:100%\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\">";
        }
        return "<p class=\"muted\">No confusion matrix in the run folder (the run has not finished an epoch).</p>";
    }

    /** @return the matrix as a table, each cell shaded by its share of the row (rows: truth, columns: prediction) */
    static String confusionTable(ConfusionMatrix m) {
        long[][] c = m.counts();
        StringBuilder sb = new StringBuilder("<table class=\"confusion\"><tr><th>truth \\ predicted</th>");
        m.classNames().forEach(n -> sb.append("<th>").append(HtmlPage.escape(n)).append("</th>"));
        sb.append("</tr>\n");
        for (int a = 0; a < c.length; a++) {
            sb.append("<tr><th>").append(HtmlPage.escape(m.classNames().get(a))).append("</th>");
            long support = m.support(a);
            for (int p = 0; p < c.length; p++) {
                double share = support == 0 ? 0 : (double) c[a][p] / support;
                String bg = a == p ? String.format(Locale.ROOT, "rgba(44,160,44,%.2f)", share)
                        : String.format(Locale.ROOT, "rgba(214,39,40,%.2f)", share);
                sb.append(String.format(Locale.ROOT, "<td style=\"background:%s\" title=\"%s as %s: %d of %d\">%d</td>", bg,
                        HtmlPage.escape(m.classNames().get(a)), HtmlPage.escape(m.classNames().get(p)), c[a][p], support, c[a][p]));
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>").toString();
    }

    /** @return the class names of a per-class.md table, in label order */
    static List<String> classesOf(String perClassMd) {
        List<String> out = new ArrayList<>();
        for (List<String> row : MarkdownTables.rows(perClassMd)) {
            out.add(row.get(0));
        }
        return out;
    }

    private static List<CloudView> viewers(FineTuneConfig config, Path best, PointCloudDataset test, int shapes)
            throws IOException {
        List<Integer> picked = pick(test, shapes);
        List<CloudView> views = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier model = ReconClassifier.forCheckpoint(config.model(), test.classNames().size(), config.head(), best);
            model.initialize(m);
            ImportReport r = Weights.loadIntoClassifier(model, best);
            if (!r.missing().isEmpty()) {
                throw new IllegalArgumentException(best + " is not a fine-tuned classifier of the run's size: it lacks "
                        + r.missing().size() + " tensors, e.g. " + r.missing().get(0));
            }
            int depth = config.model().depth();
            for (int index : picked) {
                Sample s = test.get(index);
                float[] xyz = config.protocol().test(config.model().numPoints()).apply(s.points(), new SplittableRandom(index)).xyz();
                AttentionMap.Recording rec = AttentionMap.record(model, m, xyz);
                float[] probs = probabilities(model, m, rec);
                int predicted = argmax(probs);
                String truth = test.classNames().get(s.label());
                CloudView v = CloudView.of(s.id(), xyz).caption(String.format(Locale.ROOT, "%s truth %s · predicted %s (%.0f%%)",
                        predicted == s.label() ? "✓" : "✗", truth, test.classNames().get(predicted), 100 * probs[predicted]));
                views.add(v.attention(rec.globalQueryMaps(), depth));
            }
        }
        return views;
    }

    private static float[] probabilities(ReconClassifier model, NDManager m, AttentionMap.Recording rec) {
        try (NoGrad off = NoGrad.open(); NDManager step = m.newSubManager()) {
            NDArray logits = model.forward(new ParameterStore(m, false), Patches.of(rec.grouping(), step), false);
            return logits.softmax(-1).toFloatArray();
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** @return up to {@code n} test indices: the first shape of each class in label order, then evenly spread others */
    static List<Integer> pick(PointCloudDataset test, int n) throws IOException {
        Set<Integer> out = new LinkedHashSet<>();
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < test.size() && out.size() < n; i++) {
            if (seen.add(test.labelOf(i))) {
                out.add(i);
            }
        }
        for (int k = 0; out.size() < Math.min(n, test.size()); k++) {
            out.add((int) ((long) k * test.size() / Math.min(n, test.size())) % test.size());
            if (k > 2 * test.size()) {
                break;
            }
        }
        return new ArrayList<>(out);
    }
}
