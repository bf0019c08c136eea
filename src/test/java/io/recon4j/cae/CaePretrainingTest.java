package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.image.ImageDataset;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import io.recon4j.train.MetricsLog;
import io.recon4j.train.TrainingLoop;
import io.recon4j.train.WarmupCosine;
import io.recon4j.util.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CAE pretraining on a tiny synthetic image set: the loss falls, files appear, resume is exact. */
@Tag("train")
class CaePretrainingTest {

    static final ImageDataset DATA = rectangles(48, 5);
    static NDManager manager;

    @BeforeAll
    static void up() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    /** 28×28 images, each a bright axis-aligned rectangle on a dark background, with a little noise. */
    static ImageDataset rectangles(int n, long seed) {
        Random rng = new Random(seed);
        float[] px = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            int top = rng.nextInt(14);
            int left = rng.nextInt(14);
            int h = 6 + rng.nextInt(10);
            int w = 6 + rng.nextInt(10);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean in = y >= top && y < top + h && x >= left && x < left + w;
                    px[i * 784 + y * 28 + x] = (in ? 0.9f : 0.1f) + (float) rng.nextGaussian() * 0.02f;
                }
            }
        }
        return new ImageDataset("rectangles", px, 1, 28, 28, new int[n], List.of("rectangle"));
    }

    static CaePretrainConfig config(int epochs, String target) {
        return CaePretrainConfig.official(CaeConfig.nano(), "rectangles", new float[] {0.4f}, new float[] {0.35f})
                .withRun(epochs, 8, 2e-3, 1, 7).withTask(target, "block", 8, 2);
    }

    static double epochMean(List<Map<String, Object>> log, String key, int which) {
        List<Double> values = log.stream().filter(r -> "epoch".equals(r.get("kind"))).map(r -> (Double) r.get(key)).toList();
        return values.get(which < 0 ? values.size() + which : which);
    }

    @Test
    void lossFallsEveryTermIsLoggedAndTheFilesAreWritten(@TempDir Path dir) throws IOException {
        TrainingLoop.Result r = CaePretraining.run(config(6, "pixels"), DATA, RunFolder.at(dir), false, manager);
        assertTrue(r.completed());
        assertEquals(6 * (48 / 8), r.globalStep());
        List<Map<String, Object>> log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        double first = epochMean(log, "loss_main", 0);
        double last = epochMean(log, "loss_main", -1);
        assertTrue(last < first * 0.9, "pixel loss should fall: first epoch " + first + ", last " + last);
        assertTrue(epochMean(log, "loss_align", -1) > 0, "the alignment term is logged");
        // lr per iteration: BEiT's cosine with 1 warm-up epoch of 6 iterations, logged at every step.
        WarmupCosine s = config(6, "pixels").schedule(6);
        List<Map<String, Object>> steps = log.stream().filter(m -> "step".equals(m.get("kind"))).toList();
        for (int i : new int[] {0, 3, 5, 6, 20, 35}) {
            assertEquals(s.at(i), (Double) steps.get(i).get("lr"), 1e-12, "lr of step " + i);
        }
        assertEquals(0.0, (Double) steps.get(0).get("lr"), 0, "warm-up from 0");
        assertTrue(Files.size(dir.resolve("loss.png")) > 1000);
        BufferedImage picture = ImageIO.read(dir.resolve("reconstruction.png").toFile());
        assertEquals(3 * (28 * 4 + 4) + 4, picture.getWidth(), "input | masked | reconstruction");
        assertEquals(8 * (28 * 4 + 4) + 4, picture.getHeight(), "eight images");
        // The encoder of pretrained.pth is the trained one.
        CaeEncoder encoder = CaeEncoder.fromCheckpoint(dir.resolve("pretrained.pth"), manager);
        assertArrayEquals(StateDict.read(dir.resolve("ckpt-last.pth")).get("encoder.norm.weight").toFloats(),
                encoder.stateDict().get("norm.weight").getArray().toFloatArray());
    }

    @Test
    void kMeansTokenTargetTrainsWithCrossEntropy(@TempDir Path dir) throws IOException {
        try (CaePretraining p = CaePretraining.create(config(4, "kmeans"), DATA, RunFolder.at(dir), manager)) {
            assertEquals(CaeConfig.nano().vocabSize(), p.target().dim());
            p.train(false);
        }
        List<Map<String, Object>> log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        double first = epochMean(log, "loss_main", 0);
        double last = epochMean(log, "loss_main", -1);
        assertTrue(first < Math.log(64) * 1.3, "cross-entropy starts near log K: " + first);
        assertTrue(last < first * 0.9, "token loss should fall: first epoch " + first + ", last " + last);
        assertFalse(Files.exists(dir.resolve("reconstruction.png")), "no pixel picture for a token target");
    }

    @Test
    void stoppedAndResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        CaePretraining.run(config(2, "pixels"), DATA, RunFolder.at(straight), false, manager);
        Path pieces = dir.resolve("pieces");
        try (CaePretraining p = CaePretraining.create(config(2, "pixels"), DATA, RunFolder.at(pieces), manager)) {
            // Stop mid-epoch 0, as Ctrl-C would.
            p.loop().onStep(step -> {
                if (step == 4) {
                    p.loop().requestStop();
                }
            });
            assertFalse(p.train(false).completed());
        }
        try (CaePretraining p = CaePretraining.create(config(2, "pixels"), DATA, RunFolder.at(pieces), manager)) {
            TrainingLoop.Result r = p.train(true);
            assertTrue(r.completed());
            assertEquals(12, r.globalStep());
        }
        Map<String, PthTensor> a = StateDict.read(straight.resolve("ckpt-last.pth")).asMap();
        Map<String, PthTensor> b = StateDict.read(pieces.resolve("ckpt-last.pth")).asMap();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloats(), b.get(k).toFloats(), 0f, k);
        }
    }
}
