package io.recon4j.train;

import com.google.gson.Gson;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointTransform;
import io.recon4j.data.Transforms;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;

/**
 * Everything that defines a fine-tuning run (the official {@code cfgs/full|mlp3|linear/*.yaml} fields).
 *
 * @param model architecture, including the drop-path rate (0.2 for ModelNet/ScanObjectNN, 0.1 few-shot)
 * @param head head type; mlp3 and linear train only the {@code cls*} parameters
 * @param protocol which official data pipelines to use
 * @param checkpoint pretrained (or fine-tuned) weights to start from, or null to train from scratch
 * @param epochs epochs ({@code max_epoch})
 * @param batchSize batch size
 * @param lr peak learning rate (the {@code cls*} parameters get {@code headLrScale}× it)
 * @param weightDecay AdamW decay (0.05)
 * @param headLrScale learning-rate multiplier of the {@code cls*} parameters (10)
 * @param warmupEpochs linear warm-up epochs (10)
 * @param minLr cosine floor (1e-6)
 * @param warmupLrInit warm-up start (1e-6)
 * @param clipNorm global gradient-norm clip (10), 0 for none
 * @param seed run seed
 */
public record FineTuneConfig(ReconConfig model, HeadType head, Protocol protocol, String checkpoint, int epochs, int batchSize,
                             double lr, float weightDecay, float headLrScale, int warmupEpochs, double minLr, double warmupLrInit,
                             double clipNorm, long seed) {

    /**
     * The official per-dataset data pipelines ({@link DatasetPipelines}). Train: shuffle, FPS to the pool
     * (1200 for 1024 points, 2400 for 2048; for other sizes the same ratio, a recon4j extension), a random
     * npoints subset, then augmentation; test: plain FPS to npoints.
     */
    public enum Protocol {
        /** ModelNet: scale and translate per axis. */
        MODELNET,
        /** ScanObjectNN (all variants): random y-rotation. */
        SCANOBJECTNN,
        /** ModelNet few-shot folds: random y-rotation (the official runner's behaviour, see DatasetPipelines). */
        FEWSHOT;

        /** @return the training transform for {@code npoints} */
        public PointTransform train(int npoints) {
            int pool = Transforms.fpsPoolSizeOrScaled(npoints);
            switch (this) {
                case MODELNET: return DatasetPipelines.modelNetTrain(pool, npoints);
                case SCANOBJECTNN: return DatasetPipelines.scanObjectNNTrain(pool, npoints);
                default: return DatasetPipelines.fewShotTrain(pool, npoints);
            }
        }

        /** @return the validation/test transform for {@code npoints}: plain FPS */
        public PointTransform test(int npoints) {
            switch (this) {
                case MODELNET: return DatasetPipelines.modelNetTest(npoints);
                case SCANOBJECTNN: return DatasetPipelines.scanObjectNNTest(npoints);
                default: return DatasetPipelines.fewShotTest(npoints);
            }
        }
    }

    public FineTuneConfig {
        if (epochs <= 0 || batchSize <= 0 || warmupEpochs < 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive and warm-up >= 0, got " + epochs + ", "
                    + batchSize + ", " + warmupEpochs);
        }
        if (!(lr > 0) || clipNorm < 0) {
            throw new IllegalArgumentException("lr must be > 0 and clip >= 0, got " + lr + ", " + clipNorm);
        }
    }

    /**
     * ModelNet40 ({@code cfgs/full/finetune_modelnet.yaml} and the mlp3/linear variants): lr 1e-5 (full) or 1e-4
     * (mlp3/linear), 300 epochs, warm-up 10, batch 32, drop path 0.2, clip 10, AdamW 0.05, 10× head lr.
     */
    public static FineTuneConfig modelNet(ReconConfig model, HeadType head) {
        return recipe(model.withDropPath(0.2f), head, Protocol.MODELNET, head == HeadType.FULL ? 1e-5 : 1e-4, 300);
    }

    /** ScanObjectNN ({@code cfgs/full/finetune_scan_*.yaml}): as ModelNet but lr 2e-5 (full). */
    public static FineTuneConfig scanObjectNN(ReconConfig model, HeadType head) {
        return recipe(model.withDropPath(0.2f), head, Protocol.SCANOBJECTNN, head == HeadType.FULL ? 2e-5 : 1e-4, 300);
    }

    /** Few-shot ({@code cfgs/full/fewshot.yaml}): lr 5e-4 (full) or 1e-3, 150 epochs, warm-up 10, drop path 0.1. */
    public static FineTuneConfig fewShot(ReconConfig model, HeadType head) {
        return recipe(model.withDropPath(0.1f), head, Protocol.FEWSHOT, head == HeadType.FULL ? 5e-4 : 1e-3, 150);
    }

    private static FineTuneConfig recipe(ReconConfig model, HeadType head, Protocol protocol, double lr, int epochs) {
        return new FineTuneConfig(model, head, protocol, null, epochs, 32, lr, 0.05f, 10f, 10, 1e-6, 1e-6, 10.0, 0);
    }

    /** @return the config as one line of JSON (stored in checkpoints and the run folder) */
    public String toJson() {
        return new Gson().toJson(this);
    }

    /** @return the schedule of this config */
    public CosineSchedule schedule() {
        return new CosineSchedule(lr, minLr, epochs, warmupEpochs, warmupLrInit);
    }

    /** @return a copy starting from {@code path} (null: from scratch) */
    public FineTuneConfig withCheckpoint(String path) {
        return new FineTuneConfig(model, head, protocol, path, epochs, batchSize, lr, weightDecay, headLrScale, warmupEpochs,
                minLr, warmupLrInit, clipNorm, seed);
    }

    /** @return a copy with other epochs, batch size, warm-up and seed */
    public FineTuneConfig with(int newEpochs, int newBatch, int newWarmup, long newSeed) {
        return new FineTuneConfig(model, head, protocol, checkpoint, newEpochs, newBatch, lr, weightDecay, headLrScale, newWarmup,
                minLr, warmupLrInit, clipNorm, newSeed);
    }

    /** @return a copy with another peak learning rate and clip */
    public FineTuneConfig withOptimizer(double newLr, double newClip) {
        return new FineTuneConfig(model, head, protocol, checkpoint, epochs, batchSize, newLr, weightDecay, headLrScale,
                warmupEpochs, minLr, warmupLrInit, newClip, seed);
    }

    /** @return a copy with another architecture (e.g. another drop-path rate) */
    public FineTuneConfig withModel(ReconConfig newModel) {
        return new FineTuneConfig(newModel, head, protocol, checkpoint, epochs, batchSize, lr, weightDecay, headLrScale,
                warmupEpochs, minLr, warmupLrInit, clipNorm, seed);
    }
}
