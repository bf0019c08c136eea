package io.recon4j.eval;

/**
 * A model seen from the evaluation protocols: a batch of clouds in, one row of D floats per cloud out
 * (class logits, or features for the SVM). Implementations run in inference mode.
 */
public interface CloudFunction {

    /** @return D, the row width (K for logits) */
    int width();

    /**
     * @param points coordinates, shape (B, N, 3) row-major
     * @param batch B
     * @param numPoints N
     * @return the rows, shape (B, D) row-major
     */
    float[] apply(float[] points, int batch, int numPoints);
}
