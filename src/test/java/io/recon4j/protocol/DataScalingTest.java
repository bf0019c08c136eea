package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-scaling analysis read back from run folders: its table, its paired questions, and its refusals. */
@Tag("fast")
class DataScalingTest {

    @Test
    void svmAccuracyReadsBackWhatTheReportWrote(@TempDir Path dir) throws IOException {
        RunFolders.svm(dir, "mpm", 87.11);
        assertEquals(87.11, SvmProtocol.readAccuracy(dir.resolve("svm-mpm/svm.md")), 1e-9);
        Files.writeString(dir.resolve("other.md"), "logistic-regression probe ...: test accuracy 90.00 %\n");
        var e = assertThrows(io.recon4j.data.DatasetFormatException.class, () -> SvmProtocol.readAccuracy(dir.resolve("other.md")));
        assertTrue(e.getMessage().contains("other.md") && e.getMessage().contains("linear SVM"), e.getMessage());
    }

    @Test
    void svmRunsThatKeptPredictionsArePairedPerShape(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("fraction-0.25");
        Path full = dir.resolve("claims-s2");
        int n = 200;
        // cmc: right on 150 shapes at 25%, on 180 at 100% (a gain of 30 shapes); mpm: 170 at 25%, first no predictions at 100%.
        svmRightOn(small, "cmc", n, 150);
        svmRightOn(full, "cmc", n, 180);
        svmRightOn(small, "mpm", n, 170);
        RunFolders.svm(full, "mpm", 88);
        DataScaling s = DataScaling.read(new LinkedHashMap<>(Map.of(0.25, small, 1.0, full)), List.of("mpm", "cmc"), 5, 0);
        assertNull(s.point(1.0, "mpm").svmRun(), "an SVM run without predictions.json is not paired per shape");

        String md = s.toMarkdown();
        assertTrue(md.contains("Linear SVM paired per test shape"), md);
        // At 25%: cmc 150 − mpm 170 of 200 = −10 points, every differing shape in mpm's favour.
        assertTrue(md.contains("- at 25%: cmc − mpm: -10.00 ["), md);
        assertTrue(md.contains("n = 200 → mpm better"), md);
        assertTrue(md.contains("- gain of cmc, 100% − 25%: +15.00 ["), md);
        // The logistic probe of the same runs (50 % in each svm.md; right on every shape in each predictions.json).
        assertTrue(md.contains("| 25% | cmc | 75.00 | 50.00 | – |"), md);
        assertTrue(md.contains("Logistic probe paired per test shape"), md);
        assertTrue(md.contains("- at 25%: cmc − mpm: +0.00 [+0.00, +0.00], p = 1.00, n = 200 → inconclusive"), md);
        assertTrue(!md.contains("- at 100%: cmc − mpm: -") && !md.contains("- gain of mpm, 100% − 25%: +")
                && !md.contains("- gain of cmc − gain of mpm: +"), "no per-shape line where a run kept no predictions\n" + md);

        // With mpm's 100% predictions (175 right: a gain of 5 shapes) the gains compare shape by shape: cmc's 30 − 5.
        svmRightOn(full, "mpm", n, 175);
        DataScaling both = DataScaling.read(new LinkedHashMap<>(Map.of(0.25, small, 1.0, full)), List.of("mpm", "cmc"), 5, 0);
        PairedComparison d = both.probeGainDifference("cmc", "mpm", TestPredictions.SVM);
        assertEquals(12.5, d.meanDifference(), 1e-9);
        // 25 shapes move it (cmc gains where mpm does not), all one way; shapes 170-174, gained by both, do not.
        assertTrue(d.pValue() < 0.001, d.toString());
        assertEquals(-12.5, both.probeGainDifference("mpm", "cmc", TestPredictions.SVM).meanDifference(), 1e-9);
        String md2 = both.toMarkdown();
        assertTrue(md2.contains("- gain of cmc − gain of mpm: +12.50 [") && md2.contains("→ cmc gains more"), md2);

        // A run scored on other shapes cannot enter a difference of gains.
        svmRightOn(full, "mpm", n + 1, 175);
        DataScaling other = DataScaling.read(new LinkedHashMap<>(Map.of(0.25, small, 1.0, full)), List.of("mpm", "cmc"), 5, 0);
        assertThrows(IllegalArgumentException.class, () -> other.probeGainDifference("cmc", "mpm", TestPredictions.SVM));
    }

