package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.GlobalQueries;
import io.recon4j.nn.ModuleBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fine-tuning classifier (official {@code PointTransformer}): the ReCon encoder over all groups,
 * without stop-gradient, then a head on [cls, img, text, max-pool of the local tokens] (4C).
 *
 * <p>Checkpoints of the paper's other pretraining methods ({@link PretrainMethod}) fine-tune in the matching
 * architecture: their towers over all groups, each tower's feature concatenated in front of the head.
 * {@code twotower} is the official {@code PointTransformerTwoTower} (stream ALL): the MAE tower with a cls token,
 * feature [cls, max over rows 3..] (the official slice, which skips two local tokens), then the distillation
 * tower's [img, text].
 *
 * <p>Inputs are grouped clouds: neighbourhoods (B, G, K, 3) and centres (B, G, 3).
 */
public final class ReconClassifier extends ModuleBlock {

    private final ReconConfig config;
    private final PretrainMethod method;
    private final List<Tower> towers = new ArrayList<>();
    private final ClassifierHead head;
    private final HeadType headType;
    private final int classes;

    /**
     * One encoder and what the head reads from it.
     *
     * @param encoder the tower
     * @param poolFrom first row of the max-pool over locals, or -1 for the queries alone (the distillation tower)
     */
    private record Tower(ReconEncoder encoder, int poolFrom) {
        long featureWidth(long c) {
            return (encoder.queryCount() + (poolFrom >= 0 ? 1 : 0)) * c;
        }
    }

    /**
     * The ReCon classifier.
     *
     * @param config architecture
     * @param classes K
     * @param headType full, mlp3 or linear
     * @param headTorchDefaultInit initialise the head as PyTorch's default (the official code's state when a
     *     checkpoint is loaded over it); false gives the official training-from-scratch init
     */
    public ReconClassifier(ReconConfig config, int classes, HeadType headType, boolean headTorchDefaultInit) {
        this(PretrainMethod.RECON, config, classes, headType, headTorchDefaultInit, ClassifierHead.DROPOUT);
    }

    /**
     * As above with another dropout rate in the head (official 0.5; the trajectory fixtures set 0 so that train
     * mode is deterministic).
     *
     * @param headDropout rate of the head's two Dropout layers, in [0, 1)
     */
    public ReconClassifier(ReconConfig config, int classes, HeadType headType, boolean headTorchDefaultInit, float headDropout) {
        this(PretrainMethod.RECON, config, classes, headType, headTorchDefaultInit, headDropout);
    }

    /**
     * The classifier for checkpoints of {@code method} (recon and mpm share one).
     *
     * @see #ReconClassifier(ReconConfig, int, HeadType, boolean)
     */
    public ReconClassifier(PretrainMethod method, ReconConfig config, int classes, HeadType headType,
                           boolean headTorchDefaultInit) {
        this(method, config, classes, headType, headTorchDefaultInit, ClassifierHead.DROPOUT);
    }

    /** The classifier for checkpoints of {@code method} with another head dropout rate. */
    public ReconClassifier(PretrainMethod method, ReconConfig config, int classes, HeadType headType,
                           boolean headTorchDefaultInit, float headDropout) {
        this.config = config;
        this.method = method == PretrainMethod.MPM ? PretrainMethod.RECON : method;
        this.headType = headType;
        this.classes = classes;
        if (method.mainStream() != null) {
            ReconEncoder main = module("", new ReconEncoder(config, method.mainStream(), method.mainLayout(true),
                    method.mainStream() == ReconEncoder.Stream.TWO_STREAM));
            // Official slice x[:, 3:] in both fine-tune models; recon4j's one-token smc tower pools every local.
            towers.add(new Tower(main, method == PretrainMethod.SMC ? main.queryCount() : GlobalQueries.COUNT));
        }
        if (method.hasDistillationTower()) {
            towers.add(new Tower(module("Dis_encoder", new ReconEncoder(config, ReconEncoder.Stream.SINGLE_STREAM,
                    GlobalQueries.Layout.DISTILLATION, false)), -1));
        }
        long width = towers.stream().mapToLong(t -> t.featureWidth(config.transDim())).sum();
        head = module("cls_head_finetune", new ClassifierHead(width, classes, headType, headTorchDefaultInit, headDropout));
    }

