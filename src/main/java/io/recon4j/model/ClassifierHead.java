package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.recon4j.nn.BatchNormLayer;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TorchDefaultInit;

/**
 * The official {@code cls_head_finetune}: (B, 4C) → (B, classes).
 * {@code full}/{@code mlp3}: Linear(4C,256) [0], BN [1], ReLU, Dropout 0.5, Linear(256,256) [4], BN [5], ReLU,
 * Dropout 0.5, Linear(256,K) [8]; {@code linear}: Linear(4C,K) [0].
 */
final class ClassifierHead extends ModuleBlock {

    /** The official head's dropout rate. */
    static final float DROPOUT = 0.5f;

    private final float dropout;

    private final LinearLayer fc0;
    private final BatchNormLayer bn1;
    private final LinearLayer fc4;
    private final BatchNormLayer bn5;
    private final LinearLayer fc8;

    /**
     * @param in 4C
     * @param classes K
     * @param type head type
     * @param torchDefaultInit PyTorch's default Linear init (a head loaded over a checkpoint keeps it);
     *     otherwise trunc-normal 0.02 as the official training from scratch
     * @param dropout rate of the two Dropout layers (official {@link #DROPOUT})
     */
    ClassifierHead(long in, int classes, HeadType type, boolean torchDefaultInit, float dropout) {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("head dropout must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        if (type == HeadType.LINEAR) {
            fc0 = module("0", linear(in, classes, torchDefaultInit));
            bn1 = null;
            fc4 = null;
            bn5 = null;
            fc8 = null;
        } else {
            fc0 = module("0", linear(in, 256, torchDefaultInit));
            bn1 = module("1", new BatchNormLayer(256));
            fc4 = module("4", linear(256, 256, torchDefaultInit));
            bn5 = module("5", new BatchNormLayer(256));
            fc8 = module("8", linear(256, classes, torchDefaultInit));
        }
    }

    private static LinearLayer linear(long in, long out, boolean torchDefault) {
        Initializer w = torchDefault ? new TorchDefaultInit(in) : Inits.truncNormal(0.02f);
        Initializer b = torchDefault ? new TorchDefaultInit(in) : Inits.ZEROS;
        return new LinearLayer(in, out, true, false, w, b);
    }

    /** @param feature (B, 4C) @return logits (B, classes) */
    NDArray forward(ParameterStore ps, NDArray feature, boolean training) {
        NDArray h = fc0.forward(ps, feature, training);
        if (fc8 == null) {
            return h;
        }
        h = fc4.forward(ps, drop(Activation.relu(bn1.forward(ps, h, training)), training), training);
        return fc8.forward(ps, drop(Activation.relu(bn5.forward(ps, h, training)), training), training);
    }

    /** Dropout at this head's rate; p = 0 is the identity, as torch's dropout returns its input then. */
    private NDArray drop(NDArray h, boolean training) {
        return dropout == 0f ? h : Dropout.dropout(h, dropout, training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