    @Test
    void tableGainsAndTheDifferenceOfGains(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("fraction-0.25");
        Path full = dir.resolve("claims-s2");
        mpmLevelCmcGainsSix(small, full);
        RunFolders.methodFold(small, "recon", 0, 95); // one fold only: nothing paired for recon
        RunFolders.svm(small, "mpm", 85);
        RunFolders.svm(full, "mpm", 88.5);
        RunFolders.svm(full, "cmc", 89);
        Map<Double, Path> points = new LinkedHashMap<>();
        points.put(1.0, full);
        points.put(0.25, small);
        DataScaling s = DataScaling.read(points, List.of("mpm", "cmc", "recon"), 5, 0);

        assertEquals(List.of(0.25, 1.0), s.fractions(), "fractions ascending whatever the order given");
        assertArrayEquals(new double[] {74, 84, 79, 64}, s.point(0.25, "cmc").folds());
        assertTrue(Double.isNaN(s.point(0.25, "cmc").svm()), "no svm.md: NaN, not an error");
        assertNull(s.point(1.0, "recon").fewShot());

        PairedComparison atSmall = s.between(0.25, "cmc", "mpm").comparison();
        assertEquals(-6, atSmall.meanDifference(), 1e-9);
        assertEquals(PairedComparison.Verdict.B_BETTER, atSmall.verdict());
        assertEquals(6, s.gain("cmc").comparison().meanDifference(), 1e-9);
        assertEquals(0, s.gain("mpm").comparison().meanDifference(), 1e-9);
        PairedComparison moreData = s.gainDifference("cmc", "mpm");
        assertEquals(6, moreData.meanDifference(), 1e-9);
        assertEquals(4, moreData.n());
        assertNull(s.gain("recon"), "recon has no folds at 100%");
        assertNull(s.gainDifference("recon", "mpm"));

        String md = s.toMarkdown();
        assertTrue(md.contains("| 25% | mpm | 85.00 | 50.00 | 81.25 ± 7.40 (4) |"), md);
        assertTrue(md.contains("| 25% | cmc | – | – | 75.25 ± 7.40 (4) |"), md);
        assertTrue(md.contains("| 100% | recon | – | – | – |"), md);
        assertTrue(md.contains("- at 25%: cmc − mpm: -6.00 [-6.00, -6.00], p = 0.125, n = 4 → marginal: mpm better by the interval, not by p"), md);
        assertTrue(md.contains("- at 25%: recon − mpm: fewer than 2 paired folds"), md);
        assertTrue(md.contains("- gain of cmc, 100% − 25%: +6.00 [+6.00, +6.00]"), md);
        assertTrue(md.contains("- gain of cmc − gain of mpm: +6.00 [+6.00, +6.00], p = 0.125, n = 4 → marginal: cmc gains more by the interval, not by p"), md);
    }

    @Test
    void aBaselineWithoutPretrainingIsPairedWithEveryMethodAtEveryFraction(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("fraction-0.25");
        Path full = dir.resolve("claims-s2");
        folds(full, "scratch", 0);
        folds(small, "mpm", -2); // below no pretraining with little data
        folds(full, "mpm", +3);
        svmRightOn(full, "scratch", 100, 80);
        svmRightOn(small, "mpm", 100, 70);
        svmRightOn(full, "mpm", 100, 90);
        DataScaling s = DataScaling.read(new LinkedHashMap<>(Map.of(0.25, small, 1.0, full)), List.of("mpm"), 5, 0);
        assertNull(s.overBaseline(0.25, "mpm"), "no baseline given: nothing to pair");
        DataScaling b = s.withBaseline("scratch", full);
        assertEquals(0, b.baseline().fraction());
        assertEquals(-2, b.overBaseline(0.25, "mpm").comparison().meanDifference(), 1e-9);
        assertEquals(3, b.overBaseline(1.0, "mpm").comparison().meanDifference(), 1e-9);

        String md = b.toMarkdown();
        assertTrue(md.contains("| none | scratch (no pretraining) | 80.00 | 50.00 | 81.25 ± 7.40 (4) |"), md);
        assertTrue(md.indexOf("| none | scratch") < md.indexOf("| 25% | mpm"), "the baseline is the table's first row\n" + md);
        assertTrue(md.contains("- at 25%: mpm − scratch: -2.00 [-2.00, -2.00], p = 0.125, n = 4 → marginal: scratch better"), md);
        assertTrue(md.contains("- at 100%: mpm − scratch: +3.00 [+3.00, +3.00]"), md);
        // Per test shape: mpm at 25% right on 70 of 100, scratch on 80 — the ten shapes 70-79 all in scratch's favour.
        assertTrue(md.contains("- at 25%: mpm − scratch: -10.00 ["), md);
        assertTrue(md.contains("- at 100%: mpm − scratch: +10.00 ["), md);

        var same = assertThrows(IllegalArgumentException.class, () -> s.withBaseline("mpm", full));
        assertTrue(same.getMessage().contains("also one of the pretrained methods"), same.getMessage());
        var nothing = assertThrows(IllegalArgumentException.class, () -> s.withBaseline("random", full));
        assertTrue(nothing.getMessage().contains("baseline random") && nothing.getMessage().contains("svm-random/svm.md"),
                nothing.getMessage());
        assertThrows(NoSuchFileException.class, () -> s.withBaseline("scratch", dir.resolve("nope")));
    }

