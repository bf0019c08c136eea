package io.recon4j.render;

import java.awt.image.BufferedImage;

/**
 * Points with a colour each, drawn as discs from {@link DepthRenderer}'s viewpoints (same cameras, same framing)
 * on white, nearer discs over farther ones; a slight darkening with distance keeps the shape readable.
 */
public final class ColouredPoints {

    /** Farthest points keep this share of their brightness. */
    private static final double FAR_SHADE = 0.65;

    private final DepthRenderer camera;

    /** @param config image size, views, elevation, splat radius (mode is ignored) */
    public ColouredPoints(RenderConfig config) {
        this.camera = new DepthRenderer(config);
    }

    /** @return the cameras, e.g. to project a marker with {@link DepthRenderer#project} */
    public DepthRenderer camera() {
        return camera;
    }

    /**
     * @param xyz (N, 3) points inside the unit sphere
     * @param rgb (N) colours 0xRRGGBB
     * @param view view index
     * @return a size × size RGB image
     */
    public BufferedImage render(float[] xyz, int[] rgb, int view) {
        RenderConfig c = camera.config();
        int s = c.size();
        int n = xyz.length / 3;
        if (rgb.length != n) {
            throw new IllegalArgumentException(n + " points but " + rgb.length + " colours");
        }
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        float[] zbuf = new float[s * s];
        java.util.Arrays.fill(zbuf, Float.NEGATIVE_INFINITY);
        int[] pixels = new int[s * s];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        double r = c.pointRadius();
        int reach = (int) Math.ceil(r);
        for (int i = 0; i < n; i++) {
            double[] p = camera.project(xyz, i, view);
            int cx = (int) Math.floor(p[0]);
            int cy = (int) Math.floor(p[1]);
            float depth = (float) p[2];
            // Depth lies in [-1, 1] for a normalised cloud: nearer is brighter.
            int shaded = shade(rgb[i], FAR_SHADE + (1 - FAR_SHADE) * Math.max(0, Math.min(1, (p[2] + 1) / 2)));
            for (int y = Math.max(0, cy - reach); y <= Math.min(s - 1, cy + reach); y++) {
                double dy = y + 0.5 - p[1];
                for (int x = Math.max(0, cx - reach); x <= Math.min(s - 1, cx + reach); x++) {
                    double dx = x + 0.5 - p[0];
                    if (dx * dx + dy * dy <= r * r && depth > zbuf[y * s + x]) {
                        zbuf[y * s + x] = depth;
                        pixels[y * s + x] = shaded;
                    }
                }
            }
        }
        img.setRGB(0, 0, s, s, pixels, 0, s);
        return img;
    }

    private static int shade(int rgb, double f) {
        int r = (int) Math.round(((rgb >> 16) & 255) * f);
        int g = (int) Math.round(((rgb >> 8) & 255) * f);
        int b = (int) Math.round((rgb & 255) * f);
        return (r << 16) | (g << 8) | b;
    }
}
