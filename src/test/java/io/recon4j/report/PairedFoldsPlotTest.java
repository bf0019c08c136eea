package io.recon4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.analysis.ScatterPanels;
import io.recon4j.eval.PairedComparison;
import io.recon4j.protocol.FewShotComparison;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired-folds picture: a fold A won is drawn above the diagonal A = B, in its seed's colour. */
@Tag("fast")
class PairedFoldsPlotTest {

    @Test
    void foldsAWonLieAboveTheDiagonalAndLostOnesBelow(@TempDir Path dir) throws Exception {
        double[] b = {70, 80, 85, 90, 75, 88};
        double[] up = new double[b.length];
        double[] down = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            up[i] = b[i] + 6;
            down[i] = b[i] - 6;
        }
        int[] seedOf = {0, 0, 0, 1, 1, 1};
        int[] won = sides(draw(dir.resolve("won.png"), up, b, seedOf));
        int[] lost = sides(draw(dir.resolve("lost.png"), down, b, seedOf));
        assertTrue(won[0] > 50 && won[1] == 0, "every marker pixel of a won fold is left of (above) the diagonal: " + won[0] + " / " + won[1]);
        assertTrue(lost[1] > 50 && lost[0] == 0, "every marker pixel of a lost fold is right of (below) it: " + lost[0] + " / " + lost[1]);
    }

    @Test
    void eachSeedHasItsColour(@TempDir Path dir) throws Exception {
        double[] b = {70, 80, 85, 90};
        BufferedImage two = draw(dir.resolve("two.png"), new double[] {72, 83, 84, 95}, b, new int[] {0, 0, 1, 1});
        assertEquals(PairedFoldsPlot.SIDE, two.getWidth());
        assertTrue(count(two, ScatterPanels.colour(0)) > 0 && count(two, ScatterPanels.colour(1)) > 0);
        BufferedImage one = draw(dir.resolve("one.png"), new double[] {72, 83, 84, 95}, b, new int[] {0, 0, 0, 0});
        assertEquals(0, count(one, ScatterPanels.colour(1)), "one seed, one colour");
    }

    private static BufferedImage draw(Path png, double[] a, double[] b, int[] seedOf) throws Exception {
        var c = new FewShotComparison(a, b, seedOf, PairedComparison.of(a, b, 0));
        PairedFoldsPlot.write(c, "ReCon", "scratch", List.of("claims-s1", "claims-s2"), png);
        return ImageIO.read(png.toFile());
    }

    /** @return marker pixels (both seeds' colours) left and right of the diagonal, row by row, above the legend */
    private static int[] sides(BufferedImage img) {
        int left = 0;
        int right = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int diagonal = -1;
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) == PairedFoldsPlot.DIAGONAL.getRGB()) {
                    diagonal = x;
                }
            }
            if (diagonal < 0) {
                continue; // the legend's rows: no diagonal there
            }
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (rgb == ScatterPanels.colour(0).getRGB() || rgb == ScatterPanels.colour(1).getRGB()) {
                    if (x < diagonal) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
        }
        return new int[] {left, right};
    }

    private static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += img.getRGB(x, y) == c.getRGB() ? 1 : 0;
            }
        }
        return n;
    }
}
