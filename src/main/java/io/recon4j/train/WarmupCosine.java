package io.recon4j.train;

/**
 * A learning rate set every iteration: linear warm-up from 0, then a half cosine to {@code minLr}, as
 * MAE's {@code util/lr_sched.adjust_learning_rate} (called with the fractional epoch {@code it / iters_per_epoch + epoch}).
 * BEiT/CAE's {@code cosine_scheduler} draws nearly the same curve (its warm-up is a {@code linspace} that reaches
 * the peak one iteration earlier, and its cosine stops one iteration short of {@code minLr}).
 */
public final class WarmupCosine {

    private final double baseLr;
    private final double minLr;
    private final long warmupSteps;
    private final long totalSteps;

    /**
     * @param baseLr the peak, reached at the end of warm-up
     * @param minLr the value at the last step
     * @param warmupSteps iterations of linear warm-up (0 for none)
     * @param totalSteps iterations of the whole run (more than the warm-up)
     */
    public WarmupCosine(double baseLr, double minLr, long warmupSteps, long totalSteps) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps < total steps, got " + warmupSteps + " and " + totalSteps);
        }
        this.baseLr = baseLr;
        this.minLr = minLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    /** @return the learning rate of iteration {@code step} (from 0); {@code minLr} past the end */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseLr * step / warmupSteps;
        }
        if (step >= totalSteps) {
            return minLr;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** @return the peak learning rate */
    public double baseLr() {
        return baseLr;
    }
}
