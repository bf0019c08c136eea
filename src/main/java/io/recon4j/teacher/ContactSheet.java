package io.recon4j.teacher;

import io.recon4j.render.DepthImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import io.recon4j.util.AtomicFiles;

/**
 * A PNG that shows what an image teacher sees: one row per example shape, and per render configuration its
 * first view beside the classifier's top-5 labels with probabilities (labels related to the shape's category in
 * green). Headless Java2D, no fonts beyond the JDK's logical ones.
 */
public final class ContactSheet {

    private static final int THUMB = 128;
    private static final int NAME_W = 150;
    private static final int LABELS_W = 230;
    private static final int HEADER_H = 28;
    private static final int PAD = 6;
    private static final Color RELATED = new Color(0, 120, 0);

    private ContactSheet() {
    }

    /**
     * @param results one per render configuration, with the same examples in the same order
     * @param related which labels to mark as sensible
     * @param png the file to write (atomically)
     */
    public static void write(List<TeacherInspection.Result> results, RelatedLabels related, Path png) throws IOException {
        BufferedImage img = draw(results, related);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** @return the sheet as an RGB image */
    static BufferedImage draw(List<TeacherInspection.Result> results, RelatedLabels related) {
        if (results.isEmpty() || results.get(0).examples().isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: no render results or no example shapes");
        }
        int rows = results.get(0).examples().size();
        for (TeacherInspection.Result r : results) {
            if (r.examples().size() != rows) {
                throw new IllegalArgumentException("every render must show the same " + rows + " examples, " + r.mode()
                        + " shows " + r.examples().size());
            }
        }
        int colW = THUMB + LABELS_W + PAD;
        int width = NAME_W + results.size() * colW;
        int rowH = THUMB + PAD;
        BufferedImage img = new BufferedImage(width, HEADER_H + rows * rowH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("shape", PAD, 19);
            for (int m = 0; m < results.size(); m++) {
                TeacherInspection.Result r = results.get(m);
                g.drawString(String.format(Locale.ROOT, "%s (view 1 of %d) | top-5", r.mode(), r.render().views()),
                        NAME_W + m * colW, 19);
            }
            for (int e = 0; e < rows; e++) {
                int y = HEADER_H + e * rowH;
                g.setColor(new Color(0xDD, 0xDD, 0xDD));
                g.drawLine(0, y - PAD / 2, width, y - PAD / 2);
                TeacherInspection.Example first = results.get(0).examples().get(e);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.drawString(first.category(), PAD, y + 20);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                g.drawString(first.id(), PAD, y + 38);
                for (int m = 0; m < results.size(); m++) {
                    TeacherInspection.Example ex = results.get(m).examples().get(e);
                    int x = NAME_W + m * colW;
                    g.drawImage(ex.view().toBufferedImage(), x, y, THUMB, THUMB, null);
                    g.setColor(Color.GRAY);
                    g.drawRect(x, y, THUMB - 1, THUMB - 1);
                    labels(g, ex, related, x + THUMB + PAD, y);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void labels(Graphics2D g, TeacherInspection.Example ex, RelatedLabels related, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<ClassLabels.Prediction> top = ex.top();
        if (top.isEmpty()) {
            g.setColor(Color.GRAY);
            g.drawString("(no classifier)", x, y + 20);
            return;
        }
        for (int k = 0; k < top.size(); k++) {
            ClassLabels.Prediction p = top.get(k);
            boolean ok = related.related(ex.category(), p.label());
            g.setColor(ok ? RELATED : Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, ok ? Font.BOLD : Font.PLAIN, 12));
            String name = p.label().length() > 24 ? p.label().substring(0, 23) + "…" : p.label();
            g.drawString(String.format(Locale.ROOT, "%.2f  %s", p.probability(), name), x, y + 20 + 22 * k);
        }
    }
}
