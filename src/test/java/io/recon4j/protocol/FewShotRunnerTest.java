package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.FewShotFold;
import io.recon4j.data.FewShotSplits;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fold generation through {@link FewShotSplits}, split reuse on resume, and a tiny two-fold run. */
@Tag("train")
class FewShotRunnerTest {

    static final ProceduralShapes.Config DATA = ProceduralShapes.Config.defaults().withCounts(4, 3).withNumPoints(96);
    static final ProceduralShapes SUPPORT = ProceduralShapes.train(DATA);
    static final ProceduralShapes QUERY = ProceduralShapes.test(DATA);
    static final FewShotRunner.Options OPTIONS = new FewShotRunner.Options(2, 2, 2, 3, 11);

    @Test
    void foldsAreFewShotSplitsFoldsAndSavedSplitsAreReusedOnResume(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fold.json");
        FewShotFold fresh = FewShotRunner.fold(SUPPORT, QUERY, OPTIONS, 1, file, false);
        assertEquals(FewShotSplits.generate(SUPPORT, QUERY, 2, 2, 3, 11, 1), fresh);
        assertEquals(fresh, FewShotSplits.load(file));

        // A resumed run keeps the split it started with, even if a regeneration would now differ.
        FewShotFold other = FewShotSplits.generate(SUPPORT, QUERY, 2, 2, 3, 99, 1);
        assertNotEquals(fresh, other);
        FewShotSplits.save(other, file);
        assertEquals(other, FewShotRunner.fold(SUPPORT, QUERY, OPTIONS, 1, file, true));
        // Without --resume the split is generated again.
        assertEquals(fresh, FewShotRunner.fold(SUPPORT, QUERY, OPTIONS, 1, file, false));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FewShotRunner.fold(SUPPORT, QUERY, new FewShotRunner.Options(3, 2, 2, 3, 11), 1, file, true));
        assertTrue(e.getMessage().contains("holds a 2-way 2-shot split"), e.getMessage());
    }

    @Test
    void tinyRunReportsMeanAndStdOfTheFoldsBestAccuracies(@TempDir Path dir) throws IOException {
        ReconConfig tiny = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
        FineTuneConfig cfg = FineTuneConfig.fewShot(tiny, HeadType.FULL).with(1, 4, 0, 5);
        List<String> lines = new ArrayList<>();
        FewShotRunner.Result r;
        try (NDManager m = NDManager.newBaseManager()) {
            r = FewShotRunner.run(cfg, SUPPORT, QUERY, OPTIONS, RunFolder.at(dir), false, m, lines::add);
        }
        assertTrue(r.completed());
        assertEquals(2, r.folds().size());
        double a = r.folds().get(0).bestAccuracy();
        double b = r.folds().get(1).bestAccuracy();
        assertEquals((a + b) / 2, r.mean(), 1e-9);
        assertEquals(Math.abs(a - b) / 2, r.std(), 1e-9);
        for (int k = 0; k < 2; k++) {
            Path fold = dir.resolve("fold-" + k);
            assertEquals(FewShotSplits.generate(SUPPORT, QUERY, 2, 2, 3, 11, k), FewShotSplits.load(fold.resolve("fold.json")));
            assertTrue(Files.exists(fold.resolve("ckpt-best.pth")));
            assertTrue(Files.exists(fold.resolve("result.json")));
        }
        String md = Files.readString(dir.resolve("fewshot.md"));
        assertTrue(md.contains("2-way 2-shot, 2 of 2 folds"), md);

        // Resuming a finished run reuses every fold's result without training.
        List<String> again = new ArrayList<>();
        FewShotRunner.Result r2;
        try (NDManager m = NDManager.newBaseManager()) {
            r2 = FewShotRunner.run(cfg, SUPPORT, QUERY, OPTIONS, RunFolder.at(dir), true, m, again::add);
        }
        assertEquals(r.folds(), r2.folds());
        assertTrue(again.stream().allMatch(l -> l.contains("done before")), again.toString());
    }
}
