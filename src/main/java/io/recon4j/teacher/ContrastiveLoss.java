package io.recon4j.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.recon4j.nn.Scalars;

/**
 * The official single-modal contrastive loss ({@code ContrastiveHead}, temperature 0.1 by default): for each
 * sample i of the batch, the cosine similarities to the samples of the same category (i itself included) are
 * averaged into one positive logit; the similarities to every other-category sample are the negatives; the
 * loss is the cross-entropy of [positive, negatives] / τ with the positive as the target, averaged over i.
 * A sample whose batch holds only its own category has no negatives and contributes 0.
 */
public final class ContrastiveLoss {

    /** Logit given to non-negatives so that they vanish from the softmax (similarities/τ stay within ±1/τ). */
    private static final float EXCLUDED = -1e4f;

    private ContrastiveLoss() {
    }

    /**
     * @param z (B, D) L2-normalised projections
     * @param labels the B category labels (the official code compares the category texts, which is the same)
     * @param temperature τ &gt; 0
     * @return scalar loss
     */
    public static NDArray smc(NDArray z, int[] labels, float temperature) {
        int b = labels.length;
        if (z.getShape().dimension() != 2 || z.getShape().get(0) != b) {
            throw new IllegalArgumentException("need (B, D) projections for " + b + " labels, got " + z.getShape());
        }
        if (!(temperature > 0f)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        NDManager m = z.getManager();
        boolean[] same = new boolean[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                same[i * b + j] = labels[i] == labels[j];
            }
        }
        NDArray positive = m.create(same, new Shape(b, b));
        NDArray similarity = z.matMul(z.transpose());
        NDArray posMask = positive.toType(similarity.getDataType(), false);
        NDArray pos = similarity.mul(posMask).sum(new int[] {1}, true).div(posMask.sum(new int[] {1}, true));
        NDArray neg = NDArrays.where(positive, m.full(new Shape(b, b), EXCLUDED), Scalars.div(similarity, temperature));
        NDArray logits = NDArrays.concat(new NDList(Scalars.div(pos, temperature), neg), 1);
        return logits.logSoftmax(1).get(new NDIndex(":, 0")).mean().neg();
    }
}
