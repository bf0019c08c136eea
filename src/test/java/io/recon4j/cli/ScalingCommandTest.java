package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.analysis.ScatterPanels;
import io.recon4j.protocol.RunFolders;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon scaling}: the data-scaling table and figure from fraction folders, and its input errors. */
@Tag("cli")
class ScalingCommandTest {

    @Test
    void tableAndPicture(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"0.25", "0.5", "1"}) {
            double more = 10 * Double.parseDouble(f);
            for (int k = 0; k < 3; k++) {
                RunFolders.methodFold(dir.resolve(f), "mpm", k, 80 + k + more);
                RunFolders.methodFold(dir.resolve(f), "cmc", k, 70 + k + 2 * more);
            }
            RunFolders.svm(dir.resolve(f), "mpm", 85 + more); // cmc has no SVM anywhere: its line is only in the few-shot panel
        }
        Path png = dir.resolve("scaling.png");
        Cli.Run r = Cli.run("scaling", "--point", "1=" + dir.resolve("1"), "--point", "0.25=" + dir.resolve("0.25"),
                "--point", "0.5=" + dir.resolve("0.5"), "--methods", "mpm,cmc", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0, count(ImageIO.read(png.toFile()), 0, ImageIO.read(png.toFile()).getWidth(), GREY), "no baseline: no grey line");
        assertTrue(r.out().contains("| 25% | mpm | 87.50 | 50.00 | 83.50 ± 0.82 (3) |"), r.out());
        assertTrue(r.out().contains("| 50% | cmc | – | – | 81.00 ± 0.82 (3) |"), r.out());
        assertTrue(r.out().contains("- gain of cmc − gain of mpm: +7.50 [+7.50, +7.50], p = 0.250, n = 3 → marginal: cmc gains more by the interval, not by p"), r.out());
        assertTrue(r.out().contains("plot: " + png), r.out());

        BufferedImage img = ImageIO.read(png.toFile());
        int third = img.getWidth() / 3;
        int mpm = ScatterPanels.colour(0).getRGB();
        int cmc = ScatterPanels.colour(1).getRGB();
        assertTrue(count(img, 0, third, mpm) > 50 && count(img, 0, third, cmc) > 50, "both lines in the few-shot panel");
        assertTrue(count(img, third, 2 * third, mpm) > 50, "mpm's SVM line in the middle");
        assertEquals(0, count(img, third, img.getWidth(), cmc), "no SVM run for cmc: nothing of its colour in the probes' panels");
        assertTrue(count(img, 2 * third, img.getWidth(), mpm) > 50, "mpm's logistic probe on the right");
    }

    @Test
    void aBaselineIsARowAndADashedLineInEveryPanel(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"0.5", "1"}) {
            for (int k = 0; k < 3; k++) {
                RunFolders.methodFold(dir.resolve(f), "mpm", k, 80 + k + 10 * Double.parseDouble(f));
            }
            RunFolders.svm(dir.resolve(f), "mpm", 85);
        }
        for (int k = 0; k < 3; k++) {
            RunFolders.methodFold(dir.resolve("1"), "scratch", k, 84 + k);
        }
        RunFolders.svm(dir.resolve("1"), "scratch", 82);
        Path png = dir.resolve("scaling.png");
        Cli.Run r = Cli.run("scaling", "--point", "0.5=" + dir.resolve("0.5"), "--point", "1=" + dir.resolve("1"),
                "--methods", "mpm", "--baseline", "scratch=" + dir.resolve("1"), "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| none | scratch (no pretraining) | 82.00 | 50.00 | 85.00 ± 0.82 (3) |"), r.out());
        assertTrue(r.out().contains("- at 50%: mpm − scratch: +1.00 [") && r.out().contains("- at 100%: mpm − scratch: +6.00 ["), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        int third = img.getWidth() / 3;
        for (int panel = 0; panel < 3; panel++) {
            assertTrue(count(img, panel * third, (panel + 1) * third, GREY) > 50, "the baseline's line in panel " + panel);
        }

        Cli.Run two = Cli.run("scaling", "--point", "1=" + dir.resolve("1"), "--methods", "mpm",
                "--baseline", "scratch=" + dir.resolve("1"), "--baseline", "other=" + dir.resolve("1"));
        assertEquals(1, two.code());
        assertTrue(two.err().contains("--baseline: give one baseline"), two.err());
    }

    @Test
    void badPointsAreRefusedBeforeAnythingIsRead(@TempDir Path dir) throws IOException {
        RunFolders.methodFold(dir.resolve("run"), "mpm", 0, 80);
        Cli.Run word = Cli.run("scaling", "--point", "half=" + dir.resolve("run"), "--methods", "mpm");
        assertEquals(1, word.code());
        assertTrue(word.err().contains("--point half=") && word.err().contains("must be a number in (0, 1]"), word.err());
        Cli.Run range = Cli.run("scaling", "--point", "50=" + dir.resolve("run"), "--methods", "mpm");
        assertEquals(1, range.code());
        assertTrue(range.err().contains("fraction 50.0") && range.err().contains("(0, 1]"), range.err());
        Cli.Run twice = Cli.run("scaling", "--point", "0.5=" + dir.resolve("run"), "--point", "0.50=" + dir.resolve("run"),
                "--methods", "mpm");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("fraction 0.5 is given twice"), twice.err());
    }

    /** The baseline's colour in {@code DataScalingPlot}. */
    private static final int GREY = 0x777788;

    private static int count(BufferedImage img, int x0, int x1, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                n += (img.getRGB(x, y) | 0xff000000) == (rgb | 0xff000000) ? 1 : 0;
            }
        }
        return n;
    }
}
