package io.recon4j.render;

/**
 * A perceptually ordered colour scale for scalar values painted on points (attention maps): dark blue → teal →
 * green → yellow, interpolated linearly between anchors sampled from matplotlib's viridis (CC0).
 */
public final class Colormap {

    private static final int[][] ANCHORS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
        {31, 158, 137}, {53, 183, 121}, {110, 206, 88}, {181, 222, 43}, {253, 231, 37},
    };

    private Colormap() {
    }

    /** @param t position on the scale, clamped to [0, 1] @return 0xRRGGBB */
    public static int rgb(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) Math.floor(x));
        double f = x - i;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) Math.round(ANCHORS[i][c] + f * (ANCHORS[i + 1][c] - ANCHORS[i][c]));
        }
        return rgb;
    }

    /** @return 0xRRGGBB per value, scaled so that {@code lo} is the bottom and {@code hi} the top of the scale */
    public static int[] rgb(float[] values, double lo, double hi) {
        int[] out = new int[values.length];
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < values.length; i++) {
            out[i] = rgb((values[i] - lo) / span);
        }
        return out;
    }
}
