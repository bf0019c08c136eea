package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.Seeds;
import io.recon4j.image.ImageDataset;
import io.recon4j.train.TrainingLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shuffled, drop-last batches of image indices. Epoch e's permutation is keyed by (seed, e), so a resumed run
 * sees exactly the batches it would have seen.
 */
final class ImageBatches implements TrainingLoop.BatchSource<ImageBatches.Batch> {

    /** The images of one step, by index into the dataset. */
    record Batch(int[] indices) {
    }

    private final int size;
    private final int batchSize;
    private final long seed;

    ImageBatches(int size, int batchSize, long seed) {
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
        return size / batchSize;
    }

    @Override
    public Iterable<Batch> epoch(int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom rng = Seeds.random(Seeds.mix(seed, epoch));
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < batchesPerEpoch(); b++) {
            out.add(new Batch(java.util.Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize)));
        }
        return out;
    }

    @Override
    public int size(Batch batch) {
        return batch.indices().length;
    }

    /** @return (B, C, H, W) the normalised images of {@code indices}, in that order */
    static NDArray load(ImageDataset data, int[] indices, NDManager manager) {
        NDList rows = new NDList(indices.length);
        for (int i : indices) {
            rows.add(data.images(manager, i, i + 1));
        }
        return NDArrays.concat(rows, 0);
    }

    /**
     * Mirrors each image left-right with probability 1/2 (torchvision's RandomHorizontalFlip).
     *
     * @param images (B, C, H, W)
     * @param rng the step's own draws
     * @return (B, C, H, W)
     */
    static NDArray randomFlip(NDArray images, SplittableRandom rng) {
        int b = (int) images.getShape().get(0);
        float[] flip = new float[b];
        for (int i = 0; i < b; i++) {
            flip[i] = rng.nextBoolean() ? 1f : 0f;
        }
        NDArray f = images.getManager().create(flip, new Shape(b, 1, 1, 1));
        return images.flip(3).mul(f).add(images.mul(f.neg().add(1f)));
    }
}
