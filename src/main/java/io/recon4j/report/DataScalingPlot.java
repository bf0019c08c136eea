package io.recon4j.report;

import io.recon4j.analysis.ScatterPanels;
import io.recon4j.protocol.DataScaling;
import io.recon4j.util.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of {@link DataScaling} in the manner of the ReCon paper's Figure 1a: accuracy against the share of
 * the training split used for pretraining, one line per method; few-shot on the left (mean of the folds with its 95%
 * interval, ±1.96 standard errors), then the linear SVM and the logistic probe on the same frozen features (one value
 * per point: the official SVM's fixed C is sensitive to the scale of a young encoder's features, the probe's z-scoring
 * and cross-validated C are not). A baseline without pretraining, where given, is a grey dashed line across each panel.
 */
public final class DataScalingPlot {

    /** Pixels of one panel; the picture is three panels side by side. */
    static final int WIDTH = 560;
    static final int HEIGHT = 480;
    /** Horizontal distance between two methods' markers at one fraction, in percentage points of data. */
    static final double OFFSET = 1.2;
    /** Colour of the baseline's line: a blue-grey that neither a method nor anti-aliased black text produces. */
    static final Color BASELINE = new Color(0x77, 0x77, 0x88);

    private DataScalingPlot() {
    }

    /**
     * @param s the data-scaling results
     * @param png output file, written atomically
     * @throws IOException when the file cannot be written
     */
    public static void write(DataScaling s, Path png) throws IOException {
        XYChart fewShot = panel(s, s.way() + "-way few-shot: mean of folds ± 95% CI, %", p -> p.foldMean(), DataScalingPlot::halfWidth);
        XYChart svm = panel(s, "linear SVM test accuracy, %", DataScaling.Point::svm, p -> Double.NaN);
        XYChart logistic = panel(s, "logistic probe test accuracy, %", DataScaling.Point::logistic, p -> Double.NaN);
        List<BufferedImage> panels = List.of(BitmapEncoder.getBufferedImage(fewShot), BitmapEncoder.getBufferedImage(svm),
                BitmapEncoder.getBufferedImage(logistic));
        BufferedImage all = new BufferedImage(panels.stream().mapToInt(BufferedImage::getWidth).sum(),
                panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(all, "png", out));
    }

    /** One panel: a line per method through the fractions where it has a value. */
    private static XYChart panel(DataScaling s, String yTitle, ToDoubleFunction<DataScaling.Point> y,
                                 ToDoubleFunction<DataScaling.Point> errorBar) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(yTitle)
                .xAxisTitle("pretraining data, % of the training split").yAxisTitle("%").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setMarkerSize(8);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(105.0);
        DataScaling.Point b = s.baseline();
        double level = b == null ? Double.NaN : y.applyAsDouble(b);
        if (Double.isFinite(level)) {
            XYSeries base = chart.addSeries(b.method() + " (no pretraining)", List.of(0.0, 105.0), List.of(level, level));
            base.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
            base.setLineColor(BASELINE).setLineStyle(SeriesLines.DASH_DASH);
        }
        List<String> methods = s.methods();
        for (int k = 0; k < methods.size(); k++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (double f : s.fractions()) {
                DataScaling.Point p = s.point(f, methods.get(k));
                double v = y.applyAsDouble(p);
                if (Double.isFinite(v)) {
                    // Methods sit a little apart at each fraction so that their intervals do not hide each other.
                    xs.add(100 * f + OFFSET * (k - (methods.size() - 1) / 2.0));
                    ys.add(v);
                    double e = errorBar.applyAsDouble(p);
                    errs.add(Double.isFinite(e) ? e : 0.0);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = errs.stream().anyMatch(e -> e > 0)
                    ? chart.addSeries(methods.get(k), xs, ys, errs) : chart.addSeries(methods.get(k), xs, ys);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ScatterPanels.colour(k));
            series.setLineColor(ScatterPanels.colour(k));
        }
        return chart;
    }

    /** Half-width of the normal 95% interval of the folds' mean (sample std: the population std is the official summary's). */
    static double halfWidth(DataScaling.Point p) {
        int n = p.folds().length;
        return n < 2 ? Double.NaN : 1.96 * p.foldStd() * Math.sqrt(n / (n - 1.0)) / Math.sqrt(n);
    }
}
