package io.recon4j.cae;

import com.google.gson.Gson;
import io.recon4j.train.WarmupCosine;
import java.util.Locale;

/**
 * Everything that defines a CAE pretraining run (the official {@code run_pretraining.py} arguments that matter).
 *
 * @param model architecture
 * @param target {@code pixels} (masked-patch pixels, MSE) or {@code kmeans} (k-means token ids, cross-entropy)
 * @param normPix with {@code pixels}: standardise each target patch (MAE's norm_pix_loss)
 * @param masking {@code block} (official) or {@code random}
 * @param maskCount M, patches masked per image (official 98 of 196)
 * @param minBlockPatches smallest block of the block masking (official 16 of 196)
 * @param epochs epochs
 * @param batchSize images per step
 * @param lr peak learning rate (official 1.5e-3, absolute)
 * @param minLr the cosine's floor (official 1e-5)
 * @param warmupEpochs linear warm-up from 0, per iteration (official 10 of 300 epochs)
 * @param weightDecay AdamW decay of ≥2-D non-token weights (official 0.05)
 * @param clipNorm global gradient-norm clip (official 3)
 * @param alignWeight weight of the alignment MSE (official 2)
 * @param linearDecoder the paper's "without decoder" ablation: a Linear on the regressor's latents predicts the
 *     targets, no decoder blocks (absent in older checkpoints: false)
 * @param hflip random horizontal flips (the official augmentation also crops; 28×28 images are left uncropped)
 * @param seed run seed (init, order, masks, flips, drop path, k-means)
 * @param data what the images are (name and count), so that a resume on other data is refused
 * @param mean per-channel mean used to normalise the [0, 1] pixels (the probes must use the same)
 * @param std per-channel std used to normalise the [0, 1] pixels
 */
public record CaePretrainConfig(CaeConfig model, String target, boolean normPix, String masking, int maskCount,
                                int minBlockPatches, int epochs, int batchSize, double lr, double minLr, int warmupEpochs,
                                float weightDecay, double clipNorm, float alignWeight, boolean linearDecoder, boolean hflip, long seed,
                                String data,
                                float[] mean, float[] std) {

    /** Lloyd iterations of the k-means codebook. */
    static final int KMEANS_ITERATIONS = 20;
    /** Patches the k-means codebook is learned from (at most). */
    static final int KMEANS_PATCHES = 20_000;

    public CaePretrainConfig {
        target = target.toLowerCase(Locale.ROOT);
        masking = masking.toLowerCase(Locale.ROOT);
        if (!target.equals("pixels") && !target.equals("kmeans")) {
            throw new IllegalArgumentException("unknown CAE target '" + target + "'; pixels or kmeans");
        }
        if (!masking.equals("block") && !masking.equals("random")) {
            throw new IllegalArgumentException("unknown masking '" + masking + "'; block or random");
        }
        if (maskCount <= 0 || maskCount >= model.numPatches()) {
            throw new IllegalArgumentException("mask count must be in [1, " + (model.numPatches() - 1) + "], got " + maskCount);
        }
        if (epochs <= 0 || batchSize <= 0 || warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("need epochs > 0, batch size > 0 and 0 <= warm-up < epochs, got " + epochs
                    + " epochs, batch " + batchSize + ", warm-up " + warmupEpochs);
        }
    }

    /**
     * The official recipe for {@code model}, masks scaled to its grid (half the patches, minimum block 16/196 of
     * them), pixel target with norm_pix, 300 epochs, warm-up 10, batch 64.
     *
     * @param data what the images are
     * @param mean per-channel normalisation mean
     * @param std per-channel normalisation std
     */
    public static CaePretrainConfig official(CaeConfig model, String data, float[] mean, float[] std) {
        return new CaePretrainConfig(model, "pixels", true, "block", model.defaultMaskCount(), model.defaultMinBlockPatches(),
                300, 64, 1.5e-3, 1e-5, 10, 0.05f, 3.0, 2f, false, true, 0, data, mean, std);
    }

    /** @return a copy with another length, batch size, peak lr, warm-up and seed */
    public CaePretrainConfig withRun(int newEpochs, int newBatch, double newLr, int newWarmup, long newSeed) {
        return new CaePretrainConfig(model, target, normPix, masking, maskCount, minBlockPatches, newEpochs, newBatch, newLr,
                minLr, newWarmup, weightDecay, clipNorm, alignWeight, linearDecoder, hflip, newSeed, data, mean, std);
    }

    /** @return a copy with another target, masking, masked count and minimum block */
    public CaePretrainConfig withTask(String newTarget, String newMasking, int newMaskCount, int newMinBlock) {
        return new CaePretrainConfig(model, newTarget, normPix, newMasking, newMaskCount, newMinBlock, epochs, batchSize,
                lr, minLr, warmupEpochs, weightDecay, clipNorm, alignWeight, linearDecoder, hflip, seed, data, mean, std);
    }

    /** @return a copy with another alignment weight (0: the paper's "no alignment" ablation) */
    public CaePretrainConfig withAlignWeight(float newAlignWeight) {
        if (!(newAlignWeight >= 0) || !Float.isFinite(newAlignWeight)) {
            throw new IllegalArgumentException("alignment weight must be finite and >= 0, got " + newAlignWeight);
        }
        return new CaePretrainConfig(model, target, normPix, masking, maskCount, minBlockPatches, epochs, batchSize, lr, minLr,
                warmupEpochs, weightDecay, clipNorm, newAlignWeight, linearDecoder, hflip, seed, data, mean, std);
    }

    /** @return a copy whose decoder is the official one, or (true) the "without decoder" ablation's Linear */
    public CaePretrainConfig withLinearDecoder(boolean newLinearDecoder) {
        return new CaePretrainConfig(model, target, normPix, masking, maskCount, minBlockPatches, epochs, batchSize, lr, minLr,
                warmupEpochs, weightDecay, clipNorm, alignWeight, newLinearDecoder, hflip, seed, data, mean, std);
    }

    /** @return the decoder this run trains */
    public ContextAutoencoder.Decoder decoder() {
        return linearDecoder ? ContextAutoencoder.Decoder.LINEAR : ContextAutoencoder.Decoder.BLOCKS;
    }

    /**
     * @param batchesPerEpoch optimizer steps per epoch
     * @return the per-iteration cosine with linear warm-up from 0 (BEiT's {@code cosine_scheduler})
     */
    public WarmupCosine schedule(int batchesPerEpoch) {
        return WarmupCosine.beit(lr, minLr, (long) warmupEpochs * batchesPerEpoch, (long) epochs * batchesPerEpoch);
    }

    /** @return the masking generator of this run */
    public MaskingGenerator maskingGenerator() {
        return masking.equals("block") ? new BlockMasking(model.gridSize(), maskCount, minBlockPatches)
                : new RandomMasking(model.numPatches(), maskCount);
    }

    /** @return the config as one line of JSON (stored in checkpoints) */
    public String toJson() {
        return new Gson().toJson(this);
    }

    /** @return the config written by {@link #toJson()} */
    public static CaePretrainConfig fromJson(String json) {
        return new Gson().fromJson(json, CaePretrainConfig.class);
    }
}
