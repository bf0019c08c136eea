package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.FewShotSplits;
import io.recon4j.data.procedural.ProceduralShapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon compare} pairs the folds of two few-shot runs and refuses folds that are not the same split. */
@Tag("cli")
class CompareCommandTest {

    private static final ProceduralShapes.Config DATA = ProceduralShapes.Config.defaults().withCounts(4, 3).withNumPoints(96);

    private static void fold(Path run, int k, long splitSeed, double best) throws IOException {
        Path dir = Files.createDirectories(run.resolve("fold-" + k));
        FewShotSplits.save(FewShotSplits.generate(ProceduralShapes.train(DATA), ProceduralShapes.test(DATA), 2, 2, 3, splitSeed, k),
                dir.resolve("fold.json"));
        Files.writeString(dir.resolve("result.json"), "{\"fold\":" + k + ",\"best_acc\":" + best + ",\"best_epoch\":3}\n");
    }

    @Test
    void pairedFoldsGiveTheDifferenceIntervalAndVerdict(@TempDir Path dir) throws IOException {
        double[] base = {50, 80, 65, 70, 55, 90};
        for (int seed = 0; seed < 2; seed++) {
            for (int k = 0; k < 3; k++) {
                double b = base[seed * 3 + k];
                fold(dir.resolve("a" + seed), k, seed, b + 4);
                fold(dir.resolve("b" + seed), k, seed, b);
            }
        }
        Cli.Run r = Cli.run("compare", "--a", dir.resolve("a0") + "," + dir.resolve("a1"),
                "--b", dir.resolve("b0") + "," + dir.resolve("b1"), "--name-a", "ReCon", "--name-b", "scratch");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ReCon: 72.33 ± 13.74 %, scratch: 68.33 ± 13.74 % (mean ± std over 6 paired folds)"), r.out());
        // Every pair differs by +4: interval [4, 4], exact p = 2 / 64.
        assertTrue(r.out().contains("ReCon - scratch: +4.00 [+4.00, +4.00], p = 0.0313, n = 6 -> ReCon better"), r.out());

        Path png = dir.resolve("plots/paired.png");
        Files.createDirectories(png.getParent());
        Cli.Run plotted = Cli.run("compare", "--a", dir.resolve("a0") + "," + dir.resolve("a1"),
                "--b", dir.resolve("b0") + "," + dir.resolve("b1"), "--plot", png.toString());
        assertEquals(0, plotted.code(), plotted.err());
        assertTrue(plotted.out().contains("plot: " + png), plotted.out());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() > 100, "a readable PNG");
    }

    @Test
    void foldsOfDifferentSplitsAreNotPaired(@TempDir Path dir) throws IOException {
        fold(dir.resolve("a"), 0, 1, 60);
        fold(dir.resolve("a"), 1, 1, 70);
        fold(dir.resolve("b"), 0, 2, 50);
        fold(dir.resolve("b"), 1, 2, 55);
        Cli.Run r = Cli.run("compare", "--a", dir.resolve("a").toString(), "--b", dir.resolve("b").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("fold 0 of") && r.err().contains("are not the same split"), r.err());
        Cli.Run few = Cli.run("compare", "--a", dir.resolve("a").toString(),
                "--b", dir.resolve("missing").toString());
        assertEquals(1, few.code());
        assertTrue(few.err().contains("missing"), few.err());
    }
}