    @Test
    void aFoldLimitAveragesEveryPointOverTheSameSplits(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("fraction-0.5");
        Path full = dir.resolve("claims-s2");
        folds(small, "mpm", 0);
        folds(full, "mpm", 0);
        RunFolders.methodFold(full, "mpm", 4, 50); // a fifth fold only at 100%: a hard split that drags its mean down
        RunFolders.methodFold(small, "cmc", 0, 80);
        RunFolders.methodFold(small, "cmc", 1, 90);
        Map<Double, Path> points = new LinkedHashMap<>(Map.of(0.5, small, 1.0, full));
        DataScaling all = DataScaling.read(points, List.of("mpm", "cmc"), 5, 0);
        assertEquals(5, all.point(1.0, "mpm").folds().length);
        assertEquals(75, all.point(1.0, "mpm").foldMean(), 1e-9);

        DataScaling four = DataScaling.read(points, List.of("mpm", "cmc"), 5, 4, 0);
        assertEquals(81.25, four.point(1.0, "mpm").foldMean(), 1e-9, "fold 5 is not read");
        assertEquals(4, four.gain("mpm").comparison().n());
        DataScaling two = DataScaling.read(points, List.of("mpm", "cmc"), 5, 2, 0);
        assertEquals(2, two.between(0.5, "cmc", "mpm").comparison().n(), "the pairs are limited too");
        assertTrue(two.toMarkdown().contains("5-way few-shot % (mean ± std, folds of 1–2) |"), two.toMarkdown());
        assertThrows(IllegalArgumentException.class, () -> DataScaling.read(points, List.of("mpm"), 5, -1, 0));
    }

