package io.recon4j.eval;

import io.recon4j.data.Batch;
import io.recon4j.data.DataLoader;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.PointTransform;
import io.recon4j.util.Progress;
import me.tongfei.progressbar.ProgressBar;

/**
 * Runs a {@link CloudFunction} over a whole dataset through a {@link DataLoader} (in order, no shuffle,
 * no sample dropped), so every sample's transform draws from (seed, epoch, index) and a run is reproducible.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * @param f the model
     * @param data the samples
     * @param transform per-sample transform (e.g. plain FPS to npoints)
     * @param batchSize B
     * @param seed root of the transform's random draws
     * @param epoch selects the draws (voting uses one epoch per vote)
     * @param task progress-bar label, or null for none
     * @return one row per sample, in dataset order
     */
    public static Outputs collect(CloudFunction f, PointCloudDataset data, PointTransform transform, int batchSize, long seed,
                                  int epoch, String task) {
        try (DataLoader loader = DataLoader.builder(data).transform(transform).batchSize(batchSize).seed(seed).build()) {
            return collect(f, loader, epoch, task);
        }
    }

    /** Same over an existing loader (which must not shuffle or drop samples). */
    public static Outputs collect(CloudFunction f, DataLoader loader, int epoch, String task) {
        int size = loader.dataset().size();
        int width = f.width();
        float[] values = new float[size * width];
        int[] labels = new int[size];
        boolean[] seen = new boolean[size];
        ProgressBar bar = task == null ? null : Progress.bar(task, size, "clouds");
        try {
            for (Batch b : loader.epoch(epoch)) {
                float[] rows = f.apply(b.points(), b.size(), b.numPoints());
                if (rows.length != b.size() * width) {
                    throw new IllegalStateException("model returned " + rows.length + " values for " + b.size()
                            + " clouds of width " + width);
                }
                for (int i = 0; i < b.size(); i++) {
                    int index = b.sampleIndices()[i];
                    System.arraycopy(rows, i * width, values, index * width, width);
                    labels[index] = b.labels()[i];
                    seen[index] = true;
                }
                if (bar != null) {
                    bar.stepBy(b.size());
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        for (int i = 0; i < size; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("the loader skipped sample " + i + " of " + loader.dataset().name()
                        + " (evaluation needs every sample: no drop-last)");
            }
        }
        return new Outputs(width, values, labels);
    }

    /** @return the classification of {@code data} by logits function {@code f} under {@code transform} */
    public static Evaluation evaluate(CloudFunction f, PointCloudDataset data, PointTransform transform, int batchSize, long seed,
                                      String task) {
        return Evaluation.of(collect(f, data, transform, batchSize, seed, 0, task), data.classNames());
    }
}
