package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.ModuleBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * <pre>
 * patches  = PointPatching(points)               (B, N, 3) → (B, G, K, 3), (B, G, 3)
 * features = forwardFeatures(patches)            per tower (B, Q+G, C)
 * logits   = forwardHead(features)               head(pre-logits (B, 4C)) → (B, classes)
 * </pre>
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

    /** How the head's weights start. */
    public enum HeadInit {
        /** The official training-from-scratch init (trunc-normal linear weights). */
        FROM_SCRATCH,
        /** PyTorch's default init: the official head's state when a checkpoint is loaded over it. */
        PYTORCH_DEFAULT
    }

    /**
     * Starts a classifier.
     *
     * @param config architecture (G, K for the patching; C, depth, heads for the encoder)
     * @return a builder: {@code setClasses} is required; head FULL, method recon, head init from scratch and the
     *     official head dropout by default
     */
    public static Builder builder(ReconConfig config) {
        return new Builder(config);
    }

    /** DJL-style builder: required {@code set…}, optional {@code opt…}, {@link #build()} validates. */
    public static final class Builder {
        private final ReconConfig config;
        private int classes = -1;
        private HeadType headType = HeadType.FULL;
        private PretrainMethod method = PretrainMethod.RECON;
        private HeadInit headInit = HeadInit.FROM_SCRATCH;
        private float headDropout = ClassifierHead.DROPOUT;

        private Builder(ReconConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
        }

        /** @param classes the number of classes, the head's width */
        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /** @param headType full, mlp3 or linear */
        public Builder optHead(HeadType headType) {
            this.headType = java.util.Objects.requireNonNull(headType, "headType");
            return this;
        }

        /** @param method the pretraining method whose checkpoints the classifier takes (mpm is recon) */
        public Builder optMethod(PretrainMethod method) {
            this.method = java.util.Objects.requireNonNull(method, "method");
            return this;
        }

        /** @param headInit how the head starts ({@link HeadInit#PYTORCH_DEFAULT} when a checkpoint is loaded over it) */
        public Builder optHeadInit(HeadInit headInit) {
            this.headInit = java.util.Objects.requireNonNull(headInit, "headInit");
            return this;
        }

        /** @param rate the head's Dropout rate in [0, 1) (official 0.5; the trajectory fixtures use 0) */
        public Builder optHeadDropout(float rate) {
            this.headDropout = rate;
            return this;
        }

        /** @return the classifier (not yet initialised) */
        public ReconClassifier build() {
            if (classes <= 0) {
                throw new IllegalArgumentException("setClasses: need at least one class, got " + classes);
            }
            if (!(headDropout >= 0 && headDropout < 1)) {
                throw new IllegalArgumentException("optHeadDropout: need a rate in [0, 1), got " + headDropout);
            }
            return new ReconClassifier(this);
        }
    }

    private ReconClassifier(Builder b) {
        ReconConfig config = b.config;
        PretrainMethod method = b.method;
        this.config = config;
        this.method = method == PretrainMethod.MPM ? PretrainMethod.RECON : method;
        this.headType = b.headType;
        this.classes = b.classes;
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
        head = module("cls_head_finetune", new ClassifierHead(width, b.classes, b.headType,
                b.headInit == HeadInit.PYTORCH_DEFAULT, b.headDropout));
    }

    /**
     * Builds the classifier whose architecture matches {@code checkpoint} ({@link PretrainMethod#detect}), its head
     * at PyTorch's default init (as the official model's before loading).
     *
     * @param checkpoint pretrained or fine-tuned weights, or null for a ReCon classifier from scratch
     */
    public static ReconClassifier forCheckpoint(ReconConfig config, int classes, HeadType headType, Path checkpoint)
            throws IOException {
        PretrainMethod m = checkpoint == null ? PretrainMethod.RECON : PretrainMethod.detect(Weights.fineTuneView(checkpoint));
        return builder(config).setClasses(classes).optHead(headType).optMethod(m)
                .optHeadInit(checkpoint == null ? HeadInit.FROM_SCRATCH : HeadInit.PYTORCH_DEFAULT).build();
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

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    /** @return the backbone ({@code MAE_encoder} tower; for cmc the distillation tower) */
    public ReconEncoder encoder() {
        return towers.get(0).encoder;
    }

    /** @return the patching (FPS + kNN, G and K from the config) that the encoder applies to (B, N, 3) points */
    public PointPatching patching() {
        return towers.get(0).encoder.patching();
    }

    /**
     * The first tower over every patch.
     *
     * @param blockOutputs if not null, receives each block's output
     * @return its (B, Q+G, C) rows after the final LayerNorm (ReCon: cls, img, text, locals)
     */
    public Tokens encode(ParameterStore ps, Patches patches, boolean training, List<NDArray> blockOutputs) {
        return towers.get(0).encoder.encode(ps, patches, training, blockOutputs);
    }

    /**
     * timm's {@code forward_features}: every tower over every patch.
     *
     * @return each tower's (B, Q+G, C) rows, in tower order
     */
    public List<Tokens> forwardFeatures(ParameterStore ps, Patches patches, boolean training) {
        List<Tokens> out = new ArrayList<>(towers.size());
        for (Tower t : towers) {
            out.add(t.encoder.encode(ps, patches, training, null));
        }
        return out;
    }

    /**
     * The head input (timm's {@code pre_logits}): each tower's query rows (and max over its locals), concatenated in
     * tower order; ReCon: [cls, img, text, max over locals].
     *
     * @param features {@link #forwardFeatures}' output
     * @return (B, {@link #featureWidth()})
     */
    public NDArray preLogits(List<Tokens> features) {
        NDList parts = new NDList();
        for (int i = 0; i < towers.size(); i++) {
            Tokens x = features.get(i);
            long b = x.x().getShape().get(0);
            parts.add(x.queries().reshape(b, -1));
            if (towers.get(i).poolFrom >= 0) {
                parts.add(x.rowsFrom(towers.get(i).poolFrom).max(new int[] {1}));
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /**
     * timm's {@code forward_head}: pooling, then the head.
     *
     * @return logits (B, classes)
     */
    public NDArray forwardHead(ParameterStore ps, List<Tokens> features, boolean training) {
        return classify(ps, preLogits(features), training);
    }

    /**
     * The SVM feature: per tower [max over its query rows, max + mean over its locals] (the official runner's for
     * ReCon), concatenated in tower order.
     *
     * @return (B, {@link #svmWidth()})
     */
    public NDArray svmFeature(List<Tokens> features) {
        return svmFeature(features, SvmPart.BOTH);
    }

    /** @return (B, {@link #svmWidth(SvmPart)}) the {@code part} of each tower's SVM feature, in tower order */
    NDArray svmFeature(List<Tokens> features, SvmPart part) {
        NDList parts = new NDList();
        for (Tokens x : features) {
            if (part != SvmPart.LOCALS) {
                parts.add(x.queries().max(new int[] {1}));
            }
            if (part != SvmPart.QUERIES) {
                NDArray locals = x.locals();
                parts.add(locals.max(new int[] {1}).add(locals.mean(new int[] {1})));
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /** @return the width of {@link #preLogits}: 4C for ReCon, multitask and twotower, 2C for cmc and smc */
    public long featureWidth() {
        return towers.stream().mapToLong(t -> t.featureWidth(config.transDim())).sum();
    }

    /** @return the width of {@link #svmFeature}: 2C per tower */
    public int svmWidth() {
        return svmWidth(SvmPart.BOTH);
    }

    /** @return the width of {@code part} of the SVM feature over every tower */
    public int svmWidth(SvmPart part) {
        return part.width(config.transDim()) * towers.size();
    }

    /** @return (B, {@link #featureWidth()}) the head input of {@code patches} */
    public NDArray feature(ParameterStore ps, Patches patches, boolean training) {
        return preLogits(forwardFeatures(ps, patches, training));
    }

    /** @return (B, {@link #svmWidth()}) the SVM feature of {@code patches} */
    public NDArray svmFeature(ParameterStore ps, Patches patches, boolean training) {
        return svmFeature(forwardFeatures(ps, patches, training));
    }

    /**
     * One tower's SVM feature alone (only that tower runs): separates what each tower of a two-tower or multi-tower
     * checkpoint contributes from the width of their concatenation.
     *
     * @param tower 0 for {@code MAE_encoder} (cmc: the distillation tower), 1 for {@code Dis_encoder}
     * @return (B, 2C)
     */
    public NDArray svmFeature(ParameterStore ps, Patches patches, boolean training, int tower) {
        return svmFeature(ps, patches, training, tower, SvmPart.BOTH);
    }

    /**
     * One part of the SVM feature ({@link SvmPart}): of every tower, or of one tower alone (only that tower runs).
     *
     * @param tower a tower index, or -1 for every tower
     * @return (B, {@code part.width(C)} per tower probed)
     */
    public NDArray svmFeature(ParameterStore ps, Patches patches, boolean training, int tower, SvmPart part) {
        if (tower < -1 || tower >= towers.size()) {
            throw new IllegalArgumentException("tower " + tower + ": this " + method.name().toLowerCase(Locale.ROOT)
                    + " classifier has " + towers.size() + " tower(s), 0.." + (towers.size() - 1));
        }
        List<Tokens> features = tower < 0 ? forwardFeatures(ps, patches, training)
                : List.of(towers.get(tower).encoder.encode(ps, patches, training, null));
        return svmFeature(features, part);
    }

    /** @return the number of towers (2 for twotower, 1 otherwise) */
    public int towerCount() {
        return towers.size();
    }

    /** @param feature (B, {@link #featureWidth()}) @return logits (B, classes) */
    public NDArray classify(ParameterStore ps, NDArray feature, boolean training) {
        return head.forward(ps, feature, training);
    }

    /**
     * @param points (B, N, 3) clouds, patched by the encoder
     * @return logits (B, classes)
     */
    public NDArray forward(ParameterStore ps, NDArray points, boolean training) {
        return forward(ps, patching().patchify(points), training);
    }

    /** @return logits (B, classes) of patches already made ({@link Patches#of} for ones grouped elsewhere) */
    public NDArray forward(ParameterStore ps, Patches patches, boolean training) {
        return forwardHead(ps, forwardFeatures(ps, patches, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // (B, N, 3) points; or pre-grouped (neighbourhoods, centres)
        Patches p = inputs.size() == 1 ? patching().patchify(inputs.get(0)) : Patches.of(inputs.get(0), inputs.get(1));
        return new NDList(forward(ps, p, training));
    }
}
