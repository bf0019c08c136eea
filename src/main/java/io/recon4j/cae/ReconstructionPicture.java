package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.nn.NoGrad;
import io.recon4j.util.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A PNG of what a pixel-target CAE reconstructs: one row per image, columns input | masked input (masked patches
 * grey) | reconstruction (visible patches from the input, masked ones predicted by the decoder).
 */
final class ReconstructionPicture {

    private static final int SCALE = 4;
    private static final int GAP = 4;

    private ReconstructionPicture() {
    }

    /**
     * @param model the trained model (run in eval mode, no gradient)
     * @param target the pixel target it was trained with
     * @param images (B, C, H, W) normalised images
     * @param mask which patches to hide
     * @param mean per-channel normalisation mean (to show [0, 1] pixels)
     * @param std per-channel normalisation std
     * @param png output file
     */
    static void write(ContextAutoencoder model, PixelTarget target, NDArray images, PatchMask mask, float[] mean,
                      float[] std, Path png) throws IOException {
        CaeConfig c = model.config();
        NDManager m = images.getManager();
        float[] input = images.toFloatArray();
        float[] hidden;
        float[] rebuilt;
        try (NoGrad off = NoGrad.open()) {
            NDArray maskedIdx = mask.masked(m);
            NDArray predicted = target.toPixels(model.forward(new ParameterStore(m, false), images, mask, false).predictions(),
                    images, maskedIdx);
            float[] patches = Patches.patchify(images, c.patchSize()).toFloatArray();
            float[] grey = patches.clone();
            float[] pred = predicted.toFloatArray();
            int d = c.patchPixels();
            int per = mask.maskedCount();
            for (int b = 0; b < mask.batch(); b++) {
                for (int k = 0; k < per; k++) {
                    int row = (int) ((long) b * c.numPatches() + mask.masked()[b * per + k]);
                    System.arraycopy(pred, (b * per + k) * d, patches, row * d, d);
                    for (int j = 0; j < d; j++) {
                        int ch = j % c.channels();
                        grey[row * d + j] = (0.5f - mean[ch]) / std[ch];
                    }
                }
            }
            Shape shape = new Shape(mask.batch(), c.numPatches(), d);
            hidden = Patches.unpatchify(m.create(grey, shape), c.patchSize(), c.channels()).toFloatArray();
            rebuilt = Patches.unpatchify(m.create(patches, shape), c.patchSize(), c.channels()).toFloatArray();
        }
        BufferedImage img = render(new float[][] {input, hidden, rebuilt}, mask.batch(), c.channels(), c.imageSize(), mean, std);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    static BufferedImage render(float[][] columns, int rows, int channels, int size, float[] mean, float[] std) {
        int cell = size * SCALE;
        BufferedImage img = new BufferedImage(columns.length * (cell + GAP) + GAP, rows * (cell + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        int plane = size * size;
        for (int col = 0; col < columns.length; col++) {
            for (int r = 0; r < rows; r++) {
                for (int y = 0; y < size * SCALE; y++) {
                    for (int x = 0; x < size * SCALE; x++) {
                        int[] rgb = new int[3];
                        for (int k = 0; k < 3; k++) {
                            int ch = channels == 1 ? 0 : k;
                            float v = columns[col][(r * channels + ch) * plane + (y / SCALE) * size + x / SCALE];
                            rgb[k] = Math.round(255 * Math.max(0f, Math.min(1f, v * std[ch] + mean[ch])));
                        }
                        img.setRGB(GAP + col * (cell + GAP) + x, GAP + r * (cell + GAP) + y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                    }
                }
            }
        }
        return img;
    }
}
