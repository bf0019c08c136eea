package io.recon4j.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.recon4j.nn.ModuleBlock;
import java.util.Map;

/** A model's parameters and buffers by official name, read as float arrays for the graph's initializers. */
final class StateTensors {

    /** @param data row-major values @param shape their shape */
    record Tensor(float[] data, long[] shape) {
    }

    private final Map<String, Parameter> params;

    StateTensors(ModuleBlock model) {
        this.params = model.stateDict();
    }

    /** @return whether the model has a tensor of that name */
    boolean contains(String name) {
        return params.containsKey(name);
    }

    /** @throws IllegalArgumentException if the model has no such tensor */
    Tensor get(String name) {
        Parameter p = params.get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalArgumentException("the model has no initialised tensor '" + name + "'");
        }
        NDArray a = p.getArray();
        return new Tensor(a.toFloatArray(), a.getShape().getShape());
    }
}
