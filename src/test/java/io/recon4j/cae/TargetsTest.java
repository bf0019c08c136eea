package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Patch layout, the pixel target (plain and norm_pix) and the k-means tokenizer. */
@Tag("fast")
class TargetsTest {

    NDManager m;

    @BeforeEach
    void up() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void down() {
        m.close();
    }

    /** (B, C, H, W) with value = b·1000 + c·100 + y·10 + x, so every pixel names its place. */
    NDArray labelled(int b, int c, int h, int w) {
        float[] v = new float[b * c * h * w];
        int i = 0;
        for (int bb = 0; bb < b; bb++) {
            for (int cc = 0; cc < c; cc++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        v[i++] = bb * 1000 + cc * 100 + y * 10 + x;
                    }
                }
            }
        }
        return m.create(v, new Shape(b, c, h, w));
    }

    @Test
    void patchifyTakesPatchesRowMajorWithPixelsInRowColumnChannelOrder() {
        NDArray img = labelled(1, 2, 4, 4);
        NDArray p = Patches.patchify(img, 2);
        assertEquals(new Shape(1, 4, 8), p.getShape());
        // Patch 1 = rows 0-1, columns 2-3; pixels (0,2) c0, (0,2) c1, (0,3) c0, (0,3) c1, (1,2) c0, ...
        assertArrayEquals(new float[] {2, 102, 3, 103, 12, 112, 13, 113}, p.get("0, 1, :").toFloatArray());
        assertArrayEquals(img.toFloatArray(), Patches.unpatchify(p, 2, 2).toFloatArray());
    }

    @Test
    void selectPicksEachImagesOwnRows() {
        NDArray x = labelled(2, 1, 3, 4).reshape(2, 3, 4);
        NDArray picked = Patches.select(x, m.create(new long[] {2, 0, 1, 1}, new Shape(2, 2)));
        assertArrayEquals(new float[] {20, 21, 22, 23, 0, 1, 2, 3, 1010, 1011, 1012, 1013, 1010, 1011, 1012, 1013},
                picked.toFloatArray());
    }

    @Test
    void pixelTargetScoresTheMaskedPatchesOnly() {
        NDArray img = m.randomNormal(new Shape(2, 1, 4, 4));
        NDArray masked = m.create(new long[] {3, 0}, new Shape(2, 1));
        PixelTarget plain = new PixelTarget(2, 1, false);
        NDArray truth = Patches.select(Patches.patchify(img, 2), masked);
        assertEquals(0f, plain.loss(truth, img, masked).getFloat(), 1e-7f);
        assertEquals(1f, plain.loss(truth.add(1f), img, masked).getFloat(), 1e-6f, "MSE over every element");
        assertEquals(4, plain.dim());
    }

    @Test
    void normPixStandardisesEachTargetPatchWithItsUnbiasedVariance() {
        // One 2×2 patch with pixels 1, 2, 3, 6: mean 3, unbiased variance (4 + 1 + 0 + 9) / 3 = 14/3.
        NDArray img = m.create(new float[] {1, 2, 3, 6}, new Shape(1, 1, 2, 2));
        NDArray masked = m.create(new long[] {0}, new Shape(1, 1));
        PixelTarget norm = new PixelTarget(2, 1, true);
        double sd = Math.sqrt(14.0 / 3 + 1e-6);
        float[] want = {(float) (-2 / sd), (float) (-1 / sd), 0f, (float) (3 / sd)};
        NDArray pred = m.create(want, new Shape(1, 1, 4));
        assertEquals(0f, norm.loss(pred, img, masked).getFloat(), 1e-10f);
        assertArrayEquals(new float[] {1, 2, 3, 6}, norm.toPixels(pred, img, masked).toFloatArray(), 1e-5f);
    }

    @Test
    void kMeansFindsSeparatedClustersAndTokenizesToTheNearestCodeword() {
        Random rng = new Random(1);
        float[][] centres = {{0, 0, 0, 0}, {5, 5, 5, 5}, {-5, 5, -5, 5}};
        float[] patches = new float[3000 * 4];
        for (int i = 0; i < 3000; i++) {
            for (int j = 0; j < 4; j++) {
                patches[i * 4 + j] = centres[i % 3][j] + (float) rng.nextGaussian() * 0.3f;
            }
        }
        KMeansTokenizer t = KMeansTokenizer.fit(patches, 4, 3, 10, 7, 2);
        float[] book = t.codebook();
        for (float[] c : centres) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k < 3; k++) {
                double d = 0;
                for (int j = 0; j < 4; j++) {
                    d += Math.pow(book[k * 4 + j] - c[j], 2);
                }
                best = Math.min(best, d);
            }
            assertTrue(best < 0.05, "a codeword near every true centre; squared distance " + best);
        }
        // A 2×4 image = two 2×2 patches; each patch's token is its nearest codeword, checked in plain Java.
        NDArray img = m.create(new float[] {5, 5, -5, 5, 5, 5, -5, 5}, new Shape(1, 1, 2, 4));
        long[] ids = t.tokenize(img).toLongArray();
        float[][] rows = {{5, 5, 5, 5}, {-5, 5, -5, 5}};
        for (int p = 0; p < 2; p++) {
            int nearest = 0;
            double best = Double.MAX_VALUE;
            for (int k = 0; k < 3; k++) {
                double d = 0;
                for (int j = 0; j < 4; j++) {
                    d += Math.pow(book[k * 4 + j] - rows[p][j], 2);
                }
                if (d < best) {
                    best = d;
                    nearest = k;
                }
            }
            assertEquals(nearest, ids[p], "patch " + p);
        }
        assertTrue(ids[0] != ids[1]);
    }

    @Test
    void tokenTargetIsCrossEntropyOnTheMaskedPatchesTokens() {
        KMeansTokenizer t = new KMeansTokenizer(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, 2, 2);
        TokenTarget target = new TokenTarget(t);
        // Two patches: the first all ones (token 1), the second all zeros (token 0); only patch 0 is masked.
        NDArray img = m.create(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, new Shape(1, 1, 2, 4));
        NDArray logits = m.create(new float[] {0f, 2f}, new Shape(1, 1, 2));
        double ce = -Math.log(Math.exp(2) / (1 + Math.exp(2)));
        assertEquals(ce, target.loss(logits, img, m.create(new long[] {0}, new Shape(1, 1))).getFloat(), 1e-6);
        assertEquals(2, target.dim());
    }
}
