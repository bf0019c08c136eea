package io.recon4j.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A single-channel image of shape (H, W), row-major ({@code pixels[y * W + x]}, y = 0 at the top),
 * values in [0, 1]: in depth images 0 is background and larger is nearer to the camera; silhouettes hold 1
 * everywhere the shape covers; shaded images hold the lit surface's brightness on a white (1) background.
 *
 * @param width W
 * @param height H
 * @param pixels H·W values
 */
public record DepthImage(int width, int height, float[] pixels) {

    public DepthImage {
        if (width <= 0 || height <= 0 || pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + ((long) width * height)
                    + " pixels, got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** @return the value at column x, row y */
    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    /** @return the fraction of pixels with a value &gt; 0: the shape's coverage for depth and silhouette images */
    public double coverage() {
        int n = 0;
        for (float p : pixels) {
            if (p > 0f) {
                n++;
            }
        }
        return n / (double) pixels.length;
    }

    /** @return an 8-bit grey image (0 = black background) */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) Math.round(Math.max(0f, Math.min(1f, pixels[i])) * 255f);
        }
        return img;
    }

    /** Writes the image as an 8-bit grey PNG. */
    public void writePng(Path file) throws IOException {
        if (!ImageIO.write(toBufferedImage(), "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer available");
        }
    }

    /**
     * Lays images of one size out in a grid, row by row, with a 2-pixel grey border between them.
     *
     * @param images at least one, all of the same size
     * @param columns images per row
     */
    public static DepthImage tile(List<DepthImage> images, int columns) {
        if (images.isEmpty() || columns <= 0) {
            throw new IllegalArgumentException("need at least one image and one column");
        }
        int w = images.get(0).width;
        int h = images.get(0).height;
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int gap = 2;
        int tw = cols * w + (cols - 1) * gap;
        int th = rows * h + (rows - 1) * gap;
        float[] out = new float[tw * th];
        java.util.Arrays.fill(out, 0.5f);
        for (int i = 0; i < images.size(); i++) {
            DepthImage im = images.get(i);
            if (im.width != w || im.height != h) {
                throw new IllegalArgumentException("image " + i + " is " + im.width + "x" + im.height + ", expected " + w + "x" + h);
            }
            int ox = (i % cols) * (w + gap);
            int oy = (i / cols) * (h + gap);
            for (int y = 0; y < h; y++) {
                System.arraycopy(im.pixels, y * w, out, (oy + y) * tw + ox, w);
            }
        }
        // Cells left empty in the last row stay grey like the borders.
        return new DepthImage(tw, th, out);
    }
}
