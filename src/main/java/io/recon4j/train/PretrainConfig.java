package io.recon4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.recon4j.model.Masking;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconConfig;
import io.recon4j.teacher.DistillationConfig;

/**
 * Everything that defines a pretraining run (the official {@code cfgs/pretrain/*.yaml} fields).
 *
 * @param model architecture
 * @param imgDim image-teacher width (0: no image distillation)
 * @param textDim text-teacher width (0: no text distillation); both 0 is Point-MAE†
 * @param masking rand or block
 * @param epochs epochs ({@code max_epoch})
 * @param batchSize batch size
 * @param lr peak learning rate (ReCon 5e-4, Point-MAE 1e-3)
 * @param weightDecay AdamW decay for ≥2-D non-token weights (0.05)
 * @param warmupEpochs linear warm-up epochs (10)
 * @param minLr cosine floor (1e-6)
 * @param warmupLrInit warm-up start (1e-6)
 * @param clipNorm global gradient-norm clip, 0 for none (the official pretraining has none)
 * @param seed run seed
 * @param distillation teachers (by identity), rendering, SMC and loss weights; {@link DistillationConfig#NONE} for none
 * @param method the pretraining method; left out of {@link #toJson()} for ReCon, so that a ReCon run's
 *     {@code config.json} (and the resume check keyed by it) stays what it was before methods existed
 */
public record PretrainConfig(ReconConfig model, int imgDim, int textDim, Masking masking, int epochs, int batchSize,
                             double lr, float weightDecay, int warmupEpochs, double minLr, double warmupLrInit,
                             double clipNorm, long seed, DistillationConfig distillation, PretrainMethod method) {

    public PretrainConfig {
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0) || warmupEpochs < 0 || !(clipNorm >= 0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "need epochs > 0, batch size > 0, lr > 0, "
                    + "warm-up >= 0 and clip >= 0; got %d epochs, batch %d, lr %s, warm-up %d, clip %s", epochs, batchSize, lr,
                    warmupEpochs, clipNorm));
        }
        distillation = distillation == null ? DistillationConfig.NONE : distillation;
        method = method == null ? PretrainMethod.RECON : method;
        PretrainMethod m = method;
        if (!m.distils() && (imgDim > 0 || textDim > 0)) {
            throw new IllegalArgumentException("method " + m.cliName() + " distils no teacher; run it with --text-teacher none "
                    + "and --img-teacher none");
        }
        if (m.contrastsSingleModal() != distillation.smc() && !(distillation.smc() && m.hasClsQuery())) {
            throw new IllegalArgumentException(m.contrastsSingleModal() ? "method smc needs the SMC term on"
                    : "method " + m.cliName() + " has no cls token for the SMC term (--smc)");
        }
    }

    /** A ReCon run (Point-MAE† without teachers). */
    public PretrainConfig(ReconConfig model, int imgDim, int textDim, Masking masking, int epochs, int batchSize,
                          double lr, float weightDecay, int warmupEpochs, double minLr, double warmupLrInit,
                          double clipNorm, long seed, DistillationConfig distillation) {
        this(model, imgDim, textDim, masking, epochs, batchSize, lr, weightDecay, warmupEpochs, minLr, warmupLrInit,
                clipNorm, seed, distillation, null);
    }

    /** @return a copy pretraining with {@code m} */
    public PretrainConfig withMethod(PretrainMethod m) {
        return new PretrainConfig(model, imgDim, textDim, masking, epochs, batchSize, lr, weightDecay, warmupEpochs, minLr,
                warmupLrInit, clipNorm, seed, distillation, m);
    }

    /** A run without cross-modal settings beyond the projection widths (Point-MAE† when both are 0). */
    public PretrainConfig(ReconConfig model, int imgDim, int textDim, Masking masking, int epochs, int batchSize,
                          double lr, float weightDecay, int warmupEpochs, double minLr, double warmupLrInit,
                          double clipNorm, long seed) {
        this(model, imgDim, textDim, masking, epochs, batchSize, lr, weightDecay, warmupEpochs, minLr, warmupLrInit,
                clipNorm, seed, DistillationConfig.NONE);
    }

    /** The official ReCon recipe (cfgs/pretrain/base.yaml) for a given architecture and teachers. */
    public static PretrainConfig official(ReconConfig model, int imgDim, int textDim) {
        return new PretrainConfig(model, imgDim, textDim, Masking.RAND, 300, 128, 5e-4, 0.05f, 10, 1e-6, 1e-6, 0, 0);
    }

    /** @return a copy distilling {@code d}'s teachers, with widths taken from the prepared features */
    public PretrainConfig withDistillation(io.recon4j.teacher.DistillationTargets targets, DistillationConfig d) {
        int img = targets == null ? 0 : targets.imageDim();
        int text = targets == null ? 0 : targets.textDim();
        return new PretrainConfig(model, img, text, masking, epochs, batchSize, lr, weightDecay, warmupEpochs, minLr,
                warmupLrInit, clipNorm, seed, d, method);
    }

    /** @return the config as one line of JSON (stored in checkpoints and the run folder) */
    public String toJson() {
        Gson gson = new Gson();
        JsonObject json = gson.toJsonTree(this).getAsJsonObject();
        if (method == PretrainMethod.RECON) {
            json.remove("method");
        }
        return gson.toJson(json);
    }

    /** @return the schedule of this config */
    public CosineSchedule schedule() {
        return new CosineSchedule(lr, minLr, epochs, warmupEpochs, warmupLrInit);
    }

    /** @return a copy with other epochs, batch size, warm-up and seed */
    public PretrainConfig with(int newEpochs, int newBatch, int newWarmup, long newSeed) {
        return new PretrainConfig(model, imgDim, textDim, masking, newEpochs, newBatch, lr, weightDecay, newWarmup, minLr,
                warmupLrInit, clipNorm, newSeed, distillation, method);
    }

    /** @return a copy with another peak learning rate and clip */
    public PretrainConfig withOptimizer(double newLr, double newClip) {
        return new PretrainConfig(model, imgDim, textDim, masking, epochs, batchSize, newLr, weightDecay, warmupEpochs, minLr,
                warmupLrInit, newClip, seed, distillation, method);
    }
}
