package io.recon4j.train;

/**
 * A learning rate set every iteration: linear warm-up from 0, then a half cosine to {@code minLr}, as
 * MAE's {@code util/lr_sched.adjust_learning_rate} (called with the fractional epoch {@code it / iters_per_epoch + epoch}).
 * BEiT/CAE's {@code cosine_scheduler} draws nearly the same curve: {@link #beit} gives it exactly (its warm-up is a
 * {@code linspace} that reaches the peak one iteration earlier, and its cosine stops one iteration short of
 * {@code minLr}).
 */
public final class WarmupCosine implements LrSchedule {

    private final double baseLr;
    private final double minLr;
    private final long warmupSteps;
    private final long totalSteps;
    private final boolean inclusiveWarmup;

    /**
     * @param baseLr the peak, reached at the end of warm-up
     * @param minLr the value at the last step
     * @param warmupSteps iterations of linear warm-up (0 for none)
     * @param totalSteps iterations of the whole run (more than the warm-up)
     */
    public WarmupCosine(double baseLr, double minLr, long warmupSteps, long totalSteps) {
        this(baseLr, minLr, warmupSteps, totalSteps, false);
    }

    private WarmupCosine(double baseLr, double minLr, long warmupSteps, long totalSteps, boolean inclusiveWarmup) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps < total steps, got " + warmupSteps + " and " + totalSteps);
        }
        this.baseLr = baseLr;
        this.minLr = minLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.inclusiveWarmup = inclusiveWarmup;
    }

    /**
     * BEiT's {@code cosine_scheduler(base, min, epochs, iters_per_epoch, warmup_epochs)}, the official CAE pretraining
     * schedule: warm-up {@code np.linspace(0, base, warmupSteps)} (the peak on its last element), then
     * {@code min + (base - min)·(1 + cos(π·i / (total - warmup)))/2} for i = 0 .. total - warmup - 1.
     */
    public static WarmupCosine beit(double baseLr, double minLr, long warmupSteps, long totalSteps) {
        return new WarmupCosine(baseLr, minLr, warmupSteps, totalSteps, true);
    }

    /** @return the learning rate of iteration {@code step} (from 0); {@code minLr} past the end */
    public double at(long step) {
        if (step < warmupSteps) {
            long span = inclusiveWarmup ? warmupSteps - 1 : warmupSteps;
            return span == 0 ? 0 : baseLr * step / span;
        }
        if (step >= totalSteps) {
            return minLr;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** Iteration {@code epoch · batchesPerEpoch + batch}, for {@link TrainingLoop}. */
    @Override
    public double lr(int epoch, int batch, int batchesPerEpoch) {
        return at((long) epoch * batchesPerEpoch + batch);
    }

    /** @return the peak learning rate */
    public double baseLr() {
        return baseLr;
    }
}
