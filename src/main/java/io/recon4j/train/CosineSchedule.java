package io.recon4j.train;

/**
 * timm's {@code CosineLRScheduler} as the official runs configure it (t_in_epochs, one cycle,
 * linear warm-up from {@code warmupLrInit}, no warm-up prefix), stepped once per epoch.
 *
 * <p>The official runners call {@code scheduler.step(epoch)} at the <em>end</em> of epoch e, so
 * epoch e trains with lr(e-1) (and epoch 0 with lr(0)). {@link #forEpoch} reproduces that
 * off-by-one; {@link #at} is the plain schedule value.
 */
public final class CosineSchedule implements LrSchedule {

    private final double baseLr;
    private final double minLr;
    private final int epochs;
    private final int warmupEpochs;
    private final double warmupLrInit;

    /**
     * @param baseLr peak learning rate
     * @param minLr {@code lr_min}
     * @param epochs {@code t_initial}
     * @param warmupEpochs {@code warmup_t}
     * @param warmupLrInit {@code warmup_lr_init} (1e-6 in the official configs)
     */
    public CosineSchedule(double baseLr, double minLr, int epochs, int warmupEpochs, double warmupLrInit) {
        if (epochs <= 0 || warmupEpochs < 0) {
            throw new IllegalArgumentException("epochs must be > 0 and warm-up >= 0");
        }
        this.baseLr = baseLr;
        this.minLr = minLr;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
        this.warmupLrInit = warmupLrInit;
    }

    /** @return the schedule value at t (timm {@code _get_lr(t)}) */
    public double at(int t) {
        if (t < warmupEpochs) {
            return warmupLrInit + t * (baseLr - warmupLrInit) / warmupEpochs;
        }
        if (t >= epochs) {
            return minLr; // past the single cycle (cycle_limit = 1)
        }
        return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * t / epochs));
    }

    /** @return the learning rate the official runner trains epoch e with: lr(max(e-1, 0)) */
    public double forEpoch(int epoch) {
        return at(Math.max(epoch - 1, 0));
    }

    /** Per epoch: every batch of epoch e trains with {@link #forEpoch}(e). */
    @Override
    public double lr(int epoch, int batch, int batchesPerEpoch) {
        return forEpoch(epoch);
    }

    /** @return the peak learning rate */
    public double baseLr() {
        return baseLr;
    }
}
