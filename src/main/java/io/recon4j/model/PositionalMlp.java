package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TorchDefaultInit;

/** The positional embedding of group centres: Linear(3 → 128) → GELU → Linear(128 → C) (children {@code 0}, {@code 2}). */
public final class PositionalMlp extends ModuleBlock {

    private final LinearLayer fc0;
    private final LinearLayer fc2;

    /** With the encoder's init (trunc-normal 0.02 weights, zero biases). */
    public PositionalMlp(long channels) {
        this(channels, Inits.truncNormal(0.02f), Inits.ZEROS, Inits.truncNormal(0.02f), Inits.ZEROS);
    }

    /** With PyTorch's default init, as the official decoder's copy is left. */
    public static PositionalMlp torchDefault(long channels) {
        return new PositionalMlp(channels, new TorchDefaultInit(3), new TorchDefaultInit(3),
                new TorchDefaultInit(128), new TorchDefaultInit(128));
    }

    private PositionalMlp(long channels, Initializer w0, Initializer b0, Initializer w2, Initializer b2) {
        fc0 = module("0", new LinearLayer(3, 128, true, false, w0, b0));
        fc2 = module("2", new LinearLayer(128, channels, true, false, w2, b2));
    }

    /** @param centers (B, G, 3) absolute xyz @return (B, G, C) */
    public NDArray forward(ParameterStore ps, NDArray centers, boolean training) {
        return fc2.forward(ps, Activation.gelu(fc0.forward(ps, centers, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
