package io.recon4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.recon4j.model.Masking;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconConfig;
import io.recon4j.teacher.DistillationConfig;

/**
 * Everything that defines a pretraining run (the official {@code cfgs/pretrain/*.yaml} fields). Build one with
 * {@link #builder(ReconConfig)}; the canonical constructor exists because records need it.
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
 * @param stopGradient whether ReCon's queries read stop-gradient locals (official: true); false is the named deviation
 *     {@code --no-stop-gradient} (recon and mpm only), written to {@link #toJson()} only then
 */
public record PretrainConfig(ReconConfig model, int imgDim, int textDim, Masking masking, int epochs, int batchSize,
                             double lr, float weightDecay, int warmupEpochs, double minLr, double warmupLrInit,
                             double clipNorm, long seed, DistillationConfig distillation, PretrainMethod method,
                             boolean stopGradient) {

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
        if (!stopGradient && !m.hasStopGradient()) {
            throw new IllegalArgumentException("--no-stop-gradient: method " + m.cliName() + " has no ReCon block, hence no "
                    + "stop-gradient to turn off (recon or mpm only)");
        }
        if (m.contrastsSingleModal() != distillation.smc() && !(distillation.smc() && m.hasClsQuery())) {
            throw new IllegalArgumentException(m.contrastsSingleModal() ? "method smc needs the SMC term on"
                    : "method " + m.cliName() + " has no cls token for the SMC term (--smc)");
        }
    }

    /**
     * Starts a run definition at the official ReCon recipe ({@code cfgs/pretrain/base.yaml}): random masking, 300 epochs,
     * batch 128, lr 5e-4, weight decay 0.05, 10 warm-up epochs, floor and warm-up start 1e-6, no clipping, seed 0, no
     * teacher, method recon.
     *
     * @param model architecture
     */
    public static Builder builder(ReconConfig model) {
        return new Builder(model);
    }

    /** The official ReCon recipe (cfgs/pretrain/base.yaml) for a given architecture and teacher widths. */
    public static PretrainConfig official(ReconConfig model, int imgDim, int textDim) {
        return builder(model).optTeacherWidths(imgDim, textDim).build();
    }

    /** @return a builder holding this config, to change some fields */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.imgDim = imgDim;
        b.textDim = textDim;
        b.masking = masking;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.lr = lr;
        b.weightDecay = weightDecay;
        b.warmupEpochs = warmupEpochs;
        b.minLr = minLr;
        b.warmupLrInit = warmupLrInit;
        b.clipNorm = clipNorm;
        b.seed = seed;
        b.distillation = distillation;
        b.method = method;
        b.stopGradient = stopGradient;
        return b;
    }

    /** DJL-style builder of a {@link PretrainConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final ReconConfig model;
        private int imgDim;
        private int textDim;
        private Masking masking = Masking.RAND;
        private int epochs = 300;
        private int batchSize = 128;
        private double lr = 5e-4;
        private float weightDecay = 0.05f;
        private int warmupEpochs = 10;
        private double minLr = 1e-6;
        private double warmupLrInit = 1e-6;
        private double clipNorm;
        private long seed;
        private DistillationConfig distillation = DistillationConfig.NONE;
        private PretrainMethod method = PretrainMethod.RECON;
        private boolean stopGradient = true;

        private Builder(ReconConfig model) {
            this.model = java.util.Objects.requireNonNull(model, "model");
        }

        /** @param img image-teacher width, 0 for none @param text text-teacher width, 0 for none */
        public Builder optTeacherWidths(int img, int text) {
            this.imgDim = img;
            this.textDim = text;
            return this;
        }

        /** @param m rand or block */
        public Builder optMasking(Masking m) {
            this.masking = m;
            return this;
        }

        /** @param n epochs ({@code max_epoch}) */
        public Builder optEpochs(int n) {
            this.epochs = n;
            return this;
        }

        /** @param n batch size */
        public Builder optBatchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** @param peak peak learning rate */
        public Builder optLr(double peak) {
            this.lr = peak;
            return this;
        }

        /** @param decay AdamW decay of ≥2-D non-token weights */
        public Builder optWeightDecay(float decay) {
            this.weightDecay = decay;
            return this;
        }

        /** @param n linear warm-up epochs */
        public Builder optWarmupEpochs(int n) {
            this.warmupEpochs = n;
            return this;
        }

        /** @param floor cosine floor @param start warm-up start */
        public Builder optLrFloor(double floor, double start) {
            this.minLr = floor;
            this.warmupLrInit = start;
            return this;
        }

        /** @param norm global gradient-norm clip, 0 for none */
        public Builder optClipNorm(double norm) {
            this.clipNorm = norm;
            return this;
        }

        /** @param s run seed */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** @param d teachers, rendering, SMC and loss weights */
        public Builder optDistillation(DistillationConfig d) {
            this.distillation = d;
            return this;
        }

        /** @param m the pretraining method */
        public Builder optMethod(PretrainMethod m) {
            this.method = m;
            return this;
        }

        /** @param on stop-gradient on the queries' keys/values (official); off: the deviation {@code --no-stop-gradient} */
        public Builder optStopGradient(boolean on) {
            this.stopGradient = on;
            return this;
        }

        /** @return the config; throws IllegalArgumentException for inconsistent fields */
        public PretrainConfig build() {
            return new PretrainConfig(model, imgDim, textDim, masking, epochs, batchSize, lr, weightDecay, warmupEpochs,
                    minLr, warmupLrInit, clipNorm, seed, distillation, method, stopGradient);
        }
    }

    /** @return a copy pretraining with {@code m} */
    public PretrainConfig withMethod(PretrainMethod m) {
        return toBuilder().optMethod(m).build();
    }

    /** @return a copy distilling {@code d}'s teachers, with widths taken from the prepared features */
    public PretrainConfig withDistillation(io.recon4j.teacher.DistillationTargets targets, DistillationConfig d) {
        int img = targets == null ? 0 : targets.imageDim();
        int text = targets == null ? 0 : targets.textDim();
        return toBuilder().optTeacherWidths(img, text).optDistillation(d).build();
    }

    /** @return one line naming the method and its teachers, as the run's first line says it */
    public String describe() {
        PretrainMethod pm = method();
        if (pm == PretrainMethod.SMC) {
            return "smc: single-modal contrastive only, every group visible";
        }
        if (pm == PretrainMethod.MPM || (textDim() == 0 && imgDim() == 0 && !distillation().smc())) {
            return (pm == PretrainMethod.MPM ? "mpm" : "Point-MAE†") + ": reconstruction only" + deviation();
        }
        String who = switch (pm) {
            case CMC -> "cmc: distillation only, every group visible";
            case MULTITASK -> "multitask: one single-stream Transformer";
            case TWOTOWER -> "twotower: masked-modelling tower + distillation tower";
            default -> "ReCon";
        };
        return who + ": text teacher " + (textDim() > 0 ? textDim() + "-d" : "none") + ", image teacher "
                + (imgDim() > 0 ? imgDim() + "-d" : "none") + ", SMC " + (distillation().smc() ? "on" : "off") + deviation();
    }

    private String deviation() {
        return stopGradient ? "" : ", no stop-gradient (deviation: the queries' losses reach the locals)";
    }

    /** @return the config as one line of JSON (stored in checkpoints and the run folder) */
    public String toJson() {
        Gson gson = new Gson();
        JsonObject json = gson.toJsonTree(this).getAsJsonObject();
        if (method == PretrainMethod.RECON) {
            json.remove("method");
        }
        if (stopGradient) {
            json.remove("stopGradient"); // the official block: config.json as before the deviation existed
        }
        return gson.toJson(json);
    }

    /** @return the schedule of this config */
    public CosineSchedule schedule() {
        return new CosineSchedule(lr, minLr, epochs, warmupEpochs, warmupLrInit);
    }

    /** @return a copy with other epochs, batch size, warm-up and seed */
    public PretrainConfig with(int newEpochs, int newBatch, int newWarmup, long newSeed) {
        return toBuilder().optEpochs(newEpochs).optBatchSize(newBatch).optWarmupEpochs(newWarmup).optSeed(newSeed).build();
    }

    /** @return a copy with another peak learning rate and clip */
    public PretrainConfig withOptimizer(double newLr, double newClip) {
        return toBuilder().optLr(newLr).optClipNorm(newClip).build();
    }
}
