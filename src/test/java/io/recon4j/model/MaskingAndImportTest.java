package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class MaskingAndImportTest {

    @Test
    void randomMaskingHidesExactlyRatioTimesGroupsPerCloud() {
        float[] centers = new float[4 * 64 * 3];
        boolean[] mask = Masking.RAND.sample(centers, 4, 64, 0.6f, new SplittableRandom(1));
        for (int b = 0; b < 4; b++) {
            int n = 0;
            for (int g = 0; g < 64; g++) {
                n += mask[b * 64 + g] ? 1 : 0;
            }
            assertEquals(38, n, "int(0.6*64) per cloud");
        }
        assertEquals(4 * 38, Masking.rows(mask, 64, true).length);
        assertEquals(4 * 26, Masking.rows(mask, 64, false).length);
    }

    @Test
    void blockMaskingHidesTheCentresNearestOneCentre() {
        // 10 centres on a line: a block mask of ratio 0.5 is 5 consecutive positions.
        float[] centers = new float[10 * 3];
        for (int g = 0; g < 10; g++) {
            centers[g * 3] = g;
        }
        for (int seed = 0; seed < 20; seed++) {
            boolean[] mask = Masking.BLOCK.sample(centers, 1, 10, 0.5f, new SplittableRandom(seed));
            int first = -1;
            int last = -1;
            int n = 0;
            for (int g = 0; g < 10; g++) {
                if (mask[g]) {
                    first = first < 0 ? g : first;
                    last = g;
                    n++;
                }
            }
            assertEquals(5, n);
            assertEquals(4, last - first, "contiguous block, seed " + seed);
        }
    }

    @Test
    void rowsRefuseCloudsWithDifferentMaskCounts() {
        boolean[] mask = {true, false, true, true};
        assertThrows(IllegalArgumentException.class, () -> Masking.rows(mask, 2, true));
    }

    @Test
    void importRefusesShapeMismatchesAndLoadsNothing(@TempDir Path dir) throws IOException {
        ReconConfig cfg = new ReconConfig(16, 1, 2, 1, 2, 4, 4, 16, 0.5f, 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier source = ReconClassifier.builder(cfg).setClasses(5).build();
            source.initialize(m);
            Path file = dir.resolve("five.pth");
            Weights.save(source, file);

            ReconClassifier other = ReconClassifier.builder(cfg).setClasses(7).build();
            other.initialize(m);
            float[] before = other.stateDict().get("cls_token").getArray().toFloatArray();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weights.loadIntoClassifier(other, file));
            assertTrue(e.getMessage().contains("cls_head_finetune.8.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("[5, 256]") && e.getMessage().contains("[7, 256]"), e.getMessage());
            assertArrayEquals(before, other.stateDict().get("cls_token").getArray().toFloatArray(), "nothing loaded");

            // Same classes: a round trip through .pth restores every tensor and counter.
            ReconClassifier copy = ReconClassifier.builder(cfg).setClasses(5).build();
            copy.initialize(m);
            ImportReport r = Weights.loadIntoClassifier(copy, file);
            assertEquals(0, r.missing().size());
            assertEquals(0, r.ignored().size());
            source.stateDict().forEach((k, p) -> assertArrayEquals(p.getArray().toFloatArray(),
                    copy.stateDict().get(k).getArray().toFloatArray(), k));

            // Prefixed official layout with extra keys: module. and MAE_encoder. stripped, extras ignored.
            Map<String, PthTensor> prefixed = new LinkedHashMap<>();
            Weights.toStateDict(source).forEach((k, t) -> prefixed.put("module.MAE_encoder." + k, t));
            prefixed.put("module.mask_token", PthTensor.ofFloats(new float[16], 1, 1, 16));
            Map<String, Object> ckpt = new LinkedHashMap<>();
            ckpt.put("base_model", prefixed);
            ckpt.put("epoch", 3L);
            Path official = dir.resolve("official.pth");
            PthWriter.writeCheckpoint(official, ckpt);
            ImportReport r2 = Weights.loadIntoClassifier(copy, official);
            assertEquals(java.util.List.of("mask_token"), r2.ignored());
            assertEquals(3L, StateDict.read(official).extras().get("epoch"));
        }
    }
}
