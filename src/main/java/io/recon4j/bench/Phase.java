package io.recon4j.bench;

import java.util.Locale;

/** What one benchmarked step does. */
public enum Phase {
    /** ReCon pretraining: grouping, train-mode forward with both teacher heads, backward, AdamW. */
    PRETRAIN(true),
    /** Fine-tuning: grouping, classifier forward, cross-entropy, backward, clip-norm 10, AdamW. */
    FINETUNE(true),
    /** Inference: grouping, eval-mode classifier forward, no gradient. */
    INFER(false);

    private final boolean training;

    Phase(boolean training) {
        this.training = training;
    }

    /** @return true for a training step (forward + backward + optimizer) */
    public boolean training() {
        return training;
    }

    /** @return the FLOPs of one step over forward FLOPs: 3 for training (backward ≈ 2× forward), 1 for inference */
    public int flopMultiplier() {
        return training ? 3 : 1;
    }

    /** @return the lower-case name used on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the phase named {@code s} (pretrain, finetune or infer) */
    public static Phase parse(String s) {
        for (Phase p : values()) {
            if (p.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + s + "': expected pretrain, finetune or infer");
    }
}
