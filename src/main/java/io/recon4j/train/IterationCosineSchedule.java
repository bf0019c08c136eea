package io.recon4j.train;

/**
 * BEiT's {@code cosine_scheduler} as CAE pretraining uses it: a value per optimizer iteration, a linear
 * warm-up from {@code warmupStart} to the peak over the first {@code warmupEpochs · batchesPerEpoch}
 * iterations ({@code np.linspace}, both ends included), then a half cosine from the peak down to
 * {@code minLr} over the remaining iterations.
 */
public final class IterationCosineSchedule implements LrSchedule {

    private final double baseLr;
    private final double minLr;
    private final int epochs;
    private final int warmupEpochs;
    private final double warmupStart;

    /**
     * @param baseLr peak learning rate (CAE: 1.5e-3)
     * @param minLr the cosine's floor (CAE: 1e-5)
     * @param epochs epochs of the run
     * @param warmupEpochs warm-up epochs (CAE: 10/20/40 for 300/800/1600 epochs)
     * @param warmupStart first warm-up value (BEiT/CAE: 0)
     */
    public IterationCosineSchedule(double baseLr, double minLr, int epochs, int warmupEpochs, double warmupStart) {
        if (epochs <= 0 || warmupEpochs < 0 || warmupEpochs > epochs) {
            throw new IllegalArgumentException("need epochs > 0 and 0 <= warm-up <= epochs, got " + epochs + " and "
                    + warmupEpochs);
        }
        this.baseLr = baseLr;
        this.minLr = minLr;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
        this.warmupStart = warmupStart;
    }

    @Override
    public double lr(int epoch, int batch, int batchesPerEpoch) {
        return at((long) epoch * batchesPerEpoch + batch, batchesPerEpoch);
    }

    /**
     * @param iteration global iteration from 0
     * @param batchesPerEpoch iterations per epoch
     * @return the schedule's value (its last value past the end, as the official array would be indexed)
     */
    public double at(long iteration, int batchesPerEpoch) {
        long warmup = (long) warmupEpochs * batchesPerEpoch;
        long total = (long) epochs * batchesPerEpoch;
        long it = Math.min(iteration, total - 1);
        if (it < warmup) {
            // np.linspace(start, base, warmup) reaches the peak on its last element.
            return warmup == 1 ? warmupStart : warmupStart + (baseLr - warmupStart) * it / (warmup - 1);
        }
        long cosine = total - warmup;
        return minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * (it - warmup) / cosine));
    }
}
