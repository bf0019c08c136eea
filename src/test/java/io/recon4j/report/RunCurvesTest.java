package io.recon4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.train.MetricsLog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several runs' per-epoch metric side by side: values by epochs completed, last, best, and the chart. */
@Tag("fast")
class RunCurvesTest {

    /** Writes a run folder whose epoch e (from 0) logs test_acc = accs[e], with step records between. */
    static Path run(Path dir, String name, double... accs) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        try (MetricsLog log = MetricsLog.open(d.resolve("metrics.jsonl"), -1)) {
            for (int e = 0; e < accs.length; e++) {
                log.log(Map.of("kind", "step", "epoch", e, "batch", 0, "step", e + 1, "loss", 1.0 / (e + 1)));
                log.log(Map.of("kind", "epoch", "epoch", e, "step", e + 1, "loss", 1.0 / (e + 1), "test_acc", accs[e]));
            }
        }
        return d;
    }

    @Test
    void tableCountsEpochsFromOneAndFindsTheFirstBest(@TempDir Path dir) throws IOException {
        Map<String, Path> runs = new LinkedHashMap<>();
        runs.put("scratch", run(dir, "a", 20, 40, 60, 70, 75, 80));
        runs.put("recon", run(dir, "b", 50, 85, 80, 85, 84));
        RunCurves c = RunCurves.read(runs, "test_acc");
        assertEquals(40.0, c.curves().get(0).after(2), "after 2 epochs = the log's epoch 1");
        assertEquals(2, c.curves().get(1).bestEpoch(true), "the first of two equal bests");
        String md = c.toMarkdown(new int[] {1, 3, 10}, true);
        assertTrue(md.startsWith("| run | epochs | after 1 | after 3 | last | best (epoch) |"), "no column beyond the longest run: " + md);
        assertTrue(md.contains("| scratch | 6 | 20.00 | 60.00 | 80.00 | 80.00 (6) |"), md);
        assertTrue(md.contains("| recon | 5 | 50.00 | 80.00 | 84.00 | 85.00 (2) |"), md);

        String loss = RunCurves.read(runs, "loss").toMarkdown(new int[] {6}, false);
        assertTrue(loss.contains("| recon | 5 | – | 0.20 | 0.20 (5) |"), "a run shorter than a column shows a dash: " + loss);
    }

    @Test
    void chartHasALinePerRun(@TempDir Path dir) throws IOException {
        Map<String, Path> runs = new LinkedHashMap<>();
        runs.put("scratch", run(dir, "a", 20, 40, 60));
        runs.put("recon", run(dir, "b", 50, 85, 80));
        Path png = dir.resolve("curves.png");
        RunCurves.read(runs, "test_acc").plot(png, "test_acc per epoch");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        Map<String, Path> one = Map.of("scratch", runs.get("scratch"));
        Path png1 = dir.resolve("one.png");
        RunCurves.read(one, "test_acc").plot(png1, "t");
        assertTrue(colours(img) > colours(ImageIO.read(png1.toFile())), "a second run adds a second series colour");
    }

    @Test
    void badInputSaysWhichFolderAndWhatItHas(@TempDir Path dir) throws IOException {
        Path ok = run(dir, "a", 20, 40);
        var noLog = assertThrows(IllegalArgumentException.class,
                () -> RunCurves.read(Map.of("x", Files.createDirectories(dir.resolve("empty"))), "test_acc"));
        assertTrue(noLog.getMessage().contains("empty has no metrics.jsonl"), noLog.getMessage());
        var noMetric = assertThrows(IllegalArgumentException.class, () -> RunCurves.read(Map.of("a", ok), "test_accuracy"));
        assertTrue(noMetric.getMessage().contains("no epoch record has 'test_accuracy'; its epoch records have: epoch, kind, loss, step, test_acc"),
                noMetric.getMessage());
    }

    private static long colours(BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth()) & 0xffffff)
                .filter(rgb -> ((rgb >> 16) & 255) != ((rgb >> 8) & 255) || ((rgb >> 8) & 255) != (rgb & 255)) // not grey
                .distinct().count();
    }
}
