package io.recon4j.report;

import io.recon4j.analysis.ScatterPanels;
import io.recon4j.protocol.FewShotComparison;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of a paired few-shot comparison: one point per paired fold, B's best accuracy across, A's up, coloured
 * by seed, beside the diagonal A = B — a point above it is a fold A won. The title carries the mean difference, its
 * 95% interval and p, so the picture and the table cannot disagree.
 */
public final class PairedFoldsPlot {

    /** Pixels of the square chart. */
    static final int SIDE = 640;
    /** The diagonal's dark grey, slightly blue: no antialiased black text has it. */
    static final java.awt.Color DIAGONAL = new java.awt.Color(0x3c, 0x3c, 0x46);

    private PairedFoldsPlot() {
    }

    /**
     * @param c the comparison
     * @param nameA label of method A (the y axis)
     * @param nameB label of method B (the x axis)
     * @param seedLabels legend entry of each seed index of {@link FewShotComparison#seedOf()}
     * @param png output file, written atomically
     */
    public static void write(FewShotComparison c, String nameA, String nameB, List<String> seedLabels, Path png) throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.a().length; i++) {
            lo = Math.min(lo, Math.min(c.a()[i], c.b()[i]));
            hi = Math.max(hi, Math.max(c.a()[i], c.b()[i]));
        }
        // A margin of a few points keeps markers off the frame; the axes are equal so the diagonal is at 45°.
        lo = Math.max(0, Math.floor(lo - 3));
        hi = Math.min(100, Math.ceil(hi + 3));
        XYChart chart = new XYChartBuilder().width(SIDE).height(SIDE)
                .title(String.format(Locale.ROOT, "%s - %s: %s", nameA, nameB, c.comparison()))
                .xAxisTitle(nameB + ": best test accuracy per fold, %").yAxisTitle(nameA + ": same fold, %").build();
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        XYSeries diagonal = chart.addSeries(nameA + " = " + nameB, new double[] {lo, hi}, new double[] {lo, hi});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(DIAGONAL);
        for (int s = 0; s < seedLabels.size(); s++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < c.a().length; i++) {
                if (c.seedOf()[i] == s) {
                    xs.add(c.b()[i]);
                    ys.add(c.a()[i]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(seedLabels.get(s) + " (" + xs.size() + " folds)", xs, ys)
                        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                        .setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ScatterPanels.colour(s));
            }
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
