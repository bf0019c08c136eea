package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Block and random masking: exact counts, block geometry, seeded determinism, and the batch index layout. */
@Tag("fast")
class MaskingTest {

    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Masked pairs of 4-neighbours: high when the mask comes in blocks, low when it is scattered. */
    static int adjacentPairs(boolean[] mask, int side) {
        int n = 0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                if (mask[i * side + j] && j + 1 < side && mask[i * side + j + 1]) {
                    n++;
                }
                if (mask[i * side + j] && i + 1 < side && mask[(i + 1) * side + j]) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void blockMaskingMasksExactlyTheCountEveryTime() {
        for (int[] setting : new int[][] {{14, 98, 16}, {14, 75, 16}, {7, 24, 4}, {4, 8, 1}}) {
            BlockMasking masking = new BlockMasking(setting[0], setting[1], setting[2]);
            for (long seed = 0; seed < 300; seed++) {
                boolean[] mask = masking.sample(new SplittableRandom(seed));
                assertEquals(setting[0] * setting[0], mask.length);
                assertEquals(setting[1], count(mask), Arrays.toString(setting) + " seed " + seed);
            }
        }
    }

    @Test
    void blocksAreRectanglesInsideTheGridThatAddBetweenOneAndTheRemainingPatches() {
        BlockMasking masking = new BlockMasking(14, 98, 16);
        double logMax = Math.log(1 / 0.3);
        int early = 0;
        double earlyArea = 0;
        for (long seed = 0; seed < 200; seed++) {
            boolean[] mask = new boolean[196];
            List<BlockMasking.Block> blocks = masking.sampleBlocks(new SplittableRandom(seed), mask);
            boolean[] union = new boolean[196];
            int masked = 0;
            for (BlockMasking.Block b : blocks) {
                assertTrue(b.h() >= 1 && b.w() >= 1 && b.h() < 14 && b.w() < 14, "official: h, w < grid; " + b);
                assertTrue(b.top() + b.h() <= 14 && b.left() + b.w() <= 14, "inside the grid: " + b);
                // Rounding of √(area·aspect) and √(area/aspect) can stretch the ratio by at most one patch each way.
                assertTrue(Math.abs(Math.log((double) b.h() / b.w())) <= logMax + Math.log(3), "aspect of " + b);
                int fresh = 0;
                for (int i = b.top(); i < b.top() + b.h(); i++) {
                    for (int j = b.left(); j < b.left() + b.w(); j++) {
                        fresh += union[i * 14 + j] ? 0 : 1;
                        union[i * 14 + j] = true;
                    }
                }
                assertTrue(fresh >= 1 && fresh <= 98 - masked, "block adds 1.." + (98 - masked) + ", added " + fresh);
                if (98 - masked >= 16) {
                    early++;
                    earlyArea += b.h() * b.w();
                }
                masked += fresh;
            }
            assertArrayEquals(union, mask, "the mask is exactly the union of the blocks");
        }
        // While at least 16 patches remain, areas are drawn from [16, remaining]: blocks are never single patches.
        assertTrue(earlyArea / early >= 16, "mean early block area " + earlyArea / early);
    }

    @Test
    void blockMasksAreFarMoreClusteredThanRandomOnes() {
        BlockMasking block = new BlockMasking(14, 98, 16);
        RandomMasking random = new RandomMasking(196, 98);
        double blockPairs = 0;
        double randomPairs = 0;
        for (long seed = 0; seed < 100; seed++) {
            blockPairs += adjacentPairs(block.sample(new SplittableRandom(seed)), 14);
            randomPairs += adjacentPairs(random.sample(new SplittableRandom(seed)), 14);
        }
        // Random: 364 neighbour pairs × P(both masked) ≈ 364 · 98/196 · 97/195 ≈ 90.5 per mask.
        assertEquals(90.5, randomPairs / 100, 6);
        assertTrue(blockPairs / 100 > 140, "block masking mean adjacent pairs " + blockPairs / 100);
    }

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        for (MaskingGenerator g : List.of(new BlockMasking(14, 98, 16), new RandomMasking(196, 98))) {
            assertArrayEquals(g.sample(new SplittableRandom(42)), g.sample(new SplittableRandom(42)));
            assertFalse(Arrays.equals(g.sample(new SplittableRandom(42)), g.sample(new SplittableRandom(43))));
        }
    }

    @Test
    void randomMaskingMasksExactlyTheCountAndCoversEveryPatch() {
        RandomMasking masking = new RandomMasking(49, 24);
        int[] hits = new int[49];
        for (long seed = 0; seed < 2000; seed++) {
            boolean[] mask = masking.sample(new SplittableRandom(seed));
            assertEquals(24, count(mask));
            for (int i = 0; i < 49; i++) {
                hits[i] += mask[i] ? 1 : 0;
            }
        }
        for (int h : hits) {
            // Each patch is masked with probability 24/49: 980 ± 4.5σ of 22.4 over 2000 draws.
            assertEquals(2000 * 24 / 49.0, h, 100);
        }
    }

    @Test
    void patchMaskListsVisibleAndMaskedIndicesAscendingPerImage() {
        boolean[] a = {true, false, false, true};
        boolean[] b = {false, true, true, false};
        PatchMask mask = PatchMask.of(List.of(a, b));
        assertEquals(2, mask.maskedCount());
        assertEquals(2, mask.visibleCount());
        assertArrayEquals(new long[] {0, 3, 1, 2}, mask.masked());
        assertArrayEquals(new long[] {1, 2, 0, 3}, mask.visible());
        assertThrows(IllegalArgumentException.class, () -> PatchMask.of(List.of(a, new boolean[] {true, true, true, false})));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new BlockMasking(7, 50, 4));
        assertThrows(IllegalArgumentException.class, () -> new RandomMasking(49, -1));
    }
}
