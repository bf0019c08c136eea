package io.recon4j.train;

/** The loss or the gradients became NaN or infinite: training stopped, the last good checkpoint is kept. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what diverged, where, and which checkpoint remains */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
