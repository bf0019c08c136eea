package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** BEiT/CAE's per-iteration cosine ({@link WarmupCosine#beit}) against values worked out by hand from its numpy code. */
@Tag("fast")
class WarmupCosineBeitTest {

    @Test
    void warmUpIsAnInclusiveLinspaceThenAHalfCosinePerIteration() {
        // base 1, min 0, 2 epochs of 3 iterations, 1 warm-up epoch:
        // linspace(0, 1, 3) = [0, .5, 1], then 0.5·(1 + cos(π·i/3)) for i = 0, 1, 2 = [1, .75, .25].
        WarmupCosine s = WarmupCosine.beit(1, 0, 3, 6);
        double[] want = {0, 0.5, 1, 1, 0.75, 0.25};
        for (int it = 0; it < want.length; it++) {
            assertEquals(want[it], s.lr(it / 3, it % 3, 3), 1e-12, "iteration " + it);
        }
        // MAE's variant reaches the peak only after the warm-up: [0, 1/3, 2/3, 1, ...].
        assertEquals(1.0 / 3, new WarmupCosine(1, 0, 3, 6).lr(0, 1, 3), 1e-12);
    }

    @Test
    void withoutWarmUpItStartsAtThePeakAndIsHalfWayDownAtHalfTheRun() {
        WarmupCosine s = WarmupCosine.beit(1.5e-3, 1e-5, 0, 30_000);
        assertEquals(1.5e-3, s.lr(0, 0, 100), 1e-15);
        assertEquals((1.5e-3 + 1e-5) / 2, s.lr(150, 0, 100), 1e-15);
        assertEquals(1e-5 + 0.5 * (1.5e-3 - 1e-5) * (1 + Math.cos(Math.PI * 29_999 / 30_000)), s.lr(299, 99, 100), 1e-15,
                "the last iteration stops one step short of the floor");
    }

    @Test
    void aOneIterationWarmUpIsItsStartValue() {
        assertEquals(0, WarmupCosine.beit(1, 0, 1, 4).at(0), 0);
        assertEquals(1, WarmupCosine.beit(1, 0, 1, 4).at(1), 1e-12);
    }

    @Test
    void theEpochScheduleKeepsItsPerEpochValueForEveryBatch() {
        CosineSchedule s = new CosineSchedule(1e-3, 1e-6, 10, 2, 1e-6);
        assertEquals(s.forEpoch(4), s.lr(4, 0, 50), 0);
        assertEquals(s.forEpoch(4), s.lr(4, 49, 50), 0);
    }
}
