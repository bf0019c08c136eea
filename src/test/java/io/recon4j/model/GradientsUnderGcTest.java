package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.nn.ModuleBlock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every constant in a differentiable path must outlive the backward pass: a garbage collection between
 * forward and backward (which frees Java direct buffers behind DJL's from_blob constants) must not change a
 * single gradient. Guards against DJL's {@code mul(Number)} family creeping back (see {@code Scalars}).
 */
@Tag("slow")
class GradientsUnderGcTest {

    private static final ReconConfig CFG = new ReconConfig(16, 2, 2, 1, 2, 8, 4, 64, 0.5f, 0f);
    private static final int B = 4;

    /** Frees unreachable direct buffers and refills their memory with a poison value. */
    private static List<ByteBuffer> churn() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // direct buffers are freed by the Cleaner thread after the collection
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keep.add(ByteBuffer.allocateDirect(4 << (i % 4)).order(ByteOrder.nativeOrder()).putFloat(0, 1e30f));
        }
        return keep;
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * 0.1f;
        }
        return a;
    }

    private static Map<String, float[]> gradients(Function<NDManager, ModuleBlock> build,
                                                  ModelStep step, boolean gc) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            ModuleBlock model = build.apply(m);
            model.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            Map<String, float[]> out = new LinkedHashMap<>();
            try (NDManager sm = m.newSubManager()) {
                NDArray nbr = sm.create(random(B * CFG.numGroups() * CFG.groupSize() * 3, 1),
                        new Shape(B, CFG.numGroups(), CFG.groupSize(), 3));
                NDArray ctr = sm.create(random(B * CFG.numGroups() * 3, 2), new Shape(B, CFG.numGroups(), 3));
                Engine.getInstance().setRandomSeed(5);
                try (GradientCollector gc2 = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = step.loss(ps, model, nbr, ctr, sm);
                    List<ByteBuffer> poison = gc ? churn() : List.of();
                    gc2.backward(loss);
                    poison.size();
                }
                for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
                    NDArray w = e.getValue().getArray();
                    if (w.hasGradient()) {
                        try (NDArray g = w.getGradient()) {
                            out.put(e.getKey(), g.toFloatArray());
                        }
                    }
                }
            }
            return out;
        }
    }

    @FunctionalInterface
    interface ModelStep {
        NDArray loss(ParameterStore ps, ModuleBlock model, NDArray neighborhood, NDArray centers, NDManager step);
    }

    private static void assertSameGradients(Function<NDManager, ModuleBlock> build, ModelStep step) throws InterruptedException {
        Map<String, float[]> quiet = gradients(build, step, false);
        Map<String, float[]> churned = gradients(build, step, true);
        assertFalse(quiet.isEmpty());
        for (String name : quiet.keySet()) {
            assertArrayEquals(quiet.get(name), churned.get(name), 0f, "gradient of " + name + " changed by a GC");
        }
    }

    @Test
    void pretrainingGradientsDoNotDependOnGarbageCollection() throws InterruptedException {
        boolean[] mask = new boolean[B * CFG.numGroups()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 2 == 0;
        }
        assertSameGradients(m -> ReconPretrainer.builder(CFG).optImageTeacher(6).optTextTeacher(5)
                .build(), (ps, model, nbr, ctr, sm) -> {
            NDArray img = sm.create(random(B * 6, 3), new Shape(B, 6));
            NDArray text = sm.create(random(B * 5, 4), new Shape(B, 5));
            return ((ReconPretrainer) model).forward(ps, Patches.of(nbr, ctr), mask, img, text, true).total();
        });
    }

    @Test
    void fineTuningGradientsDoNotDependOnGarbageCollection() throws InterruptedException {
        assertSameGradients(m -> ReconClassifier.builder(CFG).setClasses(3).build(), (ps, model, nbr, ctr, sm) -> {
            NDArray logits = ((ReconClassifier) model).forward(ps, Patches.of(nbr, ctr), true);
            return Losses.crossEntropy(logits, sm.create(new long[] {0, 1, 2, 1}));
        });
    }
}
