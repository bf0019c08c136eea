package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class ModelSizesTest {

    static long trainable(Map<String, Parameter> sd) {
        return sd.values().stream().filter(Parameter::requiresGradient).mapToLong(p -> p.getShape().size()).sum();
    }

    @Test
    void parameterCountsMatchTheOfficialArchitectures() {
        // recon.md §2.1: fine-tune model with 15 classes, and pretraining with 768/512-d teachers.
        long[][] expected = {{11_350_000, 13_150_000}, {19_730_000, 22_940_000}, {43_570_000, 50_780_000}};
        ReconConfig[] sizes = {ReconConfig.TINY, ReconConfig.SMALL, ReconConfig.BASE};
        for (int i = 0; i < sizes.length; i++) {
            long ft = trainable(ReconClassifier.builder(sizes[i]).setClasses(15).build().stateDict());
            long pre = trainable(ReconPretrainer.builder(sizes[i]).optImageTeacher(768).optTextTeacher(512)
                    .build().stateDict());
            assertEquals(expected[i][0], ft, 5_000, "fine-tune params of " + sizes[i]);
            assertEquals(expected[i][1], pre, 5_000, "pretrain params of " + sizes[i]);
        }
        // Exact: 43,579,944 floats in the base fine-tune fixture state dict (40 classes, incl. BN buffers).
        ReconClassifier base40 = ReconClassifier.builder(ReconConfig.BASE).setClasses(40).build();
        long all = base40.stateDict().values().stream().mapToLong(p -> p.getShape().size()).sum();
        assertEquals(43_579_944, all);
        assertEquals(322 - 4, base40.stateDict().size(), "322 entries minus 4 num_batches_tracked counters");
        assertEquals(4, base40.counters().size());
    }

    @Test
    void stateDictKeysFollowTheOfficialOrder() {
        ReconConfig tiny = new ReconConfig(96, 2, 3, 2, 3, 16, 8, 256, 0.6f, 0.2f);
        List<String> keys = List.copyOf(ReconClassifier.builder(tiny).setClasses(10).build().stateDict().keySet());
        assertEquals(List.of("cls_token", "cls_pos", "img_token", "text_token", "img_pos", "text_pos",
                "encoder.first_conv.0.weight", "encoder.first_conv.0.bias"), keys.subList(0, 8));
        assertEquals("blocks.blocks.0.norm1.weight", keys.get(28 - 2));
        assertEquals("cls_head_finetune.8.bias", keys.get(keys.size() - 1));
        List<String> pre = List.copyOf(ReconPretrainer.builder(tiny).optImageTeacher(768).optTextTeacher(512)
                .build().stateDict().keySet());
        assertEquals("mask_token", pre.get(0));
        assertEquals("MAE_encoder.cls_token", pre.get(1));
        assertEquals("text_proj.bias", pre.get(pre.size() - 1));
        assertTrue(pre.contains("MAE_decoder.blocks.1.attn.qkv.weight"));
        assertTrue(pre.contains("increase_dim.0.weight"));
    }

    @Test
    void forwardShapesAndQueryIndependenceOfLocals() {
        ReconConfig cfg = new ReconConfig(64, 2, 4, 1, 4, 8, 16, 128, 0.5f, 0.1f);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(cfg).setClasses(5).build();
            model.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray nb = m.randomNormal(new Shape(2, 8, 16, 3));
            NDArray centers = m.randomNormal(new Shape(2, 8, 3));
            Tokens enc = model.encode(ps, Patches.of(nb, centers), false, null);
            assertArrayEquals(new long[] {2, 3 + 8, 64}, enc.x().getShape().getShape());
            assertArrayEquals(new long[] {2, 8, 64}, enc.locals().getShape().getShape());
            assertArrayEquals(new long[] {2, 64}, enc.text().getShape().getShape());
            assertArrayEquals(new long[] {2, 5}, model.forward(ps, Patches.of(nb, centers), false).getShape().getShape());
            assertArrayEquals(new long[] {2, 128}, model.svmFeature(List.of(enc)).getShape().getShape());
            // Points in: the model patches them itself (G = 8 groups of K = 16 from N = 128).
            NDArray points = m.randomNormal(new Shape(2, 128, 3));
            assertArrayEquals(new long[] {2, 5}, model.forward(ps, points, false).getShape().getShape());
        }
    }
}
