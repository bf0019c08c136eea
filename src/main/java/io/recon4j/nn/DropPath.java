package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Stochastic depth (timm {@code DropPath}): in training, zero a residual branch for a whole sample
 * with probability {@code rate} and scale survivors by 1/(1-rate); identity in eval.
 */
public final class DropPath {

    private final float rate;

    /** @param rate drop probability in [0, 1) */
    public DropPath(float rate) {
        if (rate < 0f || rate >= 1f) {
            throw new IllegalArgumentException("drop path rate must be in [0, 1): " + rate);
        }
        this.rate = rate;
    }

    /** @return the drop probability */
    public float rate() {
        return rate;
    }

    /**
     * @param x (B, ...) a residual branch
     * @return x, or x masked per sample and rescaled when training
     */
    public NDArray apply(NDArray x, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        long[] s = new long[x.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = x.getShape().get(0);
        float keep = 1f - rate;
        // floor(keep + U[0,1)) is 1 with probability keep, as timm does it.
        NDArray mask = x.getManager().randomUniform(0f, 1f, new Shape(s), DataType.FLOAT32).add(keep).floor();
        return x.mul(mask.div(keep));
    }

    /** @return timm's linear stochastic-depth schedule: rate·i/(depth-1) for block i (linspace(0, rate, depth)) */
    public static float[] schedule(float rate, int depth) {
        float[] r = new float[depth];
        for (int i = 0; i < depth; i++) {
            r[i] = depth == 1 ? 0f : (float) (rate * i / (depth - 1.0));
        }
        return r;
    }
}
