package io.recon4j.report;

import io.recon4j.protocol.Quickstart;
import io.recon4j.train.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interactive page of {@code recon quickstart}: the claims table with each row's baselines, paired CI and
 * verdict (report.md's content), the pretraining loss curves of ReCon and Point-MAE†, the few-shot accuracy per fold
 * of every encoder, and 3D viewers of unseen-class test shapes with the zero-shot prediction and the ReCon encoder's
 * global-query attention painted on the points. One self-contained file; the figures are drawn from what the
 * protocol already measured (no model runs here).
 */
public final class QuickstartReport {

    /** The page's file name inside the run folder. */
    public static final String FILE = "report.html";

    private QuickstartReport() {
    }

    /**
     * Writes {@code runDir/report.html}.
     *
     * @param r the quickstart's result
     * @param runDir its run folder
     * @return the page's path
     */
    public static Path write(Quickstart.Result r, Path runDir) throws IOException {
        Quickstart.Figures f = r.figures();
        HtmlPage page = HtmlPage.titled("recon quickstart");
        page.html(MarkdownTables.toHtml(r.setup()));
        page.heading("Claims: each metric beside its baselines, the paired 95% CI and the verdict");
        page.html(MarkdownTables.toHtml(r.claimsTable()));
        List<String> charts = new ArrayList<>();
        if (!f.pretrainingLogs().isEmpty()) {
            charts.addAll(pretrainingCurves(f.pretrainingLogs()));
        }
        if (!f.fewShotUnseen().isEmpty()) {
            charts.add(perFold(f.fewShotUnseen()));
        }
        if (!charts.isEmpty()) {
            page.heading("Pretraining (seen classes) and few-shot folds (unseen classes)");
            page.html("<div class=\"charts\">" + String.join("\n", charts) + "</div>");
        }
        if (!f.shapes().isEmpty()) {
            page.heading("Unseen-class test shapes: zero-shot prediction and ReCon's attention");
            page.paragraph("Shapes of classes no pretraining saw or named. The caption gives the zero-shot prediction by text "
                    + "(cosine argmax over the unseen class names, on exactly the points shown). Each point is coloured by the "
                    + "attention its patch receives from a global query of the pretrained ReCon encoder in the last block (mean "
                    + "over heads); the buttons switch the query. Drag to rotate, wheel to zoom, right-drag to pan.");
            List<CloudView> views = new ArrayList<>();
            for (Quickstart.ShapeView s : f.shapes()) {
                views.add(CloudView.of(s.id(), s.xyz()).caption(String.format(Locale.ROOT, "%s truth %s · zero-shot %s (cos %.2f)",
                        s.truth().equals(s.predicted()) ? "✓" : "✗", s.truth(), s.predicted(), s.cosine()))
                        .attention(s.attention(), f.depth()));
            }
            page.viewers(views);
        }
        page.html(MarkdownTables.toHtml(r.verdicts()));
        page.html(MarkdownTables.toHtml(r.stageTimes()));
        Path out = runDir.resolve(FILE);
        page.write(out);
        return out;
    }

    /** @return the total loss and its masked-point-modelling term (Chamfer), per step, one line per encoder */
    private static List<String> pretrainingCurves(Map<String, Path> logs) throws IOException {
        List<SvgChart.Series> total = new ArrayList<>();
        List<SvgChart.Series> mdm = new ArrayList<>();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            if (Files.isRegularFile(e.getValue())) {
                List<Map<String, Object>> records = MetricsLog.read(e.getValue());
                total.add(SvgChart.Series.ofSteps(e.getKey(), records, "loss"));
                mdm.add(SvgChart.Series.ofSteps(e.getKey(), records, "mdm"));
            }
        }
        return List.of(SvgChart.lines("Pretraining loss (total, per step)", "step", "loss", total),
                SvgChart.lines("Masked point modelling term (Chamfer L2)", "step", "mdm", mdm));
    }

    /** @return each encoder's few-shot accuracy per fold (the same folds for all) */
    private static String perFold(Map<String, double[]> accuracies) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (Map.Entry<String, double[]> e : accuracies.entrySet()) {
            double[] fold = new double[e.getValue().length];
            for (int i = 0; i < fold.length; i++) {
                fold[i] = i + 1;
            }
            series.add(new SvgChart.Series(e.getKey(), fold, e.getValue()));
        }
        return SvgChart.lines("Few-shot accuracy per fold, unseen classes", "fold", "%", series);
    }
}
