package io.recon4j.data;

import static io.recon4j.data.Transforms.compose;
import static io.recon4j.data.Transforms.fps;
import static io.recon4j.data.Transforms.fpsPoolSize;
import static io.recon4j.data.Transforms.fpsThenRandomSubset;
import static io.recon4j.data.Transforms.pcNorm;
import static io.recon4j.data.Transforms.randomSubset;
import static io.recon4j.data.Transforms.rotateY;
import static io.recon4j.data.Transforms.scale;
import static io.recon4j.data.Transforms.scaleAndTranslate;
import static io.recon4j.data.Transforms.shufflePoints;

/**
 * The per-sample transform chains of the official ReCon code (release eb37728), to pair with the
 * datasets of this package, which return clouds after their load-time processing only.
 *
 * <p>Sources: {@code datasets/ShapeNet55Dataset.py} (subset + pc_norm), {@code tools/runner_pretrain.py}
 * (rotation), the train-split {@code np.random.shuffle(pt_idxs)} of the ModelNet, few-shot and
 * ScanObjectNN loaders (it matters: the FPS kernel starts at point 0, so shuffling randomises the
 * start), and {@code tools/runner_finetune.py} (FPS pool, train/vote augmentation; the augmentation
 * is ScaleAndTranslate only when the dataset's NAME is exactly {@code "ModelNet"}, else Rotate).
 */
public final class DatasetPipelines {

    private DatasetPipelines() {
    }

    /** @return ReCon pretraining on ShapeNet-55 with 1024 points: random 1024-subset, pc_norm, y-rotation */
    public static PointTransform shapeNetPretrain() {
        return shapeNetPretrain(1024);
    }

    /** @return ReCon pretraining: random {@code npoints}-subset (permutation prefix, not FPS), pc_norm, y-rotation */
    public static PointTransform shapeNetPretrain(int npoints) {
        return compose(randomSubset(npoints), pcNorm(), rotateY());
    }

    /**
     * @return ModelNet fine-tuning, train split: shuffle, FPS to the pool (1200 for 1024), random
     *     {@code npoints} of those, per-axis scale [2/3, 3/2) and shift [-0.2, 0.2)
     */
    public static PointTransform modelNetTrain(int npoints) {
        return modelNetTrain(fpsPoolSize(npoints), npoints);
    }

    /** @return {@link #modelNetTrain(int)} with an explicit FPS pool (for npoints the official table lacks) */
    public static PointTransform modelNetTrain(int pool, int npoints) {
        return compose(shufflePoints(), fpsThenRandomSubset(pool, npoints), scaleAndTranslate());
    }

    /** @return ModelNet / few-shot validation and test, also the SVM features: plain FPS to {@code npoints} (no shuffle) */
    public static PointTransform modelNetTest(int npoints) {
        return fps(npoints);
    }

    /** @return one ModelNet voting pass: FPS to the pool, random {@code npoints}, per-axis scale [2/3, 3/2) */
    public static PointTransform modelNetVote(int npoints) {
        return modelNetVote(fpsPoolSize(npoints), npoints);
    }

    /** @return {@link #modelNetVote(int)} with an explicit FPS pool */
    public static PointTransform modelNetVote(int pool, int npoints) {
        return compose(fpsThenRandomSubset(pool, npoints), scale());
    }

    /**
     * @return ScanObjectNN fine-tuning, train split (all variants): shuffle, FPS to the pool (2400 for
     *     2048), random {@code npoints} of those, y-rotation
     */
    public static PointTransform scanObjectNNTrain(int npoints) {
        return scanObjectNNTrain(fpsPoolSize(npoints), npoints);
    }

    /** @return {@link #scanObjectNNTrain(int)} with an explicit FPS pool */
    public static PointTransform scanObjectNNTrain(int pool, int npoints) {
        return compose(shufflePoints(), fpsThenRandomSubset(pool, npoints), rotateY());
    }

    /** @return ScanObjectNN validation and test: plain FPS to {@code npoints} */
    public static PointTransform scanObjectNNTest(int npoints) {
        return fps(npoints);
    }

    /** @return one ScanObjectNN voting pass: FPS pool + random subset, plus y-rotation for PB_T50_RS only */
    public static PointTransform scanObjectNNVote(ScanObjectNNDataset.Variant variant, int npoints) {
        PointTransform sub = fpsThenRandomSubset(fpsPoolSize(npoints), npoints);
        return variant == ScanObjectNNDataset.Variant.PB_T50_RS ? compose(sub, rotateY()) : compose(sub);
    }

    /**
     * Few-shot fine-tuning, train split: shuffle, FPS pool, random {@code npoints}, then y-rotation.
     *
     * <p>Note: the official runner applies ScaleAndTranslate only when the dataset NAME is
     * {@code "ModelNet"}; the few-shot dataset is {@code "ModelNetFewShot"}, so the official code
     * rotates here, although recon.md §2.3 lists scale &amp; translate. The code is followed; use
     * {@link #modelNetTrain(int)} for the scale &amp; translate variant.
     */
    public static PointTransform fewShotTrain(int npoints) {
        return fewShotTrain(fpsPoolSize(npoints), npoints);
    }

    /** @return {@link #fewShotTrain(int)} with an explicit FPS pool */
    public static PointTransform fewShotTrain(int pool, int npoints) {
        return compose(shufflePoints(), fpsThenRandomSubset(pool, npoints), rotateY());
    }

    /** @return few-shot validation: plain FPS to {@code npoints} */
    public static PointTransform fewShotTest(int npoints) {
        return fps(npoints);
    }

    /** @return zero-shot input sampling (no voting): FPS to the pool, random {@code npoints}; no augmentation */
    public static PointTransform zeroShot(int npoints) {
        return fpsThenRandomSubset(fpsPoolSize(npoints), npoints);
    }
}
