package io.recon4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.recon4j.image.IdxFiles;
import io.recon4j.image.ImageDataset;
import io.recon4j.train.MetricsLog;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe trainer on separable toy images: features cached once, both heads learn, reports are written. */
@Tag("train")
class ProbeTrainerTest {

    private static final List<String> CLASSES = List.of("c0", "c1", "c2", "c3");

    @TempDir
    Path dir;

    /** n 8×8 images, class i % 4 marked by a bright column (see {@link IdxFiles#separable}), normalised around 0. */
    private static ImageDataset toy(String name, int n, int offset) {
        byte[][] d = IdxFiles.separable(n + offset, 8, 8, 4);
        float[] px = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = d[1][i + offset];
            for (int p = 0; p < 64; p++) {
                px[i * 64 + p] = (d[0][(i + offset) * 64 + p] & 0xFF) / 255f;
            }
        }
        return new ImageDataset(name, px, 1, 8, 8, labels, CLASSES).normalized(new float[] {0.1f}, new float[] {0.3f});
    }

    /** Rows as tokens: token 0 the mean row, then the 8 rows (T = 9, D = 8); counts its calls. */
    private static final class RowEncoder implements FrozenEncoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public NDArray encode(NDArray images) {
            calls.incrementAndGet();
            NDArray rows = images.reshape(images.getShape().get(0), 8, 8);
            return rows.mean(new int[] {1}, true).concat(rows, 1);
        }

        @Override
        public int dim() {
            return 8;
        }

        @Override
        public int heads() {
            return 2;
        }

        @Override
        public String identity() {
            return "rows";
        }
    }

    @Test
    void linearProbeOnPixelsLearnsASeparableProblemAndWritesItsReport() throws IOException {
        ImageDataset train = toy("toy train", 800, 0);
        ImageDataset test = toy("toy test", 100, 800);
        RunFolder run = RunFolder.at(dir.resolve("linear"));
        ProbeTrainer.Result r;
        try (NDManager m = NDManager.newBaseManager()) {
            r = ProbeTrainer.run(new PixelEncoder(1, 8, 8), new LinearProbe(64, 4), train, test,
                    new ProbeTrainer.Options(4, 1, 32, 4.0, 0.0, 0L, 64), run, m, s -> { });
        }
        assertEquals(4, r.testAccuracy().size());
        assertTrue(r.finalAccuracy() > 95, "final test accuracy " + r.testAccuracy());
        assertEquals(800, r.trainSize());
        List<Map<String, Object>> records = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertEquals(4 * (800 / 32), records.stream().filter(x -> "step".equals(x.get("kind"))).count(),
                "one step record per iteration, the last partial batch dropped");
        List<Map<String, Object>> epochs = records.stream().filter(x -> "epoch".equals(x.get("kind"))).toList();
        assertEquals(4, epochs.size());
        assertEquals(r.finalAccuracy(), (Double) epochs.get(3).get("test_acc"), 1e-9);
        assertTrue(Files.size(run.resolve("accuracy.png")) > 1000, "accuracy plot written");
        double firstLr = (Double) records.get(0).get("lr");
        assertEquals(0.0, firstLr, 0, "warm-up starts from 0");
    }

    @Test
    void attentiveProbeLearnsFromAllTokensAndEncodesEachImageOnce() throws IOException {
        ImageDataset train = toy("toy train", 400, 0);
        ImageDataset test = toy("toy test", 100, 400);
        RowEncoder encoder = new RowEncoder();
        ProbeTrainer.Result r;
        try (NDManager m = NDManager.newBaseManager()) {
            r = ProbeTrainer.run(encoder, new AttentiveProbe(8, encoder.heads(), 4), train, test,
                    new ProbeTrainer.Options(6, 1, 32, 0.1, 0.0, 0L, 50), RunFolder.at(dir.resolve("attentive")), m, s -> { });
        }
        assertTrue(r.finalAccuracy() > 95, "final test accuracy " + r.testAccuracy());
        assertEquals(400 / 50 + 100 / 50, encoder.calls.get(), "features computed once per image, not per epoch");
        assertEquals(List.of(9L, 8L), List.of(r.featureShape()[0], r.featureShape()[1]), "all tokens cached");
    }

    @Test
    void tooFewImagesForOneBatchIsRefused() {
        ImageDataset train = toy("toy train", 20, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeTrainer.run(
                    new PixelEncoder(1, 8, 8), new LinearProbe(64, 4), train, train,
                    new ProbeTrainer.Options(2, 0, 32, 1.0, 0.0, 0L, 64), RunFolder.at(dir.resolve("few")), m, s -> { }));
            assertTrue(e.getMessage().contains("20 images, fewer than one batch of 32"), e.getMessage());
        }
    }
}
