package io.recon4j.cae;

import java.util.SplittableRandom;

/** The official {@code RandomMaskingGenerator}: M patches chosen uniformly (a shuffled 0/1 vector). */
public final class RandomMasking implements MaskingGenerator {

    private final int patches;
    private final int masked;

    /** @param patches P @param masked M in [0, P] */
    public RandomMasking(int patches, int masked) {
        if (masked < 0 || masked > patches) {
            throw new IllegalArgumentException("cannot mask " + masked + " of " + patches + " patches");
        }
        this.patches = patches;
        this.masked = masked;
    }

    @Override
    public boolean[] sample(SplittableRandom rng) {
        boolean[] mask = new boolean[patches];
        // Partial Fisher-Yates: the first M slots of a random permutation are masked.
        int[] order = new int[patches];
        for (int i = 0; i < patches; i++) {
            order[i] = i;
        }
        for (int i = 0; i < masked; i++) {
            int j = i + rng.nextInt(patches - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            mask[order[i]] = true;
        }
        return mask;
    }

    @Override
    public int maskedCount() {
        return masked;
    }
}
