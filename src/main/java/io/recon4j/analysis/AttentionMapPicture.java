package io.recon4j.analysis;

import io.recon4j.render.ColouredPoints;
import io.recon4j.render.Colormap;
import io.recon4j.render.RenderConfig;
import io.recon4j.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * An {@link AttentionMap.Result} as a picture: the painted cloud from three viewpoints side by side, a colour bar
 * (attention per patch, with the uniform level 1/G marked) and, for a local token, a red ring on its patch centre.
 */
public final class AttentionMapPicture {

    private static final int VIEW = 320;
    private static final int VIEWS = 3;
    private static final int TITLE = 34;
    private static final int BAR = 110;

    private AttentionMapPicture() {
    }

    /** @return the scale's bottom and top: the smallest and largest patch weight */
    static double[] range(AttentionMap.Result r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float w : r.patchWeights()) {
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
        }
        return new double[] {lo, hi};
    }

    /** @return (N) 0xRRGGBB per point on the min..max scale of the patch weights */
    public static int[] colours(AttentionMap.Result r) {
        double[] lr = range(r);
        return Colormap.rgb(r.pointWeights(), lr[0], lr[1]);
    }

    /** @param title the line above the views (e.g. file, checkpoint, which token) */
    public static BufferedImage draw(AttentionMap.Result r, String title) {
        ColouredPoints painter = new ColouredPoints(new RenderConfig(VIEW, VIEWS, 25, 30, 3.2, RenderConfig.Axis.Y,
                RenderConfig.Mode.DEPTH));
        int[] rgb = colours(r);
        BufferedImage out = new BufferedImage(VIEWS * VIEW + BAR, VIEW + TITLE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, 10, 22);
        float[] mark = r.markedCenter();
        for (int v = 0; v < VIEWS; v++) {
            g.drawImage(painter.render(r.points(), rgb, v), v * VIEW, TITLE, null);
            if (mark != null) {
                double[] p = painter.camera().project(mark, 0, v);
                g.setColor(Color.RED);
                g.setStroke(new BasicStroke(2.5f));
                g.drawOval((int) Math.round(v * VIEW + p[0] - 11), (int) Math.round(TITLE + p[1] - 11), 22, 22);
                g.drawLine((int) Math.round(v * VIEW + p[0] - 4), (int) Math.round(TITLE + p[1]),
                        (int) Math.round(v * VIEW + p[0] + 4), (int) Math.round(TITLE + p[1]));
            }
        }
        colourBar(g, r, VIEWS * VIEW + 20, TITLE + 20, 22, VIEW - 50);
        g.dispose();
        return out;
    }

    private static void colourBar(Graphics2D g, AttentionMap.Result r, int x, int y, int w, int h) {
        double[] lr = range(r);
        for (int i = 0; i < h; i++) {
            g.setColor(new Color(Colormap.rgb(1 - (double) i / (h - 1))));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.4f", lr[1]), x - 4, y - 5);
        g.drawString(String.format(Locale.ROOT, "%.4f", lr[0]), x - 4, y + h + 14);
        double uniform = 1.0 / r.patchWeights().length;
        if (lr[1] > lr[0] && uniform > lr[0] && uniform < lr[1]) {
            int uy = (int) Math.round(y + (lr[1] - uniform) / (lr[1] - lr[0]) * h);
            g.drawLine(x - 3, uy, x + w + 3, uy);
            g.drawString("1/G", x + w + 5, uy + 4);
        }
        g.drawString("attention", x - 6, y + h + 30);
    }

    /** Writes the picture as PNG (atomically). */
    public static void writePng(AttentionMap.Result r, String title, Path png) throws IOException {
        BufferedImage img = draw(r, title);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }
}