    @Test
    void refusesBadFractionsMissingFoldersAndMethodsWithNothing(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        RunFolders.methodFold(run, "mpm", 0, 80);
        var zero = assertThrows(IllegalArgumentException.class, () -> DataScaling.read(Map.of(0.0, run), List.of("mpm"), 5, 0));
        assertTrue(zero.getMessage().contains("fraction 0.0") && zero.getMessage().contains("(0, 1]"), zero.getMessage());
        var big = assertThrows(IllegalArgumentException.class, () -> DataScaling.read(Map.of(25.0, run), List.of("mpm"), 5, 0));
        assertTrue(big.getMessage().contains("fraction 25.0"), big.getMessage());
        var missing = assertThrows(NoSuchFileException.class,
                () -> DataScaling.read(Map.of(0.5, dir.resolve("nope")), List.of("mpm"), 5, 0));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> DataScaling.read(Map.of(1.0, run), List.of("mpm", "cmc"), 5, 0));
        assertTrue(none.getMessage().startsWith("method cmc has no svm-cmc/svm.md and no fs-5w-cmc folds"), none.getMessage());
        // Folds of different splits do not pair, here across methods at one fraction.
        RunFolders.methodFold(run, "mpm", 1, 70);
        RunFolders.fold(run.resolve("fs-5w-cmc"), 0, "other", 60);
        RunFolders.methodFold(run, "cmc", 1, 65);
        DataScaling s = DataScaling.read(Map.of(1.0, run), List.of("mpm", "cmc"), 5, 0);
        var split = assertThrows(IllegalArgumentException.class, s::toMarkdown);
        assertTrue(split.getMessage().contains("not the same split"), split.getMessage());
    }

    @Test
    void severalSeedsPoolWithFoldsAndShapesPairedWithinEachSeed(@TempDir Path dir) throws IOException {
        Path a25 = dir.resolve("s2/fraction-0.25");
        Path a100 = dir.resolve("s2/claims");
        Path b25 = dir.resolve("s3/fraction-0.25");
        Path b100 = dir.resolve("s3/claims");
        // Seed 2 as above. Seed 3 draws other splits ("t" + k): mpm gains 0, cmc 2.
        mpmLevelCmcGainsSix(a25, a100);
        double[] base = {70, 75, 80, 85};
        for (int k = 0; k < base.length; k++) {
            RunFolders.fold(b25.resolve("fs-5w-mpm"), k, "t" + k, base[k]);
            RunFolders.fold(b100.resolve("fs-5w-mpm"), k, "t" + k, base[k]);
            RunFolders.fold(b25.resolve("fs-5w-cmc"), k, "t" + k, base[k] - 2);
            RunFolders.fold(b100.resolve("fs-5w-cmc"), k, "t" + k, base[k]);
        }
        // recon at 25 %: seed 3 only (seed 2's folds not run yet), on seed 3's splits
        RunFolders.fold(b25.resolve("fs-5w-recon"), 0, "t0", 90);
        RunFolders.fold(b25.resolve("fs-5w-recon"), 1, "t1", 90);
        // Per shape: cmc 150 -> 180 of 200 on seed 2, 160 -> 170 on seed 3; mpm 170 -> 175 and 170 -> 170.
        svmRightOn(a25, "cmc", 200, 150);
        svmRightOn(a100, "cmc", 200, 180);
        svmRightOn(b25, "cmc", 200, 160);
        svmRightOn(b100, "cmc", 200, 170);
        svmRightOn(a25, "mpm", 200, 170);
        svmRightOn(a100, "mpm", 200, 175);
        svmRightOn(b25, "mpm", 200, 170);
        svmRightOn(b100, "mpm", 200, 170);
        Map<Double, List<Path>> points = new LinkedHashMap<>();
        points.put(0.25, List.of(a25, b25));
        points.put(1.0, List.of(a100, b100));
        DataScaling s = DataScaling.readSeeds(points, List.of("mpm", "cmc", "recon"), 5, 0, 0);

        assertEquals(2, s.seeds());
        assertEquals(77.5, s.point(0.25, "cmc").svm(), 1e-9, "the seeds' mean: 75 and 80");
        assertEquals(8, s.point(0.25, "cmc").folds().length, "every seed's folds");
        assertEquals(2, s.point(0.25, "recon").folds().length, "shown from the seed that has them");
        assertNull(s.point(0.25, "recon").fewShot().get(0), "seed 2 has no run: its place is kept, never shifted");
        // ... so recon pairs with mpm over seed 3's two folds alone (90 − 70, 90 − 75), not with seed 2's first folds
        FewShotComparison partial = s.between(0.25, "recon", "mpm");
        assertEquals(2, partial.comparison().n());
        assertEquals(17.5, partial.comparison().meanDifference(), 1e-9);
        assertArrayEquals(new int[] {1, 1}, partial.seedOf(), "both pairs from seed 3 (index 1)");
        assertNull(s.point(1.0, "recon").fewShot(), "no seed has recon at 100 %");
        assertNull(s.gain("recon"), "no gain without the 100 % point");
        PairedComparison moreData = s.gainDifference("cmc", "mpm");
        assertEquals(4, moreData.meanDifference(), 1e-9, "(4 folds x 6 + 4 folds x 2) / 8");
        assertEquals(8, moreData.n());
        assertEquals(-4, s.between(0.25, "cmc", "mpm").comparison().meanDifference(), 1e-9);

        String md = s.toMarkdown();
        assertTrue(md.startsWith("2 pretraining seeds pooled"), md);
        assertTrue(md.contains("- gain of cmc, 100% − 25%: +10.00 ["), "per shape (30 + 10) / 400: " + md);
        assertTrue(md.contains("- gain of cmc − gain of mpm: +8.75 ["), "per shape (40 − 5) / 400: " + md);
        assertTrue(md.contains("n = 400"), md);
        assertTrue(md.matches("(?s).*- at 25%: recon − mpm: \\+17\\.50 \\[[^\\n]*n = 2 \\(1 of 2 seeds have both runs\\) → .*"), md);
        assertTrue(md.matches("(?s).*- at 25%: cmc − mpm: [^\\n]*n = 8 → .*"), "both seeds pair: no note\n" + md);

        Map<Double, List<Path>> uneven = new LinkedHashMap<>(points);
        uneven.put(1.0, List.of(a100));
        var e = assertThrows(IllegalArgumentException.class, () -> DataScaling.readSeeds(uneven, List.of("mpm"), 5, 0, 0));
        assertTrue(e.getMessage().contains("one folder per seed"), e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> s.withBaseline("scratch", a100));
        assertTrue(b.getMessage().contains("1 run folders for 2 seeds"), b.getMessage());
    }

    /** mpm level over data (a gain of 0 on every fold); cmc 6 points behind at 25%, level at 100% (gains 6). */
    private static void mpmLevelCmcGainsSix(Path small, Path full) throws IOException {
        folds(small, "mpm", 0);
        folds(full, "mpm", 0);
        folds(small, "cmc", -6);
        folds(full, "cmc", 0);
    }

    /** Four few-shot folds of {@code method} in {@code folder}: 80, 90, 85, 70 shifted by {@code shift} points. */
    private static void folds(Path folder, String method, double shift) throws IOException {
        double[] base = {80, 90, 85, 70};
        for (int k = 0; k < base.length; k++) {
            RunFolders.methodFold(folder, method, k, base[k] + shift);
        }
    }

    /** An SVM run of {@code method} in {@code folder} that got the first {@code right} of {@code n} test shapes right. */
    private static void svmRightOn(Path folder, String method, int n, int right) throws IOException {
        RunFolders.svm(folder, method, 100.0 * right / n);
        RunFolders.svmPredictions(folder, method, RunFolders.predictions(RunFolders.rightOn(n, i -> i < right)));
    }
}
