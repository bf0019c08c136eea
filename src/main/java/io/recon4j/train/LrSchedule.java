package io.recon4j.train;

/** A learning rate for every optimizer step of a run. */
@FunctionalInterface
public interface LrSchedule {

    /**
     * @param epoch the epoch (from 0)
     * @param batch the batch within the epoch (from 0)
     * @param batchesPerEpoch batches in every epoch
     * @return the base learning rate of that step (parameter groups scale it)
     */
    double lr(int epoch, int batch, int batchesPerEpoch);
}