    /**
     * Builds the classifier whose architecture matches {@code checkpoint} ({@link PretrainMethod#detect}).
     *
     * @param checkpoint pretrained or fine-tuned weights, or null for a ReCon classifier
     */
    public static ReconClassifier forCheckpoint(ReconConfig config, int classes, HeadType headType, Path checkpoint)
            throws IOException {
        PretrainMethod m = checkpoint == null ? PretrainMethod.RECON : PretrainMethod.detect(Weights.fineTuneView(checkpoint));
        return new ReconClassifier(m, config, classes, headType, checkpoint != null);
    }

    /** @return the architecture */
    public ReconConfig config() {
        return config;
    }

    /** @return the pretraining method whose checkpoints this classifier takes (recon for recon and mpm) */
    public PretrainMethod method() {
        return method;
    }

    /** @return the head type */
    public HeadType headType() {
        return headType;
    }

    /** @return the number of classes K */
    public int classes() {
        return classes;
    }

    /** @return the backbone ({@code MAE_encoder} tower; for cmc the distillation tower) */
    public ReconEncoder encoder() {
        return towers.get(0).encoder;
    }

    /**
     * @param neighborhood (B, G, K, 3)
     * @param centers (B, G, 3)
     * @param blockOutputs if not null, receives each block's output
     * @return the first tower's output (B, Q+G, C) after the final LayerNorm (ReCon: Q = 3)
     */
    public NDArray encode(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training, List<NDArray> blockOutputs) {
        return encode(ps, towers.get(0).encoder, neighborhood, centers, training, blockOutputs);
    }

    private static NDArray encode(ParameterStore ps, ReconEncoder encoder, NDArray neighborhood, NDArray centers,
                                  boolean training, List<NDArray> blockOutputs) {
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
        return svmFeature(encoded, GlobalQueries.COUNT);
    }

    /** @param encoded (B, Q+G, C) with Q &gt; 0 @return [max over the Q query rows, max + mean over locals] (B, 2C) */
    private static NDArray svmFeature(NDArray encoded, int q) {
        NDArray queries = encoded.get(new NDIndex(":, :{}, :", q)).max(new int[] {1});
        NDArray locals = encoded.get(new NDIndex(":, {}:, :", q));
        NDArray pooled = locals.max(new int[] {1}).add(locals.mean(new int[] {1}));
        return NDArrays.concat(new NDList(queries, pooled), 1);
    }

    /** @return the width of {@link #feature}: 4C for ReCon, multitask and twotower, 2C for cmc and smc */
    public long featureWidth() {
        return towers.stream().mapToLong(t -> t.featureWidth(config.transDim())).sum();
    }

    /** @return the width of {@link #svmFeature(ParameterStore, NDArray, NDArray)}: 2C per tower */
    public int svmWidth() {
        return 2 * config.transDim() * towers.size();
    }

    /**
     * The head input: each tower's query rows (and max over its locals), concatenated in tower order.
     *
     * @return (B, {@link #featureWidth()})
     */
    public NDArray feature(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training) {
        if (towers.size() == 1 && towers.get(0).poolFrom == GlobalQueries.COUNT && towers.get(0).encoder.queryCount() == 3) {
            return concatFeature(encode(ps, neighborhood, centers, training, null));
        }
        NDList parts = new NDList();
        for (Tower t : towers) {
            NDArray x = encode(ps, t.encoder, neighborhood, centers, training, null);
            long b = x.getShape().get(0);
            parts.add(x.get(new NDIndex(":, :{}, :", t.encoder.queryCount())).reshape(b, -1));
            if (t.poolFrom >= 0) {
                parts.add(x.get(new NDIndex(":, {}:, :", t.poolFrom)).max(new int[] {1}));
            }
        }
        return NDArrays.concat(parts, 1);
    }

    /**
     * The SVM feature: per tower [max over its query rows, max + mean over its locals] (the official runner's for
     * ReCon), concatenated in tower order.
     *
     * @return (B, {@link #svmWidth()})
     */
    public NDArray svmFeature(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training) {
        NDList parts = new NDList();
        for (Tower t : towers) {
            parts.add(svmFeature(encode(ps, t.encoder, neighborhood, centers, training, null), t.encoder.queryCount()));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /** @param feature (B, {@link #featureWidth()}) @return logits (B, K) */
    public NDArray classify(ParameterStore ps, NDArray feature, boolean training) {
        return head.forward(ps, feature, training);
    }

    /**
     * @param neighborhood (B, G, K, 3)
     * @param centers (B, G, 3)
     * @return logits (B, K)
     */
    public NDArray forward(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean training) {
        return classify(ps, feature(ps, neighborhood, centers, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
