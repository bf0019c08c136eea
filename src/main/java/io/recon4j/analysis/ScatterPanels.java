package io.recon4j.analysis;

import io.recon4j.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Side-by-side 2-D scatter plots of labelled points (e.g. t-SNE maps of two encoders), each point coloured by its
 * class, one shared legend underneath. Each panel is scaled to its own points: t-SNE coordinates carry no units.
 */
public final class ScatterPanels {

    /**
     * One panel.
     *
     * @param title drawn above the panel (e.g. which encoder, and a score)
     * @param xy (N, 2) row-major coordinates
     * @param labels (N) class of each point
     */
    public record Panel(String title, float[] xy, int[] labels) {
    }

    /** Tableau's ten categorical colours (matplotlib's tab10), then greys for any further class. */
    private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};
    static final int SIDE = 440;
    private static final int MARGIN = 16;
    private static final int TITLE = 40;
    private static final int LEGEND_ROW = 20;

    private ScatterPanels() {
    }

    /** @return the colour of class (or series) {@code c}: matplotlib's tab10, then grey */
    public static Color colour(int c) {
        return c < PALETTE.length ? new Color(PALETTE[c]) : Color.GRAY;
    }

    /**
     * @param panels drawn left to right
     * @param classNames legend entries, by class index
     * @return the picture
     */
    public static BufferedImage render(List<Panel> panels, List<String> classNames) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panel to draw");
        }
        int perRow = Math.max(1, Math.min(5, (panels.size() * (SIDE + MARGIN)) / 180));
        int legendRows = (classNames.size() + perRow - 1) / perRow;
        int width = panels.size() * (SIDE + MARGIN) + MARGIN;
        int height = TITLE + SIDE + MARGIN + legendRows * LEGEND_ROW + MARGIN;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (int k = 0; k < panels.size(); k++) {
                drawPanel(g, panels.get(k), MARGIN + k * (SIDE + MARGIN), TITLE);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int colWidth = (width - 2 * MARGIN) / perRow;
            for (int c = 0; c < classNames.size(); c++) {
                int x = MARGIN + (c % perRow) * colWidth;
                int y = TITLE + SIDE + MARGIN + (c / perRow) * LEGEND_ROW;
                g.setColor(colour(c));
                g.fill(new Ellipse2D.Double(x, y + 4, 10, 10));
                g.setColor(Color.BLACK);
                g.drawString(classNames.get(c), x + 16, y + 14);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG atomically. */
    public static void write(List<Panel> panels, List<String> classNames, Path png) throws IOException {
        BufferedImage img = render(panels, classNames);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static void drawPanel(Graphics2D g, Panel p, int left, int top) {
        int n = p.labels().length;
        if (p.xy().length != 2 * n) {
            throw new IllegalArgumentException("panel '" + p.title() + "': " + p.xy().length + " coordinates for " + n + " points");
        }
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, p.xy()[2 * i]);
            maxX = Math.max(maxX, p.xy()[2 * i]);
            minY = Math.min(minY, p.xy()[2 * i + 1]);
            maxY = Math.max(maxY, p.xy()[2 * i + 1]);
        }
        // One scale for both axes keeps the map's shape; 4% padding keeps the outermost points inside.
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9) * 1.08;
        double cx = (minX + maxX) / 2.0;
        double cy = (minY + maxY) / 2.0;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        String[] lines = p.title().split("\n", 2);
        g.drawString(lines[0], left, top - (lines.length > 1 ? 22 : 8));
        if (lines.length > 1) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(lines[1], left, top - 6);
        }
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, SIDE, SIDE);
        for (int i = 0; i < n; i++) {
            double x = left + SIDE / 2.0 + (p.xy()[2 * i] - cx) / span * SIDE;
            double y = top + SIDE / 2.0 - (p.xy()[2 * i + 1] - cy) / span * SIDE;
            Color c = colour(p.labels()[i]);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 200));
            g.fill(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5));
        }
    }
}
