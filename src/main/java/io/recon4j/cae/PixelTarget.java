package io.recon4j.cae;

import ai.djl.ndarray.NDArray;

/**
 * The pixels of each masked patch, in (py, px, c) order, scored by mean squared error. With {@code normPix}
 * (MAE's {@code norm_pix_loss}) each target patch is first standardised by its own mean and unbiased variance
 * (ε 1e-6), so the model spends no capacity on patch brightness; without, the target is the normalised input as is.
 * Not in the official CAE code (which only has dVAE tokens); the default here because it needs nothing offline.
 */
public final class PixelTarget implements CaeTarget {

    private static final float EPS = 1e-6f;

    private final int patchSize;
    private final int channels;
    private final boolean normPix;

    /** @param patchSize p @param channels C @param normPix standardise each target patch */
    public PixelTarget(int patchSize, int channels, boolean normPix) {
        this.patchSize = patchSize;
        this.channels = channels;
        this.normPix = normPix;
    }

    @Override
    public String name() {
        return "pixels";
    }

    @Override
    public int dim() {
        return patchSize * patchSize * channels;
    }

    @Override
    public NDArray loss(NDArray predictions, NDArray images, NDArray masked) {
        NDArray target = Patches.select(Patches.patchify(images, patchSize), masked);
        if (normPix) {
            target = target.sub(target.mean(new int[] {-1}, true)).div(unbiasedVariance(target).add(EPS).sqrt());
        }
        return predictions.sub(target).square().mean();
    }

    /**
     * Turns predictions back into input-space pixels for pictures: with {@code normPix} a prediction is in units
     * of its true patch's statistics, so they are borrowed from the input (as MAE's visualisation does).
     *
     * @return (B, M, p·p·C) predicted pixels of the masked patches, in the normalised input space
     */
    public NDArray toPixels(NDArray predictions, NDArray images, NDArray masked) {
        if (!normPix) {
            return predictions;
        }
        NDArray truth = Patches.select(Patches.patchify(images, patchSize), masked);
        return predictions.mul(unbiasedVariance(truth).add(EPS).sqrt()).add(truth.mean(new int[] {-1}, true));
    }

    /** @return (B, M, 1) torch's default (unbiased) variance over the last axis */
    private static NDArray unbiasedVariance(NDArray x) {
        long n = x.getShape().get(x.getShape().dimension() - 1);
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        return centred.square().sum(new int[] {-1}, true).div((float) (n - 1));
    }

    /** @return whether target patches are standardised */
    public boolean normPix() {
        return normPix;
    }
}
