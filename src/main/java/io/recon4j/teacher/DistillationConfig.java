package io.recon4j.teacher;

import io.recon4j.render.RenderConfig;

/**
 * The cross-modal part of a ReCon pretraining run: which teachers (by {@link Teacher#identity()}, so a run
 * cannot be resumed with other teachers), how shapes are rendered for the image teacher, the optional
 * single-modal contrastive (SMC) term, and the loss weights. The official recipe: both teachers, SMC off,
 * every weight 1.
 *
 * @param textTeacher identity of the text teacher, "" for none
 * @param imageTeacher identity of the image teacher, "" for none
 * @param render how shapes are rendered for the image teacher (null without one)
 * @param smc add the SMC term on the cls query ({@code self_contrastive})
 * @param smcTemperature τ of the SMC cross-entropy (official 0.1)
 * @param imgWeight weight of {@code csc_img}
 * @param textWeight weight of {@code csc_text}
 * @param smcWeight weight of {@code smc}
 */
public record DistillationConfig(String textTeacher, String imageTeacher, RenderConfig render, boolean smc,
                                 float smcTemperature, float imgWeight, float textWeight, float smcWeight) {

    /** No teachers and no SMC: Point-MAE†. */
    public static final DistillationConfig NONE = new DistillationConfig("", "", null, false, 0.1f, 1f, 1f, 1f);

    public DistillationConfig {
        textTeacher = textTeacher == null ? "" : textTeacher;
        imageTeacher = imageTeacher == null ? "" : imageTeacher;
        if (!imageTeacher.isEmpty() && render == null) {
            throw new IllegalArgumentException("an image teacher needs a render configuration");
        }
        if (!(smcTemperature > 0f)) {
            throw new IllegalArgumentException("SMC temperature must be > 0, got " + smcTemperature);
        }
        if (!(imgWeight >= 0f && textWeight >= 0f && smcWeight >= 0f)) {
            throw new IllegalArgumentException("loss weights must be >= 0, got img " + imgWeight + ", text " + textWeight
                    + ", smc " + smcWeight);
        }
    }

    /**
     * The official weights (all 1) for the given teacher features.
     *
     * @param targets prepared teacher features (may be null: no teachers)
     * @param smc whether to add the SMC term
     */
    public static DistillationConfig official(DistillationTargets targets, boolean smc) {
        if (targets == null) {
            return new DistillationConfig("", "", null, smc, 0.1f, 1f, 1f, 1f);
        }
        return new DistillationConfig(targets.textIdentity(), targets.imageIdentity(), targets.render(), smc, 0.1f, 1f, 1f, 1f);
    }

    /** @return a copy with another SMC temperature and weights */
    public DistillationConfig withLoss(float newSmcTemperature, float newImgWeight, float newTextWeight, float newSmcWeight) {
        return new DistillationConfig(textTeacher, imageTeacher, render, smc, newSmcTemperature, newImgWeight, newTextWeight,
                newSmcWeight);
    }
}
