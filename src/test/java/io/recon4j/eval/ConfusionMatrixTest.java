package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics on hand-made predictions. */
@Tag("fast")
class ConfusionMatrixTest {

    /** 3 classes: a 4 samples (3 right, 1 as b), b 2 samples (1 right, 1 as c), c 4 samples (all right); 1 class absent. */
    static ConfusionMatrix handMade() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b", "c", "d"));
        m.addAll(new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 0, 1, 0, 1, 2, 2, 2, 2, 2});
        return m;
    }

    @Test
    void overallAndMeanClassAccuracy() {
        ConfusionMatrix m = handMade();
        assertEquals(10, m.total());
        assertEquals(8, m.correct());
        assertEquals(0.8, m.overallAccuracy(), 1e-12);
        assertEquals(0.75, m.classAccuracy(0), 1e-12);
        assertEquals(0.5, m.classAccuracy(1), 1e-12);
        assertEquals(1.0, m.classAccuracy(2), 1e-12);
        assertTrue(Double.isNaN(m.classAccuracy(3)), "a class without samples has no accuracy");
        // mAcc averages the classes that have samples: (0.75 + 0.5 + 1) / 3.
        assertEquals(0.75, m.meanClassAccuracy(), 1e-12);
    }

    @Test
    void countsAreTrueByPredicted() {
        ConfusionMatrix m = handMade();
        assertArrayEquals(new long[] {3, 1, 0, 0}, m.counts()[0]);
        assertArrayEquals(new long[] {0, 1, 1, 0}, m.counts()[1]);
        assertArrayEquals(new long[] {0, 0, 4, 0}, m.counts()[2]);
        assertEquals(1, m.mostConfusedWith(0));
        assertEquals(2, m.mostConfusedWith(1));
        assertEquals(-1, m.mostConfusedWith(2));
        // counts() is a copy.
        m.counts()[0][0] = 99;
        assertEquals(3, m.count(0, 0));
    }

    @Test
    void markdownTableListsEveryClass() {
        String md = handMade().toMarkdown();
        assertTrue(md.contains("| a | 4 | 3 | 75.00 | b (1) |"), md);
        assertTrue(md.contains("| b | 2 | 1 | 50.00 | c (1) |"), md);
        assertTrue(md.contains("| c | 4 | 4 | 100.00 | – |"), md);
        assertTrue(md.contains("| d | 0 | 0 | – | – |"), md);
        assertTrue(md.contains("Overall accuracy 80.00 % (8 of 10); mean class accuracy 75.00 %"), md);
    }

    @Test
    void badLabelsAreRejectedWithTheirValue() {
        ConfusionMatrix m = ConfusionMatrix.ofClasses(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(0, 3));
        assertTrue(e.getMessage().contains("predicted label 3 is outside [0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.addAll(new int[2], new int[3]));
        assertTrue(Double.isNaN(m.overallAccuracy()));
    }

    @Test
    void evaluationOfLogitsUsesArgmaxAndCrossEntropy() {
        // Two samples, two classes: logits (2, 0) label 0 → right; (1, 3) label 0 → wrong.
        Outputs o = new Outputs(2, new float[] {2, 0, 1, 3}, new int[] {0, 0});
        Evaluation e = Evaluation.of(o, List.of("x", "y"));
        assertEquals(50.0, e.accuracy(), 1e-12);
        double ce = (Math.log(1 + Math.exp(-2)) + Math.log(Math.exp(1) + Math.exp(3)) - 1) / 2;
        assertEquals(ce, e.loss(), 1e-9);
        assertArrayEquals(new int[] {0, 1}, o.argmax());
    }

    @Test
    void heatMapPngShadesCellsByTheirShareOfTheRow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("confusion.png");
        ConfusionImage.write(handMade(), "hand-made: OA 80 %", png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 420 && img.getHeight() > 100);
        // Class c is always right: its diagonal cell has the full-share colour.
        assertTrue(pixels(img, FULL) > 100, "expected a full-share cell");
        // When every row is split in half, no cell reaches the full-share colour.
        ConfusionMatrix half = ConfusionMatrix.ofClasses(2);
        half.addAll(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1});
        assertEquals(0, pixels(ConfusionImage.render(half, "half"), FULL));
    }

    private static final int FULL = (8 << 16) | (48 << 8) | 107;

    private static int pixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void csvRoundTripKeepsEveryCount() {
        ConfusionMatrix m = new ConfusionMatrix(java.util.List.of("chair", "night_stand", "sofa"));
        m.addAll(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 2, 1, 1, 2, 2});
        ConfusionMatrix back = ConfusionMatrix.parseCsv(m.toCsv());
        org.junit.jupiter.api.Assertions.assertEquals(m.classNames(), back.classNames());
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.counts(), back.counts());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.parseCsv("actual\\predicted,a,b\na,1,2\n"));
    }
}
