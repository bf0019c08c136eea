package io.recon4j.cae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.Seeds;
import io.recon4j.image.ImageDataset;
import io.recon4j.nn.Scalars;
import io.recon4j.train.GroupedAdamW;
import io.recon4j.train.ParamGroups;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CAE pretraining with the official recipe: block masking (M of P), AdamW (no decay on 1-D parameters, biases and
 * tokens), per-iteration cosine with linear warm-up, global-norm clip 3, loss = target loss + 2 · MSE(predicted
 * latents, gradient-free encoder latents of the masked patches). Reuses {@link TrainingLoop}: {@code ckpt-last.pth}
 * every epoch, exact resume, NaN stop, {@code metrics.jsonl} (loss, loss_main, loss_align per step), {@code loss.png};
 * at the end {@code pretrained.pth} and, with the pixel target, {@code reconstruction.png}.
 */
public final class CaePretraining implements AutoCloseable {

    private static final long MASK_STREAM = 0x6D61736BL;
    private static final long FLIP_STREAM = 0x666C6970L;
    private static final int PICTURE_IMAGES = 8;

    private final CaePretrainConfig config;
    private final ImageDataset data;
    private final RunFolder run;
    private final NDManager manager;
    private final CaeTarget target;
    private final ContextAutoencoder model;
    private final GroupedAdamW optimizer;
    private final TrainingLoop<ImageBatches.Batch> loop;

    private CaePretraining(CaePretrainConfig config, ImageDataset data, RunFolder run, NDManager parent) {
        CaeConfig c = config.model();
        if (data.channels() != c.channels() || data.height() != c.imageSize() || data.width() != c.imageSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.channels() + "×" + data.height() + "×"
                    + data.width() + " images; CAE " + c.name() + " expects " + c.channels() + "×" + c.imageSize() + "×"
                    + c.imageSize() + " (see CaeConfig.withInput)");
        }
        this.config = config;
        this.data = data.normalized(config.mean(), config.std());
        this.run = run;
        ImageBatches batches = new ImageBatches(data.size(), config.batchSize(), config.seed());
        if (batches.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException(data.name() + " has " + data.size() + " images, fewer than one batch of "
                    + config.batchSize());
        }
        this.manager = parent.newSubManager();
        target = createTarget();
        Engine.getInstance().setRandomSeed((int) config.seed());
        model = new ContextAutoencoder(c, target.dim(), config.decoder());
        model.initialize(manager, DataType.FLOAT32, new Shape(1, c.channels(), c.imageSize(), c.imageSize()));
        optimizer = new GroupedAdamW(manager, GroupedAdamW.select(model.stateDict(), k -> true),
                ParamGroups.pretraining(config.weightDecay()));
        MaskingGenerator masking = config.maskingGenerator();
        TrainingLoop.Options options = new TrainingLoop.Options(config.epochs(), config.schedule(batches.batchesPerEpoch()),
                config.clipNorm(), config.seed(), config.toJson(), null);
        loop = new TrainingLoop<>(model, manager, optimizer, batches, options, run, (ps, batch, epoch, index, step, logs) -> {
            NDArray images = ImageBatches.load(this.data, batch.indices(), step);
            if (config.hflip()) {
                images = ImageBatches.randomFlip(images, Seeds.random(Seeds.mix(config.seed() ^ FLIP_STREAM, epoch, index)));
            }
            PatchMask mask = masks(masking, batch.indices().length, Seeds.mix(config.seed() ^ MASK_STREAM, epoch, index));
            ContextAutoencoder.Output out = model.forward(ps, images, mask, true);
            NDArray main = target.loss(out.predictions(), images, mask.masked(step));
            NDArray align = Scalars.mul(out.latentPredicted().sub(out.latentTarget()).square().mean(), config.alignWeight());
            logs.put("loss_main", main);
            logs.put("loss_align", align);
            return main.add(align);
        });
    }

    /** One mask per image, each from its own stream keyed by (step key, image). */
    private static PatchMask masks(MaskingGenerator masking, int count, long key) {
        List<boolean[]> masks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            masks.add(masking.sample(Seeds.random(Seeds.mix(key, i))));
        }
        return PatchMask.of(masks);
    }

    private CaeTarget createTarget() {
        CaeConfig c = config.model();
        if (config.target().equals("pixels")) {
            return new PixelTarget(c.patchSize(), c.channels(), config.normPix());
        }
        // The codebook is a function of (data, seed): refitting on resume gives the same one.
        int images = Math.min(data.size(), Math.max(1, CaePretrainConfig.KMEANS_PATCHES / c.numPatches()));
        int[] pick = new int[images];
        SplittableRandom rng = Seeds.random(Seeds.mix(config.seed(), Seeds.of("kmeans")));
        for (int i = 0; i < images; i++) {
            pick[i] = rng.nextInt(data.size());
        }
        try (NDManager m = manager.newSubManager()) {
            float[] patches = Patches.patchify(ImageBatches.load(data, pick, m), c.patchSize()).toFloatArray();
            return new TokenTarget(KMeansTokenizer.fit(patches, c.patchPixels(), Math.min(c.vocabSize(), patches.length / c.patchPixels()),
                    CaePretrainConfig.KMEANS_ITERATIONS, config.seed(), c.patchSize()));
        }
    }

    /**
     * Prepares a run: target (k-means fitted if asked), model (seeded official init), optimizer and loop.
     *
     * @param config the run's definition
     * @param data training images, raw [0, 1] pixels (normalised here with the config's mean and std)
     * @param run output folder
     * @param parent parent manager; the model lives in a sub-manager closed by {@link #close()}
     */
    public static CaePretraining create(CaePretrainConfig config, ImageDataset data, RunFolder run, NDManager parent) {
        return new CaePretraining(config, data, run, parent);
    }

    /** Runs (or resumes) pretraining and writes the final files; see {@link #create}. */
    public static TrainingLoop.Result run(CaePretrainConfig config, ImageDataset data, RunFolder run, boolean resume,
                                          NDManager parent) throws IOException {
        try (CaePretraining p = create(config, data, run, parent)) {
            return p.train(resume);
        }
    }

    /** Trains to the end (or until stopped), then writes {@code pretrained.pth} and the reconstruction picture. */
    public TrainingLoop.Result train(boolean resume) throws IOException {
        TrainingLoop.Result r = loop.run(resume);
        CaeCheckpoints.savePretrained(model, config, run.resolve("pretrained.pth"));
        if (target instanceof PixelTarget pixels) {
            writeReconstruction(pixels, run.resolve("reconstruction.png"));
        }
        return r;
    }

    /** The first images of the data under a fixed mask, through the model as it is now. */
    private void writeReconstruction(PixelTarget pixels, Path png) throws IOException {
        int n = Math.min(PICTURE_IMAGES, data.size());
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        try (NDManager m = manager.newSubManager()) {
            PatchMask mask = masks(config.maskingGenerator(), n, Seeds.mix(config.seed(), Seeds.of("picture")));
            ReconstructionPicture.write(model, pixels, ImageBatches.load(data, first, m), mask, config.mean(), config.std(), png);
        }
    }

    /** @return the training loop (to add an epoch hook or request a stop) */
    public TrainingLoop<?> loop() {
        return loop;
    }

    /** @return the model being trained */
    public ContextAutoencoder model() {
        return model;
    }

    /** @return the target the decoder is trained on */
    public CaeTarget target() {
        return target;
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
