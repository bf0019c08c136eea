package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.ModuleBlock;
import java.util.List;

/**
 * The fine-tuning classifier (official {@code PointTransformer}): the ReCon encoder over all groups,
 * without stop-gradient, then a head on [cls, img, text, max-pool of the local tokens] (4C).
 *
 * <p>Inputs are grouped clouds: neighbourhoods (B, G, K, 3) and centres (B, G, 3).
 */
public final class ReconClassifier extends ModuleBlock {

    private final ReconConfig config;
    private final ReconEncoder encoder;
    private final ClassifierHead head;
    private final HeadType headType;
    private final int classes;

    /**
     * @param config architecture
     * @param classes K
     * @param headType full, mlp3 or linear
     * @param headTorchDefaultInit initialise the head as PyTorch's default (the official code's state when a
     *     checkpoint is loaded over it); false gives the official training-from-scratch init
     */
    public ReconClassifier(ReconConfig config, int classes, HeadType headType, boolean headTorchDefaultInit) {
        this(config, classes, headType, headTorchDefaultInit, ClassifierHead.DROPOUT);
    }

    /**
     * As above with another dropout rate in the head (official 0.5; the trajectory fixtures set 0 so that train
     * mode is deterministic).
     *
     * @param headDropout rate of the head's two Dropout layers, in [0, 1)
     */
    public ReconClassifier(ReconConfig config, int classes, HeadType headType, boolean headTorchDefaultInit, float headDropout) {
        this.config = config;
        this.headType = headType;
        this.classes = classes;
        encoder = module("", new ReconEncoder(config, true));
        head = module("cls_head_finetune", new ClassifierHead(4L * config.transDim(), classes, headType, headTorchDefaultInit,
                headDropout));
    }

    /** @return the architecture */
    public ReconConfig config() {
        return config;
    }

    /** @return the head type */
    public HeadType headType() {
        return headType;
    }

    /** @return the number of classes K */
    public int classes() {
        return classes;
    }

    /** @return the backbone */
    public ReconEncoder encoder() {
        return encoder;
    }

    /**
     * @param neighborhood (B, G, K, 3)
     * @param centers (B, G, 3)
     * @param blockOutputs if not null, receives each block's output
     * @return encoder output (B, 3+G, C) after the final LayerNorm
     */
    public NDArray encode(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training, List<NDArray> blockOutputs) {
        NDArray tokens = encoder.embed(ps, neighborhood, training);
        NDArray pos = encoder.position(ps, centers, training);
        return encoder.transform(ps, tokens, pos, false, training, blockOutputs);
    }

    /** @param encoded (B, 3+G, C) @return the head input [cls, img, text, max over locals] (B, 4C) */
    public static NDArray concatFeature(NDArray encoded) {
        long b = encoded.getShape().get(0);
        NDArray queries = encoded.get(new NDIndex(":, :3, :")).reshape(b, -1);
        NDArray pooled = encoded.get(new NDIndex(":, 3:, :")).max(new int[] {1});
        return NDArrays.concat(new NDList(queries, pooled), 1);
    }

    /**
     * The linear-SVM feature of the official SVM runner: [max over the 3 query outputs, max + mean over locals].
     *
     * @param encoded (B, 3+G, C)
     * @return (B, 2C)
     */
    public static NDArray svmFeature(NDArray encoded) {
        NDArray queries = encoded.get(new NDIndex(":, :3, :")).max(new int[] {1});
        NDArray locals = encoded.get(new NDIndex(":, 3:, :"));
        NDArray pooled = locals.max(new int[] {1}).add(locals.mean(new int[] {1}));
        return NDArrays.concat(new NDList(queries, pooled), 1);
    }

    /** @param feature (B, 4C) @return logits (B, K) */
    public NDArray classify(ParameterStore ps, NDArray feature, boolean training) {
        return head.forward(ps, feature, training);
    }

    /**
     * @param neighborhood (B, G, K, 3)
     * @param centers (B, G, 3)
     * @return logits (B, K)
     */
    public NDArray forward(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training) {
        return classify(ps, concatFeature(encode(ps, neighborhood, centers, training, null)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
