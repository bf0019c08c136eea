package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.analysis.AttentionRecorder;
import io.recon4j.analysis.MassBoundary;
import io.recon4j.image.ImageDataset;
import io.recon4j.nn.NoGrad;
import io.recon4j.probe.AttentiveProbe;
import io.recon4j.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The CAE paper's attention maps: for each test image, where the encoder's last block sends the cls token's
 * attention over the patches, and where the attentive probe's learned query looks, each with a boundary around the
 * smallest set of patches holding half the attention mass ({@link MassBoundary}). The paper's reading: CAE's
 * encoder attends to almost the whole image (a large 50% set), the probe's query to the object.
 *
 * <p>The probabilities are the modules' own, recorded by {@link AttentionRecorder} during the ordinary forward pass;
 * heads are averaged, and the cls token's mass on itself is left out (the map is renormalised over the P patches).
 *
 * <p>Axis letters: B images, H heads, P patches, T = 1 + P tokens.
 */
public final class CaeAttentionMaps {

    /** The share of the attention mass the boundary encloses (the paper's 50%). */
    public static final double MASS = 0.5;

    /**
     * The maps of one image.
     *
     * @param image the dataset index
     * @param label its class
     * @param encoder (P) the last block's cls → patch attention, head-averaged, summing to 1
     * @param encoderSelf the share of the cls row's mass on the cls token itself (left out of {@code encoder})
     * @param probe (P) the probe query's attention over the patches, or null without a probe
     * @param predicted the probe's predicted class, or -1
     */
    public record Maps(int image, int label, double[] encoder, double encoderSelf, double[] probe, int predicted) {
    }

    /**
     * What the grid shows, in numbers.
     *
     * @param maps every image's maps
     * @param encoderSetSize mean size of the encoder's 50% set, in patches
     * @param probeSetSize the same for the probe (NaN without one)
     * @param patches P
     */
    public record Summary(List<Maps> maps, double encoderSetSize, double probeSetSize, int patches) {

        /** @return the mean 50%-mass set sizes in one line (the probe's only when there is one) */
        public String describe() {
            return String.format(Locale.ROOT, "50%%-mass set, mean over %d images: encoder last block (cls) %.1f of %d patches%s",
                    maps.size(), encoderSetSize, patches, Double.isNaN(probeSetSize) ? ""
                            : String.format(Locale.ROOT, "; attentive probe query %.1f of %d", probeSetSize, patches));
        }
    }

    private static final int SCALE = 8;
    private static final int GAP = 6;
    private static final int HEADER = 24;

    private CaeAttentionMaps() {
    }

    /**
     * Records the maps of the given test images.
     *
     * @param encoder the CAE encoder (every patch visible, eval mode)
     * @param probe an attentive probe trained on this encoder's tokens, or null
     * @param test normalised test images
     * @param indices which images
     * @param manager owner of the arrays
     */
    public static Summary record(CaeEncoder encoder, AttentiveProbe probe, ImageDataset test, int[] indices, NDManager manager) {
        CaeConfig c = encoder.config();
        int p = c.numPatches();
        List<Maps> maps = new ArrayList<>();
        try (NDManager m = manager.newSubManager(); NoGrad off = NoGrad.open()) {
            NDArray images = ImageBatches.load(test, indices, m);
            NDArray tokens;
            AttentionRecorder.Map4 last;
            try (AttentionRecorder rec = AttentionRecorder.attach(encoder)) {
                tokens = encoder.encode(images);
                last = rec.maps().stream().max(Comparator.comparingInt(x -> x.site().layer())).orElseThrow(
                        () -> new IllegalStateException("the encoder reported no attention"));
            }
            AttentionRecorder.Map4 query = null;
            int[] predicted = new int[indices.length];
            java.util.Arrays.fill(predicted, -1);
            if (probe != null) {
                if (probe.dim() != c.dim()) {
                    throw new IllegalArgumentException("the probe reads " + probe.dim() + "-d tokens, the encoder gives "
                            + c.dim() + "-d ones: not trained on this encoder");
                }
                try (AttentionRecorder rec = AttentionRecorder.attach(probe)) {
                    NDArray logits = probe.forward(new ParameterStore(m, false), tokens, false);
                    long[] argMax = logits.argMax(1).toLongArray();
                    for (int b = 0; b < argMax.length; b++) {
                        predicted[b] = (int) argMax[b];
                    }
                    query = rec.maps().get(0);
                }
            }
            for (int b = 0; b < indices.length; b++) {
                double[] enc = headMean(last, b, 0);
                double self = enc[0];
                maps.add(new Maps(indices[b], test.label(indices[b]), patches(enc, p), self,
                        query == null ? null : patches(headMean(query, b, 0), p), predicted[b]));
            }
        }
        double encoderSet = maps.stream().mapToInt(x -> MassBoundary.count(MassBoundary.smallestSet(x.encoder(), MASS)))
                .average().orElse(Double.NaN);
        double probeSet = probe == null ? Double.NaN : maps.stream()
                .mapToInt(x -> MassBoundary.count(MassBoundary.smallestSet(x.probe(), MASS))).average().orElse(Double.NaN);
        return new Summary(maps, encoderSet, probeSet, p);
    }

