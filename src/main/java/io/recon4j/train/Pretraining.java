package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.DataLoader;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Seeds;
import io.recon4j.model.PretrainOutput;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.util.RunFolder;
import java.io.IOException;

/**
 * Masked point pretraining of ReCon (or Point-MAE† with the teachers off), the official recipe:
 * random {@code npoints} subset + pc_norm + random y-rotation per cloud, rand masking, AdamW with the
 * official no-decay groups, per-epoch cosine with warm-up. Writes checkpoints, {@code metrics.jsonl},
 * {@code loss.png} and the final {@code pretrained.pth} into the run folder.
 */
public final class Pretraining implements AutoCloseable {

    private final NDManager manager;
    private final DataLoader loader;
    private final ReconPretrainer model;
    private final GroupedAdamW optimizer;
    private final TrainingLoop<io.recon4j.data.Batch> loop;
    private final RunFolder run;

    private Pretraining(PretrainConfig config, PointCloudDataset data, RunFolder run, NDManager parent) {
        ReconConfig mc = config.model();
        this.run = run;
        this.manager = parent.newSubManager();
        this.loader = DataLoader.builder(data).transform(DatasetPipelines.shapeNetPretrain(mc.numPoints()))
                .batchSize(config.batchSize()).shuffle(true).dropLast(true).seed(config.seed()).build();
        if (loader.batchesPerEpoch() == 0) {
            close();
            throw new IllegalArgumentException(data.name() + " has " + data.size() + " samples, fewer than one batch of "
                    + config.batchSize());
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) config.seed());
        model = new ReconPretrainer(mc, config.imgDim(), config.textDim());
        model.initialize(manager, DataType.FLOAT32, new Shape(config.batchSize(), mc.numGroups(), mc.groupSize(), 3));
        optimizer = new GroupedAdamW(manager, GroupedAdamW.select(model.stateDict(), k -> true),
                ParamGroups.pretraining(config.weightDecay()));
        loop = new TrainingLoop<>(model, manager, optimizer, TrainingLoop.of(loader),
                new TrainingLoop.Options(config.epochs(), config.schedule(), config.clipNorm(), config.seed(), config.toJson(), null),
                run, TrainingLoop.grouped(mc.numGroups(), mc.groupSize(), (ps, batch, grouping, step, logs) -> {
                    // Masks get their own stream, keyed like every other draw of the step.
                    boolean[] mask = config.masking().sample(grouping.centers(), batch.size(), mc.numGroups(), mc.maskRatio(),
                            Seeds.random(Seeds.mix(config.seed() ^ 0x6D61736BL, batch.epoch(), batch.index())));
                    NDArray nb = grouping.neighborhood(step);
                    NDArray centers = grouping.centers(step);
                    // Cross-modal teachers plug in here (teachers issue); Point-MAE† passes none.
                    PretrainOutput out = model.forward(ps, nb, centers, mask, null, null, true);
                    logs.putAll(out.losses());
                    return out.total();
                }));
    }

    /**
     * Prepares a run: loader, model (seeded init), optimizer and loop. Close it when done.
     *
     * @param config the run's definition
     * @param data training shapes (clouds of at least npoints)
     * @param run output folder
     * @param parent parent manager; the model lives in a sub-manager closed by {@link #close()}
     */
    public static Pretraining create(PretrainConfig config, PointCloudDataset data, RunFolder run, NDManager parent) {
        return new Pretraining(config, data, run, parent);
    }

    /** Runs (or resumes) pretraining and writes {@code pretrained.pth}; see {@link #create}. */
    public static TrainingLoop.Result run(PretrainConfig config, PointCloudDataset data, RunFolder run, boolean resume,
                                          NDManager parent) throws IOException {
        try (Pretraining p = create(config, data, run, parent)) {
            return p.train(resume);
        }
    }

    /** Trains to the end (or until stopped) and writes the final weights as {@code pretrained.pth}. */
    public TrainingLoop.Result train(boolean resume) throws IOException {
        TrainingLoop.Result r = loop.run(resume);
        Weights.save(model, run.resolve("pretrained.pth"));
        return r;
    }

    /** @return the training loop (to add an epoch hook or request a stop) */
    public TrainingLoop<io.recon4j.data.Batch> loop() {
        return loop;
    }

    /** @return the model being trained */
    public ReconPretrainer model() {
        return model;
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        loader.close();
        manager.close();
    }
}
