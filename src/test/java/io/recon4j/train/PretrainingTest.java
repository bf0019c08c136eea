package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.Masking;
import io.recon4j.model.ReconConfig;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training machinery on a tiny model: loss goes down, resume is exact, NaN stops and keeps the checkpoint. */
@Tag("train")
class PretrainingTest {

    static final ReconConfig SMALL = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(3, 1).withNumPoints(128));
    static NDManager manager;

    @BeforeAll
    static void up() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    static PretrainConfig config(int epochs) {
        return PretrainConfig.builder(SMALL).optEpochs(epochs).optBatchSize(8).optLr(2e-3).optWarmupEpochs(1)
                .optSeed(7).build();
    }

    static Map<String, PthTensor> weights(Path run) throws IOException {
        return StateDict.read(run.resolve("ckpt-last.pth")).asMap();
    }

    static void assertSameWeights(Map<String, PthTensor> a, Map<String, PthTensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            if (a.get(k).dtype() == io.recon4j.pth.PthDType.INT64) {
                assertArrayEquals(a.get(k).toLongs(), b.get(k).toLongs(), k);
            } else {
                assertArrayEquals(a.get(k).toFloats(), b.get(k).toFloats(), 0f, k);
            }
        }
    }

    @Test
    void lossDecreasesAndArtifactsAreWritten(@TempDir Path dir) throws IOException {
        TrainingLoop.Result r = Pretraining.run(config(6), DATA, RunFolder.at(dir), false, manager);
        assertTrue(r.completed());
        assertEquals(6 * (48 / 8), r.globalStep());
        List<Map<String, Object>> log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        double first = log.stream().filter(m -> "epoch".equals(m.get("kind"))).mapToDouble(m -> (Double) m.get("mdm")).findFirst().orElseThrow();
        assertTrue(r.lastLoss() < first * 0.8, "Chamfer loss should fall: first epoch " + first + ", last " + r.lastLoss());
        assertTrue(Files.size(dir.resolve("loss.png")) > 1000);
        assertTrue(Files.exists(dir.resolve("pretrained.pth")));
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"epochs\":6"));
    }

    @Test
    void stoppedAndResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        Pretraining.run(config(3), DATA, RunFolder.at(straight), false, manager);

        // Stop once after epoch 0 and once in the middle of epoch 1 (as Ctrl-C would), resuming each time.
        Path pieces = dir.resolve("pieces");
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(pieces), manager)) {
            p.loop().onEpochEnd(e -> {
                p.loop().requestStop();
                return Map.of();
            });
            TrainingLoop.Result r = p.train(false);
            assertFalse(r.completed());
            assertEquals(1, r.epochsRun());
        }
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(pieces), manager)) {
            // Stop two steps into epoch 1, as Ctrl-C would.
            p.loop().onStep(step -> {
                if (step == 8) {
                    p.loop().requestStop();
                }
            });
            TrainingLoop.Result r = p.train(true);
            assertFalse(r.completed());
            assertEquals(8, r.globalStep());
        }
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(pieces), manager)) {
            TrainingLoop.Result r = p.train(true);
            assertTrue(r.completed());
            assertEquals(18, r.globalStep());
        }
        assertSameWeights(weights(straight), weights(pieces));
        // The log of the pieced run holds each step once.
        long stepLines = MetricsLog.read(pieces.resolve("metrics.jsonl")).stream().filter(m -> "step".equals(m.get("kind"))).count();
        assertEquals(18, stepLines);
        // ... and each epoch's means over all its steps, the one resumed in its middle included.
        assertEquals(epochLosses(straight), epochLosses(pieces));
    }

    private static List<Object> epochLosses(Path run) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(m -> "epoch".equals(m.get("kind")))
                .map(m -> m.get("loss")).toList();
    }

    @Test
    void stopAfterEndsABudgetedRunThatResumesOnTheSameSchedule(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        Pretraining.run(config(3), DATA, RunFolder.at(straight), false, manager);

        Path budgeted = dir.resolve("budgeted");
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(budgeted), manager)) {
            TrainingLoop.Result r = p.loop().stopAfter(2).run(false);
            assertFalse(r.completed());
            assertEquals(2, r.epochsRun());
            assertEquals(12, r.globalStep());
        }
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(budgeted), manager)) {
            // Resuming with the same budget does nothing more.
            assertEquals(0, p.loop().stopAfter(2).run(true).epochsRun());
            assertThrows(IllegalArgumentException.class, () -> p.loop().stopAfter(-1));
        }
        try (Pretraining p = Pretraining.create(config(3), DATA, RunFolder.at(budgeted), manager)) {
            TrainingLoop.Result r = p.train(true);
            assertTrue(r.completed());
            assertEquals(18, r.globalStep());
        }
        // Only equal if the first two epochs used the learning rates planned over all three.
        assertSameWeights(weights(straight), weights(budgeted));
    }

    @Test
    void checkpointEveryTwoEpochsReplaysAfterAKillToTheSameWeights(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        Pretraining.run(config(4), DATA, RunFolder.at(straight), false, manager);

        // Checkpoints after epochs 1 and 3 only; a crash at the end of epoch 2 (before its would-be checkpoint).
        Path killed = dir.resolve("killed");
        try (Pretraining p = Pretraining.create(config(4), DATA, RunFolder.at(killed), manager)) {
            p.loop().checkpointEvery(2).onEpochEnd(e -> {
                if (e == 2) {
                    throw new IOException("simulated kill after epoch 2");
                }
                return Map.of();
            });
            assertThrows(IOException.class, () -> p.train(false));
        }
        assertEquals(1L, ((Number) StateDict.read(killed.resolve("ckpt-last.pth")).extras().get("epoch")).longValue(),
                "the last checkpoint is the one after epoch 1: epoch 2 wrote none");
        try (Pretraining p = Pretraining.create(config(4), DATA, RunFolder.at(killed), manager)) {
            TrainingLoop.Result r = p.loop().checkpointEvery(2).run(true);
            assertTrue(r.completed());
            assertEquals(2, r.epochsRun(), "epochs 2 and 3 run again");
            assertEquals(24, r.globalStep());
        }
        assertSameWeights(weights(straight), weights(killed));
        long stepLines = MetricsLog.read(killed.resolve("metrics.jsonl")).stream().filter(m -> "step".equals(m.get("kind"))).count();
        assertEquals(24, stepLines, "the replayed steps are logged once");
        try (Pretraining p = Pretraining.create(config(4), DATA, RunFolder.at(killed), manager)) {
            assertThrows(IllegalArgumentException.class, () -> p.loop().checkpointEvery(0));
        }
    }
}
