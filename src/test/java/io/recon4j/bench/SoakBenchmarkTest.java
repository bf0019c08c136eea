package io.recon4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The soak's verdict: the warm-up is ignored, then every sample must stay within the band around the first judged one. */
@Tag("fast")
class SoakBenchmarkTest {

    private static List<SoakBenchmark.Sample> samples(double... rss) {
        List<SoakBenchmark.Sample> s = new ArrayList<>();
        for (int i = 0; i < rss.length; i++) {
            s.add(new SoakBenchmark.Sample("train", 10L * i, i, rss[i], rss[i], 100));
        }
        return s;
    }

    @Test
    void growthDuringTheWarmUpIsNotJudged() {
        // Steps 0..90 every 10; warm-up 20% of 90 steps = first 18 steps, so judging starts at step 20 (1000 MB).
        SoakBenchmark.Verdict v = SoakBenchmark.judge("train", 90, samples(400, 800, 1000, 1010, 990, 1030, 1040, 1020, 1045, 1049),
                0.2, 0.05);
        assertTrue(v.flat(), v.toString());
        assertEquals(18, v.warmupSteps());
        assertEquals(8, v.judged());
        assertEquals(1000, v.referenceMb());
        assertEquals(1049, v.maxMb());
        assertTrue(v.slopeMbPer1k() > 0, "RSS drifts up: " + v.slopeMbPer1k());
    }

    @Test
    void aSlowLeakPastTheBandIsNotFlat() {
        SoakBenchmark.Verdict v = SoakBenchmark.judge("infer", 90, samples(1000, 1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080),
                0.1, 0.05);
        assertFalse(v.flat(), v.toString());
        assertEquals(1000, v.referenceMb());
        assertEquals(1000.0, v.slopeMbPer1k(), 1e-9); // 10 MB per 10 steps
    }

    @Test
    void aDropBelowTheBandIsNotFlatEither() {
        assertFalse(SoakBenchmark.judge("train", 40, samples(1000, 1000, 940, 1000, 1000), 0, 0.05).flat());
    }

    @Test
    void tooFewSamplesAfterTheWarmUpGiveNoVerdict() {
        SoakBenchmark.Verdict v = SoakBenchmark.judge("train", 40, samples(1000, 1000, 1000, 1000, 1000), 0.9, 0.05);
        assertEquals(1, v.judged());
        assertFalse(v.flat());
    }

    @Test
    void commandLineRepeatsEveryOptionSoTheReportRerunsAsIs() {
        SoakBenchmark.Options o = new SoakBenchmark.Options(BenchSize.parse("Nano"), Phase.parse("finetune"), 20, 0, 5, 8,
                0.1, 0.05, 3);
        assertEquals("recon bench soak --size nano --train-phase finetune --train-steps 20 --infer-batches 0 "
                + "--sample-every 5 --batch 8 --warmup-fraction 0.1 --tolerance 0.05 --seed 3 --out runs/x",
                o.commandLine(java.nio.file.Path.of("runs/x")));
        assertEquals("recon bench profile --size base --phase infer --batch 4 --warmup 0 --steps 1 --top 5 --seed 7",
                new ProfileBenchmark.Options(BenchSize.parse("base"), Phase.parse("infer"), 4, 40, 0, 1, 5, 7).commandLine());
    }
}
