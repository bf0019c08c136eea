package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.recon4j.train.MomentumSgd;
import java.util.Map;

/**
 * A trainable classifier on top of a frozen encoder's tokens, with the optimizer of its official protocol.
 * Implemented by {@link LinearProbe} and {@link AttentiveProbe}.
 */
public interface ProbeHead {

    /** Which encoder output the head reads; it decides what the trainer caches. */
    enum Input {
        /** Token 0 only: features (B, D). */
        CLS_TOKEN,
        /** Every token: features (B, T, D). */
        ALL_TOKENS
    }

    /** @return what the head reads */
    Input input();

    /**
     * @param features (B, D) cls tokens for {@link Input#CLS_TOKEN}, (B, T, D) tokens for {@link Input#ALL_TOKENS}
     * @param training batch statistics in the BatchNorm (and their running update) when true
     * @return (B, K) class logits
     */
    NDArray forward(ParameterStore ps, NDArray features, boolean training);

    /**
     * @param manager owner of the optimizer state
     * @return the official protocol's optimizer over the head's trainable parameters
     */
    MomentumSgd optimizer(NDManager manager);

    /** @return one line for reports, e.g. the layers and the optimizer */
    String describe();

    /** @return parameters and buffers by official name (see {@link io.recon4j.nn.ModuleBlock#stateDict()}) */
    Map<String, Parameter> stateDict();

    /** Creates the parameters (shapes are fixed at construction; the input shapes are ignored). */
    void initialize(NDManager manager, DataType dataType, Shape... inputShapes);
}
