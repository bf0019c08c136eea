package io.recon4j.teacher;

/**
 * A frozen teacher of cross-modal distillation: it maps one input (a text prompt, or the rendered views of
 * one shape) to a fixed-size float feature. Teachers never train; their features are cached on disk
 * under {@link #identity()}.
 */
public interface Teacher extends AutoCloseable {

    /**
     * A string that changes whenever the features could change (weights, preprocessing, pooling), e.g.
     * a model name plus a hash of its file. It keys the {@link FeatureCache}, so two teachers with the same
     * identity must give the same features.
     */
    String identity();

    /** @return D, the length of every feature */
    int dimension();

    /** Releases native resources; the default does nothing. */
    @Override
    default void close() {
    }
}
