package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairing of two methods' few-shot folds: only folds finished in both, only identical splits, and the text. */
@Tag("fast")
class FewShotComparisonTest {

    private static void fold(Path run, int k, String split, double best) throws IOException {
        RunFolders.fold(run, k, split, best);
    }

    @Test
    void pairsFoldsFinishedInBothAndFormatsTheVerdict(@TempDir Path dir) throws IOException {
        fold(dir.resolve("a"), 0, "s0", 60);
        fold(dir.resolve("a"), 1, "s1", 70);
        fold(dir.resolve("a"), 2, "s2", 80);
        fold(dir.resolve("b"), 0, "s0", 50);
        fold(dir.resolve("b"), 1, "s1", 66);
        // Fold 2 of B has not finished: A's fold 2 is left out.
        FewShotComparison c = FewShotComparison.of(List.of(dir.resolve("a")), List.of(dir.resolve("b")), 0);
        assertArrayEquals(new double[] {60, 70}, c.a());
        assertArrayEquals(new double[] {50, 66}, c.b());
        assertEquals(7.0, c.comparison().meanDifference(), 1e-9);
        assertEquals(2, c.comparison().n());
        String text = c.toText("ReCon", "MAE");
        assertTrue(text.startsWith("ReCon: 65.00 ± 5.00 %, MAE: 58.00 ± 8.00 % (mean ± std over 2 paired folds)\n"), text);
        assertTrue(text.contains("ReCon - MAE: " + c.comparison() + " -> "), text);
        assertEquals(PairedComparison.of(new double[] {60, 70}, new double[] {50, 66}, 0), c.comparison());
    }

    @Test
    void refusesDifferentSplitsTooFewPairsAndUnequalFolderCounts(@TempDir Path dir) throws IOException {
        fold(dir.resolve("a"), 0, "s0", 60);
        fold(dir.resolve("a"), 1, "s1", 70);
        fold(dir.resolve("b"), 0, "other", 50);
        fold(dir.resolve("b"), 1, "s1", 55);
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> FewShotComparison.of(List.of(dir.resolve("a")), List.of(dir.resolve("b")), 0));
        assertTrue(split.getMessage().startsWith("fold 0 of") && split.getMessage().contains("not the same split"),
                split.getMessage());
        fold(dir.resolve("c"), 0, "s0", 65);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> FewShotComparison.of(List.of(dir.resolve("a")), List.of(dir.resolve("c")), 0));
        assertTrue(few.getMessage().startsWith("only 1 fold(s) finished in both"), few.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> FewShotComparison.of(List.of(dir.resolve("a"), dir.resolve("c")), List.of(dir.resolve("b")), 0));
        assertTrue(count.getMessage().contains("--a has 2 folders and --b 1"), count.getMessage());
    }
}