    /** @return (T) row {@code row} of image b's (H, Lq, T) probabilities, averaged over the heads */
    static double[] headMean(AttentionRecorder.Map4 map, int b, int row) {
        long[] s = map.shape();
        int h = (int) s[1];
        int lq = (int) s[2];
        int t = (int) s[3];
        double[] out = new double[t];
        for (int head = 0; head < h; head++) {
            int base = ((b * h + head) * lq + row) * t;
            for (int j = 0; j < t; j++) {
                out[j] += map.probs()[base + j] / h;
            }
        }
        return out;
    }

    /** @return (P) the patch part of a (1 + P) token row, renormalised to sum to 1 */
    static double[] patches(double[] row, int p) {
        if (row.length != p + 1) {
            throw new IllegalStateException("expected 1 + " + p + " tokens, got " + row.length);
        }
        double sum = 0;
        for (int j = 1; j <= p; j++) {
            sum += row[j];
        }
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = row[j + 1] / sum;
        }
        return out;
    }

    /**
     * Draws one row per image: the input, then the encoder's map, then the probe's map (when there is one), each
     * map a heat overlay with the 50%-mass set outlined.
     *
     * @param s recorded maps
     * @param test the images (for display; each is min–max scaled)
     * @param c the encoder's architecture (image and patch size)
     * @param classNames class names for the row labels
     * @param png output
     */
    public static void write(Summary s, ImageDataset test, CaeConfig c, List<String> classNames, Path png) throws IOException {
        boolean withProbe = s.maps().get(0).probe() != null;
        int cols = withProbe ? 3 : 2;
        int cell = c.imageSize() * SCALE;
        int width = cols * (cell + GAP) + GAP;
        int height = HEADER + s.maps().size() * (cell + GAP + 14) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            String[] heads = {"input", "encoder: last block, cls", "attentive probe: query"};
            for (int k = 0; k < cols; k++) {
                g.drawString(heads[k], GAP + k * (cell + GAP), 17);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int r = 0; r < s.maps().size(); r++) {
                Maps m = s.maps().get(r);
                int top = HEADER + r * (cell + GAP + 14);
                float[] gray = grayscale(test, m.image(), c);
                drawCell(g, gray, null, null, c, GAP, top);
                drawCell(g, gray, m.encoder(), MassBoundary.smallestSet(m.encoder(), MASS), c, GAP + cell + GAP, top);
                if (withProbe) {
                    drawCell(g, gray, m.probe(), MassBoundary.smallestSet(m.probe(), MASS), c, GAP + 2 * (cell + GAP), top);
                }
                g.setColor(Color.BLACK);
                String label = classNames.get(m.label()) + String.format(java.util.Locale.ROOT, " | 50%%: %d patches",
                        MassBoundary.count(MassBoundary.smallestSet(m.encoder(), MASS)));
                g.drawString(label, GAP, top + cell + 12);
                g.drawString(String.format(java.util.Locale.ROOT, "cls→cls %.0f%% (left out)", 100 * m.encoderSelf()),
                        GAP + cell + GAP, top + cell + 12);
                if (withProbe) {
                    g.drawString(String.format(java.util.Locale.ROOT, "50%%: %d patches; predicted %s",
                            MassBoundary.count(MassBoundary.smallestSet(m.probe(), MASS)), classNames.get(m.predicted())),
                            GAP + 2 * (cell + GAP), top + cell + 12);
                }
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    /** @return (H·W) the first channel of image i, scaled to [0, 1] */
    private static float[] grayscale(ImageDataset data, int i, CaeConfig c) {
        float[] x;
        try (NDManager m = NDManager.newBaseManager()) {
            x = data.images(m, i, i + 1).toFloatArray();
        }
        int hw = c.imageSize() * c.imageSize();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < hw; k++) {
            lo = Math.min(lo, x[k]);
            hi = Math.max(hi, x[k]);
        }
        float[] out = new float[hw];
        for (int k = 0; k < hw; k++) {
            out[k] = hi > lo ? (x[k] - lo) / (hi - lo) : 0;
        }
        return out;
    }

    /** The image in grey; with a map, each patch tinted by its weight (relative to the map's largest) and the set outlined. */
    private static void drawCell(Graphics2D g, float[] gray, double[] weights, boolean[] set, CaeConfig c, int left, int top) {
        int size = c.imageSize();
        int patch = c.patchSize();
        int grid = c.gridSize();
        double max = 0;
        if (weights != null) {
            for (double w : weights) {
                max = Math.max(max, w);
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = gray[y * size + x];
                int rgb;
                if (weights == null) {
                    int q = Math.round(255 * v);
                    rgb = (q << 16) | (q << 8) | q;
                } else {
                    double a = weights[(y / patch) * grid + x / patch] / max;
                    // A dark-red-to-yellow heat scale, half-blended with the image so the object stays readable.
                    double r = Math.min(1, 2 * a);
                    double gr = Math.max(0, 2 * a - 1);
                    int rr = (int) Math.round(255 * (0.5 * r + 0.5 * v));
                    int gg = (int) Math.round(255 * (0.5 * gr + 0.5 * v));
                    int bb = (int) Math.round(255 * (0.5 * v));
                    rgb = (rr << 16) | (gg << 8) | bb;
                }
                g.setColor(new Color(rgb));
                g.fillRect(left + x * SCALE, top + y * SCALE, SCALE, SCALE);
            }
        }
        if (set == null) {
            return;
        }
        g.setColor(new Color(0x00e5ff));
        g.setStroke(new BasicStroke(3f));
        int side = patch * SCALE;
        for (int py = 0; py < grid; py++) {
            for (int px = 0; px < grid; px++) {
                if (!set[py * grid + px]) {
                    continue;
                }
                int x0 = left + px * side;
                int y0 = top + py * side;
                // An edge is on the boundary when the patch across it is outside the set (or off the grid).
                if (py == 0 || !set[(py - 1) * grid + px]) {
                    g.drawLine(x0, y0, x0 + side, y0);
                }
                if (py == grid - 1 || !set[(py + 1) * grid + px]) {
                    g.drawLine(x0, y0 + side, x0 + side, y0 + side);
                }
                if (px == 0 || !set[py * grid + px - 1]) {
                    g.drawLine(x0, y0, x0, y0 + side);
                }
                if (px == grid - 1 || !set[py * grid + px + 1]) {
                    g.drawLine(x0 + side, y0, x0 + side, y0 + side);
                }
            }
        }
    }
}
