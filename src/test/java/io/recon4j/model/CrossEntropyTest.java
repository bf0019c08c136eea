package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link Losses#crossEntropy} against torch's definition computed by hand, its gradient, and DJL's loss. */
@Tag("fast")
class CrossEntropyTest {

    static final float[] LOGITS = {1, 2, 3, 0.5f, -1, 2};
    static final long[] LABELS = {2, 0};

    static double[] softmax(int row) {
        double[] e = new double[3];
        double z = 0;
        for (int j = 0; j < 3; j++) {
            e[j] = Math.exp(LOGITS[row * 3 + j]);
            z += e[j];
        }
        for (int j = 0; j < 3; j++) {
            e[j] /= z;
        }
        return e;
    }

    @Test
    void valueAndGradientMatchTheHandComputation() {
        double expected = -(Math.log(softmax(0)[2]) + Math.log(softmax(1)[0])) / 2;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(2, 3));
            logits.setRequiresGradient(true);
            NDArray labels = m.create(LABELS);
            float[] grad;
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Losses.crossEntropy(logits, labels);
                value = loss.getFloat();
                gc.backward(loss);
            }
            grad = logits.getGradient().toFloatArray();
            assertEquals(expected, value, 1e-6);
            // d loss / d logits = (softmax − one-hot) / B.
            float[] want = new float[6];
            for (int b = 0; b < 2; b++) {
                double[] p = softmax(b);
                for (int j = 0; j < 3; j++) {
                    want[b * 3 + j] = (float) ((p[j] - (j == LABELS[b] ? 1 : 0)) / 2);
                }
            }
            assertArrayEquals(want, grad, 1e-6f);
            // DJL's SoftmaxCrossEntropyLoss (sparse labels, from logits) agrees on this input.
            float djl = new SoftmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(m.create(LOGITS, new Shape(2, 3))))
                    .getFloat();
            assertEquals(expected, djl, 1e-6);
        }
    }
}
