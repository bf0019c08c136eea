package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.pth.StateDict;
import io.recon4j.teacher.ContrastiveLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The paper's pretraining methods as configurations of one model: which losses each computes, which parameters its
 * losses reach (stop-gradient, towers), that the two towers share nothing, and that every checkpoint is recognised
 * and loads into the matching classifier.
 */
@Tag("slow")
class PretrainMethodsTest {

    static final ReconConfig CFG = new ReconConfig(16, 1, 2, 1, 2, 8, 4, 64, 0.5f, 0f);
    static final int B = 4;
    static final int IMG = 6;
    static final int TEXT = 5;
    static final int[] LABELS = {0, 1, 0, 1};
    static NDManager manager;

    @BeforeAll
    static void up() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void down() {
        manager.close();
    }

    static ReconPretrainer build(PretrainMethod method, NDManager m) {
        return build(method, true, m);
    }

    static ReconPretrainer build(PretrainMethod method, boolean stopGradient, NDManager m) {
        Engine.getInstance().setRandomSeed(11);
        boolean distils = method.distils();
        ReconPretrainer p = ReconPretrainer.builder(CFG).optMethod(method).optImageTeacher(distils ? IMG : 0)
                .optTextTeacher(distils ? TEXT : 0).optStopGradient(stopGradient).build();
        p.initialize(m);
        return p;
    }

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * 0.3f;
        }
        return a;
    }

    /** What one forward/backward produced: the loss terms' names and each parameter's largest |gradient|. */
    record Step(Set<String> losses, Map<String, Float> gradients) {
        boolean reached(String key) {
            Float g = gradients.get(key);
            if (g == null) {
                throw new AssertionError(key + " is not a trained parameter: " + gradients.keySet());
            }
            return g > 0f;
        }

        Set<String> reachedUnder(String prefix) {
            return gradients.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue() > 0f)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        }
    }

    /**
     * One training-mode forward pass, then backward of the sum of {@code terms} (all terms when null; SMC added as
     * Pretraining does, through {@code cls_proj} on row 0).
     */
    static Step step(PretrainMethod method, Set<String> terms) {
        return step(method, true, terms);
    }

    static Step step(PretrainMethod method, boolean stopGradient, Set<String> terms) {
        try (NDManager m = manager.newSubManager()) {
            ReconPretrainer model = build(method, stopGradient, m);
            SmcHead smc = method.contrastsSingleModal() ? new SmcHead(CFG.transDim()) : null;
            if (smc != null) {
                smc.initialize(m, DataType.FLOAT32, new Shape(B, CFG.transDim()));
            }
            ParameterStore ps = new ParameterStore(m, false);
            boolean[] mask = new boolean[B * CFG.numGroups()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = i % 2 == 1;
            }
            Map<String, Float> grads = new LinkedHashMap<>();
            Set<String> names;
            try (NDManager sm = m.newSubManager()) {
                NDArray nbr = sm.create(random(B * CFG.numGroups() * CFG.groupSize() * 3, 1),
                        new Shape(B, CFG.numGroups(), CFG.groupSize(), 3));
                NDArray ctr = sm.create(random(B * CFG.numGroups() * 3, 2), new Shape(B, CFG.numGroups(), 3));
                NDArray img = sm.create(random(B * IMG, 3), new Shape(B, IMG));
                NDArray text = sm.create(random(B * TEXT, 4), new Shape(B, TEXT));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    PretrainOutput out = model.forward(ps, Patches.of(nbr, ctr), mask, img, text, true);
                    Map<String, NDArray> losses = new LinkedHashMap<>(out.losses());
                    if (smc != null) {
                        losses.put("smc", ContrastiveLoss.smc(smc.forward(ps, out.encoded().cls(), true),
                                LABELS, 0.1f));
                    }
                    names = losses.keySet();
                    NDArray total = null;
                    for (Map.Entry<String, NDArray> e : losses.entrySet()) {
                        if (terms == null || terms.contains(e.getKey())) {
                            total = total == null ? e.getValue() : total.add(e.getValue());
                        }
                    }
                    gc.backward(total);
                }
                Map<String, Parameter> params = new LinkedHashMap<>(model.stateDict());
                if (smc != null) {
                    smc.stateDict().forEach((k, v) -> params.put("cls_proj." + k, v));
                }
                for (Map.Entry<String, Parameter> e : params.entrySet()) {
                    NDArray w = e.getValue().getArray();
                    if (e.getValue().requiresGradient() && w.hasGradient()) {
                        try (NDArray g = w.getGradient()) {
                            grads.put(e.getKey(), g.abs().max().getFloat());
                        }
                    }
                }
            }
            return new Step(Set.copyOf(names), grads);
        }
    }

    @Test
    void reconDistilsThroughStopGradientQueries() {
        Step all = step(PretrainMethod.RECON, null);
        assertEquals(Set.of("mdm", "csc_img", "csc_text"), all.losses());
        for (String k : List.of("mask_token", "MAE_decoder.blocks.0.attn.qkv.weight", "increase_dim.0.weight", "img_proj.weight",
                "text_proj.weight", "MAE_encoder.img_token", "MAE_encoder.text_pos", "MAE_encoder.blocks.blocks.0.attn_contrast.q.weight")) {
            assertTrue(all.reached(k), k);
        }
        assertFalse(all.reached("MAE_encoder.cls_token"), "cls gets no gradient with SMC off (official)");
        // Stop-gradient: the distillation terms alone never reach the local stream or the patch embedding.
        Step csc = step(PretrainMethod.RECON, Set.of("csc_img", "csc_text"));
        assertTrue(csc.reached("MAE_encoder.blocks.blocks.0.mlp_contrast.fc1.weight"));
        assertEquals(Set.of(), csc.reachedUnder("MAE_encoder.encoder."));
        assertFalse(csc.reached("MAE_encoder.blocks.blocks.0.attn.qkv.weight"));
    }

    @Test
    void withoutStopGradientTheDistillationAlsoReachesTheLocals() {
        // The named deviation --no-stop-gradient: the queries' losses flow into the locals they read...
        Step csc = step(PretrainMethod.RECON, false, Set.of("csc_img", "csc_text"));
        for (String k : List.of("MAE_encoder.encoder.second_conv.3.weight", "MAE_encoder.pos_embed.2.weight",
                "MAE_encoder.blocks.blocks.0.norm1.weight")) {
            assertTrue(csc.reached(k), k);
        }
        // ...and nothing else changes: reconstruction never passes through the queries, so its gradients are the same.
        assertEquals(step(PretrainMethod.RECON, Set.of("mdm")).gradients(), step(PretrainMethod.RECON, false, Set.of("mdm")).gradients());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReconPretrainer.builder(CFG)
                .optMethod(PretrainMethod.MULTITASK).optStopGradient(false).build());
        assertTrue(e.getMessage().contains("method multitask has no ReCon block"), e.getMessage());
    }

    @Test
    void mpmReconstructsOnlyAndLeavesTheQueriesUntouched() {
        Step s = step(PretrainMethod.MPM, null);
        assertEquals(Set.of("mdm"), s.losses());
        assertTrue(s.reached("MAE_encoder.blocks.blocks.0.attn.qkv.weight"));
        assertTrue(s.reached("mask_token"));
        for (String q : List.of("cls_token", "img_token", "text_token", "cls_pos", "img_pos", "text_pos")) {
            assertFalse(s.reached("MAE_encoder." + q), q);
        }
        assertEquals(Set.of(), s.reachedUnder("MAE_encoder.blocks.blocks.0.attn_contrast"));
        assertFalse(s.gradients().keySet().stream().anyMatch(k -> k.contains("_proj")), "no projections");
        // Same architecture and init as ReCon without teachers (Point-MAE†).
        try (NDManager m = manager.newSubManager()) {
            Map<String, Parameter> mpm = build(PretrainMethod.MPM, m).stateDict();
            Engine.getInstance().setRandomSeed(11);
            ReconPretrainer recon = ReconPretrainer.builder(CFG).build();
            recon.initialize(m);
            assertEquals(List.copyOf(recon.stateDict().keySet()), List.copyOf(mpm.keySet()));
            recon.stateDict().forEach((k, p) -> assertArrayEquals(p.getArray().toFloatArray(), mpm.get(k).getArray().toFloatArray(), 0f, k));
        }
    }

    @Test
    void cmcIsTheDistillationTowerAloneWithoutDecoder() {
        Step s = step(PretrainMethod.CMC, null);
        assertEquals(Set.of("csc_img", "csc_text"), s.losses());
        assertTrue(s.gradients().keySet().stream().noneMatch(k -> k.startsWith("MAE_") || k.startsWith("mask_token")
                || k.startsWith("decoder_pos_embed") || k.startsWith("increase_dim")), s.gradients().keySet().toString());
        for (String k : List.of("Dis_encoder.img_token", "Dis_encoder.text_token", "Dis_encoder.img_pos",
                "Dis_encoder.blocks.blocks.0.attn.qkv.weight", "Dis_encoder.encoder.second_conv.3.weight", "img_proj.weight")) {
            assertTrue(s.reached(k), k);
        }
    }

    @Test
    void smcTrainsTheClsTokenAndEveryGroupButNoDecoder() {
        Step s = step(PretrainMethod.SMC, null);
        assertEquals(Set.of("smc"), s.losses());
        assertTrue(s.gradients().keySet().stream().noneMatch(k -> k.startsWith("MAE_decoder") || k.equals("mask_token")
                || k.contains("img_") || k.contains("text_")), s.gradients().keySet().toString());
        for (String k : List.of("MAE_encoder.cls_token", "MAE_encoder.cls_pos", "MAE_encoder.blocks.blocks.0.attn.qkv.weight",
                "MAE_encoder.encoder.second_conv.3.weight", "cls_proj.0.weight")) {
            assertTrue(s.reached(k), k);
        }
    }

    @Test
    void multitaskHasNoStopGradient() {
        Step all = step(PretrainMethod.MULTITASK, null);
        assertEquals(Set.of("mdm", "csc_img", "csc_text"), all.losses());
        assertTrue(all.gradients().keySet().stream().noneMatch(k -> k.contains("_contrast")), "one stream: standard blocks");
        // One sequence: the distillation terms reach the local tokens' path and the patch embedding...
        Step csc = step(PretrainMethod.MULTITASK, Set.of("csc_img", "csc_text"));
        assertTrue(csc.reached("MAE_encoder.encoder.second_conv.3.weight"));
        assertTrue(csc.reached("MAE_encoder.pos_embed.2.weight"));
        // ...and reconstruction reaches the tokens, which the locals attend to.
        Step mdm = step(PretrainMethod.MULTITASK, Set.of("mdm"));
        assertTrue(mdm.reached("MAE_encoder.img_token"));
        assertTrue(mdm.reached("MAE_encoder.cls_token"));
    }

    @Test
    void twoTowersShareNoWeightAndEachLearnsFromItsOwnLoss() {
        Step all = step(PretrainMethod.TWOTOWER, null);
        assertEquals(Set.of("mdm", "csc_img", "csc_text"), all.losses());
        Step mdm = step(PretrainMethod.TWOTOWER, Set.of("mdm"));
        Step csc = step(PretrainMethod.TWOTOWER, Set.of("csc_img", "csc_text"));
        assertFalse(mdm.reachedUnder("MAE_encoder.").isEmpty());
        assertEquals(Set.of(), mdm.reachedUnder("Dis_encoder."));
        assertFalse(csc.reachedUnder("Dis_encoder.").isEmpty());
        assertEquals(Set.of(), csc.reachedUnder("MAE_encoder."));
        assertFalse(all.gradients().containsKey("MAE_encoder.cls_token"), "the official MAE tower has no token in pretraining");
        try (NDManager m = manager.newSubManager()) {
            Map<String, Parameter> sd = build(PretrainMethod.TWOTOWER, m).stateDict();
            int pairs = 0;
            for (String k : sd.keySet()) {
                if (k.startsWith("MAE_encoder.")) {
                    Parameter other = sd.get("Dis_encoder." + k.substring("MAE_encoder.".length()));
                    if (other != null) {
                        pairs++;
                        assertNotSame(sd.get(k), other, k);
                        assertNotSame(sd.get(k).getArray(), other.getArray(), k);
                    }
                }
            }
            assertTrue(pairs > 20, pairs + " paired tensors");
            assertFalse(java.util.Arrays.equals(sd.get("MAE_encoder.blocks.blocks.0.attn.qkv.weight").getArray().toFloatArray(),
                    sd.get("Dis_encoder.blocks.blocks.0.attn.qkv.weight").getArray().toFloatArray()), "independent init");
        }
    }

    @ParameterizedTest
    @EnumSource(PretrainMethod.class)
    void everyCheckpointIsRecognisedAndLoadsIntoItsClassifier(PretrainMethod method, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("pretrained.pth");
        Map<String, float[]> saved = new LinkedHashMap<>();
        try (NDManager m = manager.newSubManager()) {
            ReconPretrainer p = build(method, m);
            Weights.save(p, file);
            p.stateDict().forEach((k, v) -> saved.put(k, v.getArray().toFloatArray()));
        }
        PretrainMethod expected = method == PretrainMethod.MPM ? PretrainMethod.RECON : method;
        assertEquals(expected, PretrainMethod.detect(Weights.fineTuneView(file)));
        try (NDManager m = manager.newSubManager()) {
            ReconClassifier c = ReconClassifier.forCheckpoint(CFG, 3, HeadType.FULL, file);
            c.initialize(m);
            assertEquals(expected, c.method());
            ImportReport r = Weights.loadIntoClassifier(c, file);
            for (String k : r.missing()) {
                boolean untrained = method == PretrainMethod.TWOTOWER && (k.equals("cls_token") || k.equals("cls_pos"));
                assertTrue(k.startsWith("cls_head_finetune.") || untrained, method + " leaves " + k + " missing");
            }
            for (String k : r.used()) {
                String source = saved.containsKey("MAE_encoder." + k) ? "MAE_encoder." + k : k;
                if (saved.containsKey(source)) {
                    assertArrayEquals(saved.get(source), c.stateDict().get(k).getArray().toFloatArray(), 0f, k);
                }
            }
            assertTrue(r.used().size() > 20, r.used().toString());
            long c4 = 4L * CFG.transDim();
            long width = switch (method) {
                case CMC, SMC -> c4 / 2;
                default -> c4;
            };
            assertEquals(width, c.featureWidth());
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager sm = m.newSubManager()) {
                NDArray nbr = sm.create(random(B * CFG.numGroups() * CFG.groupSize() * 3, 1),
                        new Shape(B, CFG.numGroups(), CFG.groupSize(), 3));
                NDArray ctr = sm.create(random(B * CFG.numGroups() * 3, 2), new Shape(B, CFG.numGroups(), 3));
                assertEquals(new Shape(B, 3), c.forward(ps, Patches.of(nbr, ctr), false).getShape());
                NDArray all = c.svmFeature(ps, Patches.of(nbr, ctr), false);
                assertEquals(new Shape(B, c.svmWidth()), all.getShape());
                // Each tower alone is its slice of the concatenation, in tower order.
                assertEquals(method.towerCount(), c.towerCount());
                long w = 2L * CFG.transDim();
                for (int t = 0; t < c.towerCount(); t++) {
                    assertArrayEquals(all.get(":, " + (t * w) + ":" + ((t + 1) * w)).toFloatArray(),
                            c.svmFeature(ps, Patches.of(nbr, ctr), false, t).toFloatArray(), 1e-5f, method + " tower " + t);
                }
                int n = c.towerCount();
                assertThrows(IllegalArgumentException.class, () -> c.svmFeature(ps, Patches.of(nbr, ctr), false, n));
                // Each tower's feature is [queries | locals]: each part alone is its half, in tower order.
                long h = CFG.transDim();
                float[] queries = c.svmFeature(ps, Patches.of(nbr, ctr), false, -1, SvmPart.QUERIES).toFloatArray();
                float[] locals = c.svmFeature(ps, Patches.of(nbr, ctr), false, -1, SvmPart.LOCALS).toFloatArray();
                assertEquals(B * c.svmWidth(SvmPart.QUERIES), queries.length);
                assertEquals(c.svmWidth(), 2 * c.svmWidth(SvmPart.LOCALS));
                NDArray q = sm.create(queries, new Shape(B, n * h));
                NDArray l = sm.create(locals, new Shape(B, n * h));
                for (int t = 0; t < n; t++) {
                    String cols = ":, " + (t * h) + ":" + ((t + 1) * h);
                    assertArrayEquals(all.get(":, " + (2 * t * h) + ":" + ((2 * t + 1) * h)).toFloatArray(),
                            q.get(cols).toFloatArray(), 1e-5f, method + " tower " + t + " queries");
                    assertArrayEquals(all.get(":, " + ((2 * t + 1) * h) + ":" + ((2 * t + 2) * h)).toFloatArray(),
                            l.get(cols).toFloatArray(), 1e-5f, method + " tower " + t + " locals");
                    assertArrayEquals(l.get(cols).toFloatArray(),
                            c.svmFeature(ps, Patches.of(nbr, ctr), false, t, SvmPart.LOCALS).toFloatArray(), 1e-5f,
                            method + " tower " + t + " alone, locals");
                }
                assertThrows(IllegalArgumentException.class,
                        () -> c.svmFeature(ps, Patches.of(nbr, ctr), false, -2, SvmPart.LOCALS));
            }
            // A fine-tuned file of this classifier is recognised too (recon test / svm read those).
            Path tuned = dir.resolve("ckpt-best.pth");
            Weights.save(c, tuned);
            assertEquals(expected, PretrainMethod.detect(Weights.fineTuneView(tuned)));
        }
    }

    @Test
    void methodsParseAndBadCombinationsAreRefused() {
        assertEquals(PretrainMethod.TWOTOWER, PretrainMethod.parse("TwoTower"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainMethod.parse("mae"));
        assertTrue(e.getMessage().contains("recon, mpm, cmc, smc, multitask, twotower"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReconPretrainer.builder(CFG).optMethod(PretrainMethod.MPM)
                .optImageTeacher(6).build());
        assertThrows(IllegalArgumentException.class, () -> PretrainMethod.detect(StateDict.of(Map.of())));
    }
}
