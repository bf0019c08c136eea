package io.recon4j.nn;

import ai.djl.ndarray.NDArray;

/** Multi-head reshapes and scaled dot-product attention shared by the attention blocks. */
final class Heads {

    private Heads() {
    }

    /** (B, L, C) → (B, H, L, C/H): head h takes channels h·d .. h·d+d-1. */
    static NDArray split(NDArray x, int heads) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], heads, s[2] / heads).transpose(0, 2, 1, 3);
    }

    /** (B, H, L, d) → (B, L, H·d), heads concatenated in head order. */
    static NDArray merge(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.transpose(0, 2, 1, 3).reshape(s[0], s[2], s[1] * s[3]);
    }

    /**
     * softmax(q·kᵀ · d^-0.5)·v; the scale is applied after the product, as the official code does.
     *
     * @param q (B, H, Lq, d)
     * @param k (B, H, Lk, d)
     * @param v (B, H, Lk, d)
     * @return (B, H, Lq, d)
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v) {
        return attend(q, k, v, null);
    }

    /** As {@link #attend(NDArray, NDArray, NDArray)}, showing the (B, H, Lq, Lk) probabilities to {@code observer}. */
    static NDArray attend(NDArray q, NDArray k, NDArray v, java.util.function.Consumer<NDArray> observer) {
        double scale = Math.pow(q.getShape().get(3), -0.5);
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), (float) scale);
        NDArray probs = scores.softmax(-1);
        if (observer != null) {
            observer.accept(probs);
        }
        return probs.matMul(v);
    }
}
