package io.recon4j.cae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BEiT's block-wise {@code MaskingGenerator}, as CAE pretrains with it: rectangles of log-uniform aspect ratio
 * in [0.3, 1/0.3] and area uniform in [minimum block, remaining], placed at random, each kept only if it adds
 * between 1 and the remaining count of new patches (up to 10 attempts per block), until exactly M patches are
 * masked. Official: M = 98 of 196, minimum block 16; scale the minimum down for small grids.
 */
public final class BlockMasking implements MaskingGenerator {

    /** A rectangle of patches: rows [top, top + h), columns [left, left + w). */
    record Block(int top, int left, int h, int w) {
    }

    private static final double MIN_ASPECT = 0.3;
    private static final int ATTEMPTS = 10;
    // The official loop has no exit; past this many fruitless rounds the rest is filled at random (never seen).
    private static final int MAX_ROUNDS = 10_000;

    private final int height;
    private final int width;
    private final int masked;
    private final int minBlock;
    private final int maxBlock;

    /**
     * @param gridSize patches per side (14 at 224²/16)
     * @param masked M (official 98)
     * @param minBlock minimum block area in patches (official 16)
     */
    public BlockMasking(int gridSize, int masked, int minBlock) {
        if (masked < 0 || masked > gridSize * gridSize || minBlock < 1) {
            throw new IllegalArgumentException("cannot mask " + masked + " of " + gridSize * gridSize
                    + " patches in blocks of at least " + minBlock);
        }
        this.height = gridSize;
        this.width = gridSize;
        this.masked = masked;
        this.minBlock = minBlock;
        this.maxBlock = masked;
    }

    @Override
    public boolean[] sample(SplittableRandom rng) {
        boolean[] mask = new boolean[height * width];
        sampleBlocks(rng, mask);
        return mask;
    }

    @Override
    public int maskedCount() {
        return masked;
    }

    /** Fills {@code mask} (all false on entry) and returns the rectangles that masked something, in order. */
    List<Block> sampleBlocks(SplittableRandom rng, boolean[] mask) {
        List<Block> blocks = new ArrayList<>();
        int count = 0;
        for (int round = 0; count != masked; round++) {
            if (round == MAX_ROUNDS) {
                count += fillRandomly(rng, mask, masked - count);
                break;
            }
            int max = Math.min(masked - count, maxBlock);
            Block b = placeBlock(rng, mask, max);
            if (b != null) {
                count += paint(mask, b);
                blocks.add(b);
            }
        }
        return blocks;
    }

    /** The official {@code _mask}: up to 10 attempts at a rectangle adding 1..max new patches; null if none did. */
    private Block placeBlock(SplittableRandom rng, boolean[] mask, int max) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // random.uniform(a, b) = a + (b - a)·U, also when max < minBlock near the end.
            double area = minBlock + (max - minBlock) * rng.nextDouble();
            double logMin = Math.log(MIN_ASPECT);
            double aspect = Math.exp(logMin + (-2 * logMin) * rng.nextDouble());
            int h = (int) Math.round(Math.sqrt(area * aspect));
            int w = (int) Math.round(Math.sqrt(area / aspect));
            if (w < width && h < height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                int fresh = h * w - maskedIn(mask, top, left, h, w);
                if (fresh > 0 && fresh <= max) {
                    return new Block(top, left, h, w);
                }
            }
        }
        return null;
    }

    private int maskedIn(boolean[] mask, int top, int left, int h, int w) {
        int n = 0;
        for (int i = top; i < top + h; i++) {
            for (int j = left; j < left + w; j++) {
                n += mask[i * width + j] ? 1 : 0;
            }
        }
        return n;
    }

    private int paint(boolean[] mask, Block b) {
        int fresh = 0;
        for (int i = b.top(); i < b.top() + b.h(); i++) {
            for (int j = b.left(); j < b.left() + b.w(); j++) {
                if (!mask[i * width + j]) {
                    mask[i * width + j] = true;
                    fresh++;
                }
            }
        }
        return fresh;
    }

    private static int fillRandomly(SplittableRandom rng, boolean[] mask, int n) {
        int added = 0;
        while (added < n) {
            int i = rng.nextInt(mask.length);
            if (!mask[i]) {
                mask[i] = true;
                added++;
            }
        }
        return added;
    }
}
