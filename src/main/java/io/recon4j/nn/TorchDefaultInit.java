package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default {@code nn.Linear}/{@code nn.Conv1d} initialisation (kaiming-uniform with a=√5):
 * weight and bias ~ U(-1/√fan_in, 1/√fan_in). The official code leaves some layers at this default
 * (the decoder's positional MLP, {@code increase_dim}, a fine-tune head loaded over a checkpoint).
 */
public final class TorchDefaultInit implements Initializer {

    private final long fanIn;

    /** @param fanIn input features (times kernel size for convolutions) */
    public TorchDefaultInit(long fanIn) {
        this.fanIn = fanIn;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
