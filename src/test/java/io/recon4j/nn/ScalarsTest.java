package io.recon4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ScalarsTest {

    /** Frees every unreachable direct buffer, then reallocates their memory full of a poison value. */
    private static List<ByteBuffer> churn() throws InterruptedException {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50); // the Cleaner thread frees direct buffers after the collection
        }
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            keep.add(b);
        }
        return keep;
    }

    private static float[] gradientAfterChurn(BiFunction<NDArray, Float, NDArray> op, float c) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x, c).sum();
                List<ByteBuffer> poison = churn();
                gc.backward(y);
                poison.clear();
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void gradientOfAConstantProductSurvivesGarbageCollection() throws InterruptedException {
        assertArrayEquals(new float[] {3f, 3f, 3f}, gradientAfterChurn(Scalars::mul, 3f), 0f);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, gradientAfterChurn(Scalars::div, 4f), 0f);
        assertArrayEquals(new float[] {0f, 1f, 1f}, gradientAfterChurn(Scalars::maximum, 1.5f), 0f);
    }
}
