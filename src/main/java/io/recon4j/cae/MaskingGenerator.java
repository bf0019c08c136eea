package io.recon4j.cae;

import java.util.SplittableRandom;

/** Draws which patches of one image are masked; every draw masks exactly {@link #maskedCount()} patches. */
public interface MaskingGenerator {

    /**
     * @param rng the draw's own random stream (seeded per sample for exact resume)
     * @return P flags in patch order (row-major), true = masked
     */
    boolean[] sample(SplittableRandom rng);

    /** @return M, the patches masked in every draw */
    int maskedCount();
}
