package io.recon4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The in-memory image set: (N, C, H, W) layout, per-channel normalisation on read, views and checks. */
@Tag("fast")
class ImageDatasetTest {

    /** 3 images of 2 channels, 1×2 pixels: value = image·0.1 + channel·0.01 + pixel·0.001. */
    private static ImageDataset small() {
        float[] px = new float[3 * 2 * 2];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                for (int p = 0; p < 2; p++) {
                    px[(i * 2 + c) * 2 + p] = i * 0.1f + c * 0.01f + p * 0.001f;
                }
            }
        }
        return new ImageDataset("small", px, 2, 1, 2, new int[] {1, 0, 1}, List.of("a", "b"));
    }

    @Test
    void batchesAreNormalisedPerChannelInNchwOrder() {
        ImageDataset d = small().normalized(new float[] {0.5f, 0.25f}, new float[] {2f, 4f});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = d.images(m, 1, 3);
            assertEquals(new Shape(2, 2, 1, 2), x.getShape());
            float[] v = x.toFloatArray();
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < 2; c++) {
                    for (int p = 0; p < 2; p++) {
                        float raw = (i + 1) * 0.1f + c * 0.01f + p * 0.001f;
                        float expected = c == 0 ? (raw - 0.5f) / 2f : (raw - 0.25f) / 4f;
                        assertEquals(expected, v[(i * 2 + c) * 2 + p], 1e-6, "image " + (i + 1) + " channel " + c + " pixel " + p);
                    }
                }
            }
        }
        assertArrayEquals(new int[] {0, 1}, d.labels(1, 3));
    }

    @Test
    void headSharesThePixelsAndStatsIgnoreNormalisation() {
        ImageDataset d = small().normalized(new float[] {9f, 9f}, new float[] {3f, 3f});
        ImageDataset two = d.head(2);
        assertEquals(2, two.size());
        assertEquals("small (first 2)", two.name());
        assertEquals(d, d.head(5), "asking for more than there is returns the set itself");
        assertThrows(IndexOutOfBoundsException.class, () -> two.label(2));
        ImageDataset.ChannelStats s = two.channelStats();
        // channel 0 of images 0 and 1: {0, 0.001, 0.1, 0.101}
        assertEquals(0.0505, s.mean()[0], 1e-6);
        double var = (Math.pow(0.0505, 2) * 2 + Math.pow(0.0495, 2) * 2) / 4;
        assertEquals(Math.sqrt(var), s.std()[0], 1e-6);
        assertEquals(0.0605, s.mean()[1], 1e-6);
    }

    @Test
    void inconsistentInputIsRefusedWithTheReason() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("x", new float[7], 1, 2, 2, new int[] {0, 0}, List.of("a")));
        assertTrue(count.getMessage().contains("7 pixel values for 2 images of 1×2×2 (expected 8)"), count.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset("x", new float[8], 1, 2, 2, new int[] {0, 3}, List.of("a", "b")));
        assertTrue(label.getMessage().contains("label 3 of image 1 is outside 0..1"), label.getMessage());
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class,
                () -> small().normalized(new float[] {0f, 0f}, new float[] {1f, 0f}));
        assertTrue(norm.getMessage().contains("std must be > 0"), norm.getMessage());
    }
}
