package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.recon4j.image.ImageDataset;
import io.recon4j.util.Progress;
import java.util.Arrays;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * A frozen encoder's features of a whole image set, computed once and kept in the Java heap: (N, D) cls tokens
 * or (N, T, D) all tokens, plus the labels. Batches are gathered from it in any order without re-encoding.
 */
final class ProbeFeatures {

    private final float[] values;
    private final int[] labels;
    private final long[] rowShape;
    private final int rowSize;

    private ProbeFeatures(float[] values, int[] labels, long[] rowShape) {
        this.values = values;
        this.labels = labels;
        this.rowShape = rowShape;
        this.rowSize = (int) new Shape(rowShape).size();
    }

    /**
     * Encodes every image, in batches, outside any gradient recording (DJL records only inside a
     * GradientCollector; the result is also detached).
     *
     * @param encoder the frozen encoder
     * @param data the images
     * @param input what to keep: token 0, or all tokens
     * @param batchSize images per encoder call
     * @param manager parent of the per-batch scratch managers
     * @param task progress-bar label, e.g. "encode train"
     */
    static ProbeFeatures extract(FrozenEncoder encoder, ImageDataset data, ProbeHead.Input input, int batchSize,
                                 NDManager manager, String task) {
        int n = data.size();
        float[] values = null;
        long[] rowShape = null;
        int rowSize = 0;
        try (ProgressBar bar = Progress.bar(task, n, "images")) {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                try (NDManager batch = manager.newSubManager()) {
                    NDArray tokens = encoder.encode(data.images(batch, from, to)).stopGradient();
                    NDArray kept = input == ProbeHead.Input.CLS_TOKEN ? tokens.get(new NDIndex(":, 0, :")) : tokens;
                    if (values == null) {
                        rowShape = kept.getShape().slice(1).getShape();
                        rowSize = (int) kept.getShape().slice(1).size();
                        long total = (long) n * rowSize;
                        if (total > Integer.MAX_VALUE - 8) {
                            throw new IllegalArgumentException(String.format(Locale.ROOT,
                                    "%d images × %d feature values (%s per image) exceed one Java array; use fewer images",
                                    n, rowSize, Arrays.toString(rowShape)));
                        }
                        values = new float[(int) total];
                    }
                    float[] chunk = kept.toFloatArray();
                    System.arraycopy(chunk, 0, values, from * rowSize, chunk.length);
                }
                bar.stepTo(to);
            }
        }
        return new ProbeFeatures(values == null ? new float[0] : values, data.labels(0, n),
                rowShape == null ? new long[] {encoder.dim()} : rowShape);
    }

    /**
     * @param manager owner of the result
     * @param rows the samples to gather, in order
     * @return (rows.length, ...row shape) features
     */
    NDArray gather(NDManager manager, int[] rows) {
        float[] out = new float[rows.length * rowSize];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * rowSize, out, i * rowSize, rowSize);
        }
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return manager.create(out, new Shape(shape));
    }

    /** @return the labels of {@code rows}, as int64 for the loss */
    long[] labels(int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    /** @return N */
    int size() {
        return labels.length;
    }

    /** @return the shape of one sample's features: (D) or (T, D) */
    long[] rowShape() {
        return rowShape.clone();
    }
}
