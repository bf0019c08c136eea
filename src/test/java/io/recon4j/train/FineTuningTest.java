package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.recon4j.data.Batch;
import io.recon4j.data.DataLoader;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.HeadType;
import io.recon4j.model.ImportReport;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Fine-tuning on a tiny model and a small slice of the embedded data. */
@Tag("train")
class FineTuningTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes.Config DATA = ProceduralShapes.Config.defaults().withCounts(32, 8).withNumPoints(128);
    static final ProceduralShapes TRAIN = ProceduralShapes.train(DATA);
    static final ProceduralShapes TEST = ProceduralShapes.test(DATA);
    static NDManager manager;

    @BeforeAll
    static void up() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    static FineTuneConfig config(HeadType head, int epochs, int batch) {
        return FineTuneConfig.modelNet(TINY, head).with(epochs, batch, 0, 3).withOptimizer(1e-3, 10);
    }

    /**
     * A classifier checkpoint whose BatchNorm running statistics match the training data: 100 train-mode forward
     * passes only, no weight update. Needed because BatchNorm (momentum 0.1) takes ~100 steps to forget its
     * initial variance of 1, while the tiny PointNet's first activations have a variance near 1e-4: a 2-epoch run
     * from scratch would be evaluated with statistics that are still mostly the initial ones.
     */
    static Path calibratedCheckpoint(Path file) throws IOException {
        try (NDManager m = manager.newSubManager();
             DataLoader loader = DataLoader.builder(TRAIN).transform(FineTuneConfig.Protocol.MODELNET.train(TINY.numPoints()))
                     .batchSize(4).shuffle(true).seed(1).build()) {
            ReconClassifier c = ReconClassifier.builder(TINY).setClasses(ProceduralShapes.NUM_CLASSES).build();
            c.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            int passes = 0;
            for (Batch b : loader.epoch(0)) {
                if (passes++ == 100) {
                    break;
                }
                try (NDManager step = m.newSubManager()) {
                    c.forward(ps, c.patching().patchify(b.points(), b.size(), step), true);
                }
            }
            Weights.save(c, file);
        }
        return file;
    }

    @Test
    void tinyFineTuneBeatsChanceAndWritesItsReports(@TempDir Path dir) throws IOException {
        Path start = calibratedCheckpoint(dir.resolve("calibrated.pth"));
        Path run = dir.resolve("run");
        FineTuning.Outcome o = FineTuning.run(config(HeadType.FULL, 2, 16).withCheckpoint(start.toString()), TRAIN, TEST,
                RunFolder.at(run), false, manager, null);
        assertTrue(o.training().completed());
        assertEquals(2 * (TRAIN.size() / 16), o.training().globalStep());
        for (String f : List.of("ckpt-best.pth", "ckpt-last.pth", "confusion.png", "accuracy.png", "loss.png", "per-class.md",
                "metrics.jsonl", "config.json")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        List<Map<String, Object>> epochs = MetricsLog.read(run.resolve("metrics.jsonl")).stream()
                .filter(r -> "epoch".equals(r.get("kind"))).toList();
        assertEquals(2, epochs.size());
        for (Map<String, Object> r : epochs) {
            for (String k : List.of("loss", "acc", "test_acc", "test_macc", "test_loss")) {
                assertTrue(r.get(k) instanceof Double, k + " in " + r);
            }
        }
        // The best checkpoint, re-evaluated, reproduces the best logged test accuracy and its epoch.
        int bestEpoch = epochs.get(1).get("test_acc").equals(epochs.get(0).get("test_acc"))
                || (Double) epochs.get(0).get("test_acc") > (Double) epochs.get(1).get("test_acc") ? 0 : 1;
        assertEquals(bestEpoch, o.bestEpoch());
        assertEquals((Double) epochs.get(bestEpoch).get("test_acc"), o.bestAccuracy(), 1e-9);
        assertEquals(o.bestAccuracy(), o.training().best(), 1e-9);
        double chance = 100.0 / ProceduralShapes.NUM_CLASSES;
        assertTrue(o.bestAccuracy() > 2 * chance, "best test OA " + o.bestAccuracy() + " % should beat chance " + chance + " %");
        String md = Files.readString(run.resolve("per-class.md"));
        for (String name : TEST.classNames()) {
            assertTrue(md.contains("| " + name + " | 8 |"), name + " missing from\n" + md);
        }
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"protocol\":\"MODELNET\""));
    }

    static Map<String, float[]> snapshot(Map<String, Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = HeadType.class, names = {"MLP3", "LINEAR"})
    void frozenHeadsTrainOnlyClsParameters(HeadType head, @TempDir Path dir) throws IOException {
        // One epoch of exactly one batch: one optimizer step.
        ProceduralShapes one = ProceduralShapes.train(DATA.withCounts(1, 1));
        Map<String, float[]> before;
        try (FineTuning f = FineTuning.create(config(head, 1, 16), one, ProceduralShapes.test(DATA.withCounts(1, 1)),
                RunFolder.at(dir), manager, null)) {
            assertTrue(f.optimizer().parameters().keySet().stream().allMatch(k -> k.contains("cls")),
                    "optimised: " + f.optimizer().parameters().keySet());
            assertTrue(f.optimizer().parameters().containsKey("cls_head_finetune.0.weight"));
            before = snapshot(f.model().stateDict());
            f.train(false);
        }
        Map<String, PthTensor> after = StateDict.read(dir.resolve("ckpt-last.pth")).asMap();
        for (Map.Entry<String, float[]> e : before.entrySet()) {
            String k = e.getKey();
            boolean changed = !Arrays.equals(e.getValue(), after.get(k).toFloats());
            if (k.contains("cls")) {
                if (k.endsWith(".weight") || k.equals("cls_token") || k.equals("cls_pos")) {
                    assertTrue(changed, k + " should train");
                }
            } else if (k.endsWith("running_mean") || k.endsWith("running_var")) {
                // Official quirk kept: the frozen backbone runs in train mode, so its BatchNorm statistics move.
                assertTrue(changed, k + " should update its running statistics");
            } else {
                assertFalse(changed, k + " is frozen and must not change");
            }
        }
    }

    @Test
    void startingFromARecon4jPretrainedFileLoadsTheEncoderAndKeepsTorchDefaultHeadInit(@TempDir Path dir) throws IOException {
        Path pth = dir.resolve("pretrained.pth");
        Map<String, float[]> pre;
        try (NDManager m = manager.newSubManager()) {
            ReconPretrainer p = ReconPretrainer.builder(TINY).build();
            p.initialize(m);
            Weights.save(p, pth);
            pre = snapshot(p.stateDict());
        }
        String encoderKey = pre.keySet().stream().filter(k -> k.endsWith("blocks.blocks.0.attn.qkv.weight")).findFirst().orElseThrow();
        FineTuneConfig cfg = config(HeadType.FULL, 1, 16);
        try (FineTuning f = FineTuning.create(cfg.withCheckpoint(pth.toString()), TRAIN, TEST, RunFolder.at(dir.resolve("a")),
                manager, null);
             FineTuning scratch = FineTuning.create(cfg, TRAIN, TEST, RunFolder.at(dir.resolve("b")), manager, null)) {
            ImportReport r = f.importReport().orElseThrow();
            assertTrue(r.missing().stream().allMatch(k -> k.startsWith("cls_head_finetune.")), "missing " + r.missing());
            assertFalse(r.missing().isEmpty());
            assertTrue(r.used().size() > 20, "used " + r.used().size());
            String fineKey = encoderKey.substring(encoderKey.indexOf("blocks."));
            assertArrayEquals(pre.get(encoderKey), f.model().stateDict().get(fineKey).getArray().toFloatArray());
            // Head over a checkpoint: PyTorch default init (non-zero biases); from scratch: zero biases.
            float[] loadedBias = f.model().stateDict().get("cls_head_finetune.0.bias").getArray().toFloatArray();
            float[] scratchBias = scratch.model().stateDict().get("cls_head_finetune.0.bias").getArray().toFloatArray();
            assertTrue(maxAbs(loadedBias) > 0, "torch-default bias");
            assertEquals(0f, maxAbs(scratchBias), "trunc-normal init with zero bias");
            assertTrue(scratch.importReport().isEmpty());
        }
    }

    @Test
    void aMissingCheckpointOrTooSmallDatasetIsReported(@TempDir Path dir) {
        FineTuneConfig cfg = config(HeadType.FULL, 1, 16);
        assertThrows(IOException.class, () -> FineTuning.create(cfg.withCheckpoint(dir.resolve("nope.pth").toString()), TRAIN,
                TEST, RunFolder.at(dir), manager, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FineTuning.create(config(HeadType.FULL, 1, 1024),
                TRAIN, TEST, RunFolder.at(dir), manager, null));
        assertTrue(e.getMessage().contains("fewer than one batch of 1024"), e.getMessage());
    }

    static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
