package io.recon4j.model;

import java.util.Locale;

/**
 * The architecture of a ReCon model: the fields of the official {@code cfgs/*.yaml} model block.
 *
 * @param transDim C, token width ({@code trans_dim} = {@code encoder_dims})
 * @param depth encoder blocks
 * @param heads encoder attention heads
 * @param decoderDepth MAE decoder blocks (pretraining)
 * @param decoderHeads MAE decoder heads
 * @param numGroups G, groups per cloud
 * @param groupSize K, points per group
 * @param numPoints N, points per input cloud
 * @param maskRatio fraction of groups masked in pretraining
 * @param dropPath stochastic-depth rate (the last block's; linear from 0)
 */
public record ReconConfig(int transDim, int depth, int heads, int decoderDepth, int decoderHeads,
                          int numGroups, int groupSize, int numPoints, float maskRatio, float dropPath) {

    public ReconConfig {
        if (transDim <= 0 || depth <= 0 || heads <= 0 || transDim % heads != 0) {
            throw new IllegalArgumentException("trans_dim " + transDim + " must be positive and divisible by heads " + heads);
        }
        if (decoderDepth < 0 || decoderHeads <= 0 || transDim % decoderHeads != 0) {
            throw new IllegalArgumentException("trans_dim " + transDim + " must be divisible by decoder heads " + decoderHeads);
        }
        if (numGroups <= 0 || groupSize <= 0 || numPoints < groupSize || numPoints < numGroups) {
            throw new IllegalArgumentException("need num_points (" + numPoints + ") >= num_group (" + numGroups
                    + ") and >= group_size (" + groupSize + ")");
        }
        if (maskRatio < 0f || maskRatio >= 1f) {
            throw new IllegalArgumentException("mask_ratio must be in [0, 1): " + maskRatio);
        }
    }

    /** recon4j's CPU size: 128-d, 6 blocks, 4 heads, decoder 2×4, 32 groups × 32 points from 512. */
    public static final ReconConfig NANO = new ReconConfig(128, 6, 4, 2, 4, 32, 32, 512, 0.6f, 0.1f);
    /** Official ReCon-Tiny ({@code cfgs/pretrain/tiny.yaml}). */
    public static final ReconConfig TINY = new ReconConfig(192, 12, 3, 4, 3, 64, 32, 1024, 0.6f, 0.1f);
    /** Official ReCon-Small. */
    public static final ReconConfig SMALL = new ReconConfig(256, 12, 4, 4, 4, 64, 32, 1024, 0.6f, 0.1f);
    /** Official ReCon-Base. */
    public static final ReconConfig BASE = new ReconConfig(384, 12, 6, 4, 6, 64, 32, 1024, 0.6f, 0.1f);

    /** @return the named size: nano, tiny, small or base */
    public static ReconConfig size(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "nano": return NANO;
            case "tiny": return TINY;
            case "small": return SMALL;
            case "base": return BASE;
            default: throw new IllegalArgumentException("unknown size '" + name + "': expected nano, tiny, small or base");
        }
    }

    /** @return the number of masked groups per cloud, int(ratio·G) as the official code rounds */
    public int numMasked() {
        return (int) (maskRatio * numGroups);
    }

    /** @return a copy with another drop-path rate */
    public ReconConfig withDropPath(float rate) {
        return new ReconConfig(transDim, depth, heads, decoderDepth, decoderHeads, numGroups, groupSize, numPoints, maskRatio, rate);
    }

    /** @return a copy with other grouping sizes */
    public ReconConfig withGrouping(int groups, int size, int points) {
        return new ReconConfig(transDim, depth, heads, decoderDepth, decoderHeads, groups, size, points, maskRatio, dropPath);
    }

    /** @return a copy with another width, depth and head count (encoder and decoder heads alike) */
    public ReconConfig withTransformer(int dim, int blocks, int numHeads) {
        return new ReconConfig(dim, blocks, numHeads, decoderDepth, numHeads, numGroups, groupSize, numPoints, maskRatio, dropPath);
    }
}
