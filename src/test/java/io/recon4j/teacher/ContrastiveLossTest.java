package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.model.SmcHead;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The single-modal contrastive head and loss against a hand computation of the official ContrastiveHead. */
@Tag("fast")
class ContrastiveLossTest {

    /** The official loop, in double: per row, mean positive similarity, then CE over [pos, negatives] / τ. */
    static double reference(double[][] z, int[] labels, double tau) {
        int b = labels.length;
        double total = 0;
        for (int i = 0; i < b; i++) {
            double pos = 0;
            int np = 0;
            java.util.List<Double> logits = new java.util.ArrayList<>();
            for (int j = 0; j < b; j++) {
                double s = 0;
                for (int k = 0; k < z[i].length; k++) {
                    s += z[i][k] * z[j][k];
                }
                if (labels[i] == labels[j]) {
                    pos += s;
                    np++;
                } else {
                    logits.add(s / tau);
                }
            }
            logits.add(0, pos / np / tau);
            double max = logits.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double lse = max + Math.log(logits.stream().mapToDouble(l -> Math.exp(l - max)).sum());
            total += lse - logits.get(0);
        }
        return total / b;
    }

    static double[][] unitRows(int b, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] z = new double[b][d];
        for (double[] row : z) {
            double n = 0;
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian();
                n += row[k] * row[k];
            }
            for (int k = 0; k < d; k++) {
                row[k] /= Math.sqrt(n);
            }
        }
        return z;
    }

    static NDArray toArray(NDManager m, double[][] z) {
        float[] flat = new float[z.length * z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < z[0].length; k++) {
                flat[i * z[0].length + k] = (float) z[i][k];
            }
        }
        return m.create(flat, new Shape(z.length, z[0].length));
    }

    @Test
    void matchesTheOfficialLoopByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two samples: z0 = (1, 0), z1 = (0.6, 0.8), different classes: logits [1, 0.6] / 0.1 for row 0.
            double[][] two = {{1, 0}, {0.6, 0.8}};
            double byHand = Math.log(1 + Math.exp(-4)); // log(e^10 + e^6) - 10, both rows alike (symmetric)
            assertEquals(byHand, ContrastiveLoss.smc(toArray(m, two), new int[] {0, 1}, 0.1f).getFloat(), 1e-6);
            assertEquals(byHand, reference(two, new int[] {0, 1}, 0.1), 1e-12);

            for (int[] labels : List.of(new int[] {0, 1, 0, 2, 1, 0}, new int[] {3, 3, 3, 1}, new int[] {0, 1, 2, 3, 4})) {
                double[][] z = unitRows(labels.length, 8, labels.length);
                float got = ContrastiveLoss.smc(toArray(m, z), labels, 0.1f).getFloat();
                assertEquals(reference(z, labels, 0.1), got, 1e-4, java.util.Arrays.toString(labels));
                assertEquals(reference(z, labels, 0.5), ContrastiveLoss.smc(toArray(m, z), labels, 0.5f).getFloat(), 1e-4);
            }
            // A batch of one category has no negatives: CE over the positive alone is 0.
            assertEquals(0f, ContrastiveLoss.smc(toArray(m, unitRows(3, 4, 1)), new int[] {2, 2, 2}, 0.1f).getFloat(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> ContrastiveLoss.smc(toArray(m, unitRows(3, 4, 1)), new int[] {1, 2}, 0.1f));
        }
    }

    @Test
    void headHasTheOfficialNamesAndGivesUnitRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            SmcHead head = new SmcHead(16);
            head.initialize(m, DataType.FLOAT32, new Shape(4, 16));
            assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                    "3.weight", "3.bias", "4.weight", "4.bias", "4.running_mean", "4.running_var"),
                    List.copyOf(head.stateDict().keySet()));
            NDArray x = toArray(m, unitRows(4, 16, 9));
            NDArray z = head.forward(new ParameterStore(m, false), x, true);
            assertEquals(new Shape(4, SmcHead.DIM), z.getShape());
            float[] norms = z.norm(new int[] {1}).toFloatArray();
            for (float n : norms) {
                assertEquals(1f, n, 1e-5f);
            }
        }
    }
}
