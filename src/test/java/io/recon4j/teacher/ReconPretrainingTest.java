package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.Batch;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.Masking;
import io.recon4j.model.ReconConfig;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import io.recon4j.render.RenderConfig;
import io.recon4j.train.MetricsLog;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full ReCon pretraining on a tiny model: cached teacher features, csc terms, SMC, exact resume. */
@Tag("train")
class ReconPretrainingTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(3, 1).withNumPoints(128));
    static final int IMG_SIZE = 16;
    static final int IMG_DIM = 8;

    @TempDir
    static Path shared;
    static NDManager manager;
    static FeatureCache cache;
    static DistillationTargets textOnly;

    @BeforeAll
    static void up() throws IOException {
        manager = NDManager.newBaseManager();
        cache = FeatureCache.at(shared.resolve("cache"));
        textOnly = DistillationTargets.prepare(DATA, new MiniLmTextTeacher(), null, null, cache);
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    static PretrainConfig base(int epochs) {
        // No warm-up: epoch 0 already trains at the peak rate.
        return PretrainConfig.builder(TINY).optEpochs(epochs).optBatchSize(8).optLr(2e-3).optWarmupEpochs(0)
                .optSeed(7).build();
    }

    static OnnxImageTeacher imageTeacher(Path dir) throws IOException {
        Path f = OnnxModels.writeLinear(dir.resolve("img.onnx"), -1, 1, IMG_SIZE, IMG_DIM,
                OnnxModels.weights(IMG_SIZE * IMG_SIZE, IMG_DIM, 5));
        return OnnxImageTeacher.load(f, new ImageInput(IMG_SIZE, 1, new float[] {0.5f}, new float[] {0.5f}), IMG_DIM);
    }

    static List<Map<String, Object>> records(Path run, String kind) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    @Test
    void textDistillationLossFallsAndEveryTermIsLogged(@TempDir Path dir) throws IOException {
        PretrainConfig cfg = base(2).withDistillation(textOnly, DistillationConfig.official(textOnly, false));
        assertEquals(384, cfg.textDim());
        TrainingLoop.Result r = Pretraining.run(cfg, DATA, textOnly, RunFolder.at(dir), false, manager);
        assertTrue(r.completed());
        List<Map<String, Object>> epochs = records(dir, "epoch");
        double first = (Double) epochs.get(0).get("csc_text");
        double second = (Double) epochs.get(1).get("csc_text");
        assertTrue(second < first, "csc_text should fall: epoch 0 " + first + ", epoch 1 " + second);
        for (Map<String, Object> step : records(dir, "step")) {
            double sum = (Double) step.get("mdm") + (Double) step.get("csc_text");
            assertEquals(sum, (Double) step.get("loss"), 1e-5 * Math.max(1, sum), "total = mdm + csc_text");
            assertFalse(step.containsKey("csc_img"));
        }
        Map<String, PthTensor> sd = StateDict.read(dir.resolve("pretrained.pth")).asMap();
        assertArrayEquals(new long[] {384, 32}, sd.get("text_proj.weight").shape());
        assertFalse(sd.containsKey("img_proj.weight"));
        assertTrue(java.nio.file.Files.readString(dir.resolve("config.json")).contains("all-MiniLM-L6-v2"));
    }

    @Test
    void imageTeacherAndSmcRunAndResumeExactly(@TempDir Path dir) throws IOException {
        DistillationTargets both;
        try (OnnxImageTeacher img = imageTeacher(dir)) {
            RenderConfig render = RenderConfig.of(IMG_SIZE, 2);
            both = DistillationTargets.prepare(DATA, new MiniLmTextTeacher(), img, render, cache);
            assertEquals(IMG_DIM, both.imageDim());
            // Same data, same teachers: the second preparation reads everything from the cache.
            FeatureCache.Stats before = cache.stats();
            DistillationTargets again = DistillationTargets.prepare(DATA, new MiniLmTextTeacher(), img, render, cache);
            FeatureCache.Stats after = cache.stats();
            assertEquals(before.misses(), after.misses());
            assertEquals(16 * 60 + DATA.size(), after.hits() - before.hits());
            assertArrayEquals(both.imageFeature(7), again.imageFeature(7), 0f);
        }
        PretrainConfig cfg = base(2).withDistillation(both, DistillationConfig.official(both, true));
        Path straight = dir.resolve("straight");
        Pretraining.run(cfg, DATA, both, RunFolder.at(straight), false, manager);
        Map<String, Object> step = records(straight, "step").get(0);
        for (String k : List.of("mdm", "csc_img", "csc_text", "smc")) {
            assertTrue(step.containsKey(k), k + " is logged: " + step.keySet());
        }
        double sum = (Double) step.get("mdm") + (Double) step.get("csc_img") + (Double) step.get("csc_text") + (Double) step.get("smc");
        assertEquals(sum, (Double) step.get("loss"), 1e-5 * sum);

        Path pieces = dir.resolve("pieces");
        try (Pretraining p = Pretraining.create(cfg, DATA, both, RunFolder.at(pieces), manager)) {
            p.loop().onStep(s -> {
                if (s == 8) {
                    p.loop().requestStop();
                }
            });
            assertFalse(p.train(false).completed());
        }
        try (Pretraining p = Pretraining.create(cfg, DATA, both, RunFolder.at(pieces), manager)) {
            assertTrue(p.train(true).completed());
        }
        Map<String, PthTensor> a = StateDict.read(straight.resolve("pretrained.pth")).asMap();
        Map<String, PthTensor> b = StateDict.read(pieces.resolve("pretrained.pth")).asMap();
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.containsKey("cls_proj.0.weight") && a.containsKey("cls_proj.4.running_var")
                && a.containsKey("img_proj.weight"), a.keySet().toString());
        for (String k : a.keySet()) {
            if (a.get(k).dtype() != io.recon4j.pth.PthDType.INT64) {
                assertArrayEquals(a.get(k).toFloats(), b.get(k).toFloats(), 0f, k);
            }
        }
        // Resuming with another teacher setting is refused (the identities are part of the config).
        PretrainConfig other = base(2).withDistillation(textOnly, DistillationConfig.official(textOnly, true));
        try (Pretraining p = Pretraining.create(other, DATA, textOnly, RunFolder.at(pieces), manager)) {
            assertThrows(IllegalArgumentException.class, () -> p.train(true));
        }
    }

    @Test
    void promptDrawsAreKeyedBySeedEpochAndSample() throws IOException {
        int[] indices = {0, 5, 17, 40};
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            labels[i] = DATA.labelOf(indices[i]);
        }
        Batch batch = new Batch(3, 0, new float[4 * 3], 4, 1, labels, List.of("a", "b", "c", "d"), indices);
        float[] rows = textOnly.text(batch, 7, manager).toFloatArray();
        for (int i = 0; i < 4; i++) {
            float[] want = textOnly.promptFeature(labels[i], DistillationTargets.promptIndex(7, 3, indices[i]));
            assertArrayEquals(want, java.util.Arrays.copyOfRange(rows, i * 384, (i + 1) * 384), 0f);
        }
        // Another epoch draws other prompts for most samples.
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            differ += DistillationTargets.promptIndex(7, 3, i) != DistillationTargets.promptIndex(7, 4, i) ? 1 : 0;
        }
        assertTrue(differ > 180, differ + " of 200 draws differ between epochs");
        assertEquals(384, textOnly.promptFeature(2, 59).length);
    }

    @Test
    void configAndFeaturesMustAgree(@TempDir Path dir) {
        PretrainConfig wantsText = PretrainConfig.builder(TINY).optTeacherWidths(0, 384).optEpochs(1).optBatchSize(8)
                .optLr(2e-3).optWarmupEpochs(0).optSeed(7).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pretraining.create(wantsText, DATA, null, RunFolder.at(dir), manager));
        assertTrue(e.getMessage().contains("text 384"), e.getMessage());
        PretrainConfig unnamed = base(1).withDistillation(textOnly, DistillationConfig.NONE);
        assertThrows(IllegalArgumentException.class, () -> Pretraining.create(unnamed, DATA, textOnly, RunFolder.at(dir), manager));
    }
}
