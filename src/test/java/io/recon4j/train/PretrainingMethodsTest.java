package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.HeadType;
import io.recon4j.model.Masking;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconConfig;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.MiniLmTextTeacher;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every pretraining method runs through the real pretraining loop, and its pretrained.pth fine-tunes. */
@Tag("train")
class PretrainingMethodsTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128));
    static final ProceduralShapes.Config TUNE = ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128);

    @TempDir
    static Path shared;
    static NDManager manager;
    static DistillationTargets text;

    @BeforeAll
    static void up() throws IOException {
        manager = NDManager.newBaseManager();
        text = DistillationTargets.prepare(DATA, new MiniLmTextTeacher(), null, null, FeatureCache.at(shared.resolve("cache")));
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    static PretrainConfig config(PretrainMethod method) {
        PretrainConfig base = PretrainConfig.builder(TINY).optEpochs(1).optBatchSize(8).optLr(2e-3).optWarmupEpochs(0)
                .optSeed(7).build();
        DistillationTargets t = targets(method);
        return base.withDistillation(t, DistillationConfig.official(t, method == PretrainMethod.SMC)).withMethod(method);
    }

    static DistillationTargets targets(PretrainMethod method) {
        return method.distils() ? text : null;
    }

    @ParameterizedTest
    @EnumSource(PretrainMethod.class)
    void eachMethodPretrainsAndItsCheckpointFineTunes(PretrainMethod method, @TempDir Path dir) throws IOException {
        PretrainConfig cfg = config(method);
        Path pre = dir.resolve("pre");
        TrainingLoop.Result r = Pretraining.run(cfg, DATA, targets(method), RunFolder.at(pre), false, manager);
        assertTrue(r.completed());
        Map<String, Object> step = MetricsLog.read(pre.resolve("metrics.jsonl")).get(0);
        List<String> expected = switch (method) {
            case RECON, MULTITASK, TWOTOWER -> List.of("mdm", "csc_text");
            case MPM -> List.of("mdm");
            case CMC -> List.of("csc_text");
            case SMC -> List.of("smc");
        };
        for (String k : List.of("mdm", "csc_text", "smc")) {
            assertEquals(expected.contains(k), step.containsKey(k), method + " logs " + step.keySet());
        }
        String json = Files.readString(pre.resolve("config.json"));
        // The method is part of the run's identity; a ReCon run's config is what it was before methods existed.
        assertEquals(method != PretrainMethod.RECON, json.contains("\"method\":\"" + method.name() + "\""), json);

        FineTuneConfig ft = FineTuneConfig.modelNet(TINY, HeadType.FULL).with(1, 8, 0, 3).withOptimizer(1e-3, 10)
                .withCheckpoint(pre.resolve("pretrained.pth").toString());
        try (FineTuning f = FineTuning.create(ft, ProceduralShapes.train(TUNE), ProceduralShapes.test(TUNE),
                RunFolder.at(dir.resolve("ft")), manager, null)) {
            assertEquals(method == PretrainMethod.MPM ? PretrainMethod.RECON : method, f.model().method());
            assertTrue(f.importReport().orElseThrow().missing().stream()
                    .allMatch(k -> k.startsWith("cls_head_finetune.") || k.equals("cls_token") || k.equals("cls_pos")));
            FineTuning.Outcome o = f.train(false);
            assertTrue(o.training().completed());
            assertNotNull(o.best());
        }
    }

    @Test
    void mismatchedTeachersAndMethodsAreRefused() {
        PretrainConfig base = PretrainConfig.builder(TINY).optEpochs(1).optBatchSize(8).optLr(2e-3).optWarmupEpochs(0)
                .optSeed(7).build();
        IllegalArgumentException smcOff = assertThrows(IllegalArgumentException.class, () -> base.withMethod(PretrainMethod.SMC));
        assertTrue(smcOff.getMessage().contains("SMC term"), smcOff.getMessage());
        PretrainConfig withText = base.withDistillation(text, DistillationConfig.official(text, false));
        assertThrows(IllegalArgumentException.class, () -> withText.withMethod(PretrainMethod.MPM));
        PretrainConfig smcOn = base.withDistillation(text, DistillationConfig.official(text, true));
        IllegalArgumentException noCls = assertThrows(IllegalArgumentException.class, () -> smcOn.withMethod(PretrainMethod.TWOTOWER));
        assertTrue(noCls.getMessage().contains("no cls token"), noCls.getMessage());
        assertFalse(base.toJson().contains("method"), "ReCon configs keep their old JSON (resume of existing runs)");
        // Exactly the record's plain serialisation without the (last) method and stop-gradient fields, teachers included.
        String plain = new com.google.gson.Gson().toJson(withText);
        assertTrue(plain.endsWith(",\"method\":\"RECON\",\"stopGradient\":true}"), plain);
        assertEquals(plain.replace(",\"method\":\"RECON\",\"stopGradient\":true}", "}"), withText.toJson());
        assertEquals(PretrainMethod.RECON, base.method());
        // The stop-gradient deviation is part of a run's identity (config.json, the resume check); the official block is not.
        assertFalse(withText.toJson().contains("stopGradient"), withText.toJson());
        PretrainConfig open = withText.toBuilder().optStopGradient(false).build();
        assertTrue(open.toJson().endsWith(",\"stopGradient\":false}"), open.toJson());
        assertTrue(open.describe().endsWith("no stop-gradient (deviation: the queries' losses reach the locals)"), open.describe());
        IllegalArgumentException twoTower = assertThrows(IllegalArgumentException.class,
                () -> open.withMethod(PretrainMethod.TWOTOWER));
        assertTrue(twoTower.getMessage().contains("method twotower has no ReCon block"), twoTower.getMessage());
    }
}
