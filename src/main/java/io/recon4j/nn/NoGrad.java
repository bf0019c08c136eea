package io.recon4j.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch.no_grad()}: inside, operations record no autograd graph even within a {@code GradientCollector},
 * so a forward pass costs no graph memory and nothing computed in it can carry a gradient.
 * Grad mode is per thread in libtorch; close on the thread that opened it.
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** @return a scope with gradient recording off until {@link #close()} */
    public static NoGrad open() {
        return new NoGrad();
    }

    /**
     * @param training the module's mode
     * @return true when nothing can need the intermediates for backward: eval mode and gradient recording off on this
     *     thread, so a layer may overwrite or free its activations early
     */
    public static boolean inference(boolean training) {
        return !training && !JniUtils.isGradMode();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
