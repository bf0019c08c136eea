package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.recon4j.nn.Scalars;

/** Loss functions of the official code that DJL does not offer in the same form. */
public final class Losses {

    private Losses() {
    }

    /**
     * {@code torch.nn.SmoothL1Loss()} (β = 1, mean over all elements): 0.5·d² where |d| < 1, |d| − 0.5 elsewhere.
     *
     * @param target (B, D) teacher features
     * @param prediction (B, D) projected query features
     * @return scalar
     */
    public static NDArray smoothL1(NDArray target, NDArray prediction) {
        NDArray d = target.sub(prediction);
        NDArray abs = d.abs();
        return NDArrays.where(abs.lt(1f), Scalars.mul(d.square(), 0.5f), abs.sub(0.5f)).mean();
    }

    /**
     * {@code torch.nn.CrossEntropyLoss()} on logits with class-index targets (mean over the batch):
     * −mean_b log_softmax(logits)[b, label_b].
     *
     * @param logits (B, classes)
     * @param labels (B) int64 class indices in [0, classes)
     * @return scalar
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(-1);
        return logp.gather(labels.reshape(-1, 1), 1).neg().mean();
    }
}
