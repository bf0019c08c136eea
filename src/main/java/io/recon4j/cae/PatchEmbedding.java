package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.Inits;
import io.recon4j.nn.ModuleBlock;

/**
 * ViT's {@code PatchEmbed}: {@code proj} = Conv2d(C, D, kernel p, stride p), one token per non-overlapping
 * p×p patch, patches in row-major order. (B, C, H, W) → (B, P, D).
 */
final class PatchEmbedding extends ModuleBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final int patch;

    PatchEmbedding(int channels, int dim, int patch) {
        this.patch = patch;
        // The official init: trunc-normal(0.02) cut at ±0.02 (the xavier re-init touches Linear layers only).
        weight = parameter("proj.weight", new Shape(dim, channels, patch, patch), Parameter.Type.WEIGHT,
                Inits.truncNormalWithinStd(CaeConfig.INIT_STD));
        bias = parameter("proj.bias", new Shape(dim), Parameter.Type.BIAS, Inits.ZEROS);
    }

    /** @param images (B, C, H, W) @return (B, P, D) */
    NDArray forward(ParameterStore ps, NDArray images, boolean training) {
        NDArray y = Conv2d.conv2d(images, ps.getValue(weight, images.getDevice(), training),
                ps.getValue(bias, images.getDevice(), training), new Shape(patch, patch)).singletonOrThrow();
        long[] s = y.getShape().getShape();
        return y.reshape(s[0], s[1], s[2] * s[3]).transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
