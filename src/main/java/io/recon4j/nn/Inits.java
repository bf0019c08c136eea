package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;

/** The initialisations the official code uses, as DJL initializers. */
public final class Inits {

    /** Zeros (biases, LayerNorm bias, running mean). */
    public static final Initializer ZEROS = new ConstantInitializer(0f);
    /** Ones (LayerNorm/BatchNorm weight, running variance). */
    public static final Initializer ONES = new ConstantInitializer(1f);

    private Inits() {
    }

    /**
     * timm's {@code trunc_normal_(std)}: bounds are the absolute values ±2, i.e. essentially never hit
     * at std 0.02, so this is N(mean, std²) clipped to [-2, 2].
     */
    public static Initializer truncNormal(float std) {
        return normal(0f, std);
    }

    /** N(mean, std²) clipped to [-2, 2] (the projection heads use mean 0.02, std 0.01). */
    public static Initializer normal(float mean, float std) {
        return (NDManager m, Shape shape, DataType type) -> {
            NDArray a = m.randomNormal(mean, std, shape, type);
            return a.clip(-2f, 2f);
        };
    }

    /** torch {@code randn}: N(0, 1), unclipped (the two-tower DisTransformer's query positions). */
    public static Initializer standardNormal() {
        return (NDManager m, Shape shape, DataType type) -> m.randomNormal(0f, 1f, shape, type);
    }

    /**
     * BEiT/CAE's {@code trunc_normal_(std)} wrapper, which truncates at ±std (a=-std, b=std), not at ±2:
     * torch's inverse-CDF method, erfinv of a uniform draw between the normal CDF at -1 and +1 (mapped to [-1, 1]).
     */
    public static Initializer truncNormalWithinStd(float std) {
        float edge = 0.6826894921370859f; // erf(1/√2) = 2·Φ(1) - 1
        return (NDManager m, Shape shape, DataType type) -> {
            NDArray u = m.randomUniform(-edge, edge, shape, type);
            return u.erfinv().mul((float) (std * Math.sqrt(2))).clip(-std, std);
        };
    }

    /** torch {@code xavier_uniform_}: U(-b, b) with b = sqrt(6 / (fan_in + fan_out)), fans of a (out, in, ...) weight. */
    public static Initializer xavierUniform() {
        return (NDManager m, Shape shape, DataType type) -> {
            long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
            double fanIn = shape.get(1) * receptive;
            double fanOut = shape.get(0) * receptive;
            float b = (float) Math.sqrt(6.0 / (fanIn + fanOut));
            return m.randomUniform(-b, b, shape, type);
        };
    }
}
