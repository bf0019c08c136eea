package io.recon4j.eval;

import io.recon4j.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a confusion matrix as a PNG heat map (Java2D): rows are true classes, columns predictions,
 * each cell shaded by its share of the row (so rare classes are as readable as common ones) and
 * labelled with its count when there is room.
 */
public final class ConfusionImage {

    private static final int MARGIN = 16;

    private ConfusionImage() {
    }

    /**
     * Writes the image atomically.
     *
     * @param matrix the counts
     * @param title a line above the matrix (e.g. the model and its accuracies)
     * @param png output file
     */
    public static void write(ConfusionMatrix matrix, String title, Path png) throws IOException {
        BufferedImage image = render(matrix, title);
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** @return the rendered image */
    public static BufferedImage render(ConfusionMatrix matrix, String title) {
        int k = matrix.classes();
        int cell = Math.max(12, Math.min(48, 900 / k));
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(13, cell - 4)));
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, cell / 3));
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics lm = pg.getFontMetrics(labelFont);
        int labelWidth = 0;
        for (String name : matrix.classNames()) {
            labelWidth = Math.max(labelWidth, lm.stringWidth(name));
        }
        pg.dispose();
        int titleHeight = 40;
        int left = MARGIN + labelWidth + 8;
        int top = titleHeight + labelWidth + 8;
        int width = Math.max(left + k * cell + MARGIN, 420);
        int height = top + k * cell + MARGIN + 20;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, MARGIN, 24);
        g.setFont(labelFont);
        g.drawString("rows: true class, columns: predicted; shade = share of the row", MARGIN, height - 8);

        long[][] counts = matrix.counts();
        g.setFont(cellFont);
        FontMetrics cm = g.getFontMetrics();
        for (int r = 0; r < k; r++) {
            long support = matrix.support(r);
            for (int c = 0; c < k; c++) {
                double share = support == 0 ? 0 : (double) counts[r][c] / support;
                g.setColor(shade(share));
                int x = left + c * cell;
                int y = top + r * cell;
                g.fillRect(x, y, cell, cell);
                if (counts[r][c] > 0 && cell >= 18) {
                    String s = Long.toString(counts[r][c]);
                    if (cm.stringWidth(s) < cell - 2) {
                        g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                        g.drawString(s, x + (cell - cm.stringWidth(s)) / 2, y + (cell + cm.getAscent()) / 2 - 2);
                    }
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, k * cell, k * cell);

        g.setColor(Color.BLACK);
        g.setFont(labelFont);
        for (int i = 0; i < k; i++) {
            String name = matrix.classNames().get(i);
            // Row labels right-aligned left of the grid.
            g.drawString(name, left - 6 - lm.stringWidth(name), top + i * cell + (cell + lm.getAscent()) / 2 - 2);
            // Column labels rotated, reading upwards above the grid.
            AffineTransform saved = g.getTransform();
            g.translate(left + i * cell + (cell + lm.getAscent()) / 2 - 2, top - 6);
            g.rotate(-Math.PI / 2);
            g.drawString(name, 0, 0);
            g.setTransform(saved);
        }
        g.dispose();
        return img;
    }

    /** White at 0, dark blue at 1. */
    private static Color shade(double share) {
        double t = Math.max(0, Math.min(1, share));
        int r = (int) Math.round(255 - t * (255 - 8));
        int gr = (int) Math.round(255 - t * (255 - 48));
        int b = (int) Math.round(255 - t * (255 - 107));
        return new Color(r, gr, b);
    }
}
