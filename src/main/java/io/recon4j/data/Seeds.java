package io.recon4j.data;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent 64-bit seeds from structured keys (seed, epoch, index, file name...), so
 * every random draw in the data pipeline depends only on its key and never on thread scheduling.
 */
public final class Seeds {

    private Seeds() {
    }

    /** @return a well-mixed seed for the ordered key (a, b); SplitMix64 finaliser over a golden-ratio walk */
    public static long mix(long a, long b) {
        return splitMix(splitMix(a) ^ (b + 0x9E3779B97F4A7C15L));
    }

    /** @return a well-mixed seed for the ordered key (a, b, c) */
    public static long mix(long a, long b, long c) {
        return mix(mix(a, b), c);
    }

    /** @return a stable 64-bit seed for a string (FNV-1a over UTF-8, then mixed), same on every JVM */
    public static long of(String key) {
        long h = 0xCBF29CE484222325L;
        for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xFF;
            h *= 0x100000001B3L;
        }
        return splitMix(h);
    }

    /** @return a generator seeded by {@code seed}; SplittableRandom is fast, unsynchronised and reproducible */
    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
