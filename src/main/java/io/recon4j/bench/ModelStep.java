package io.recon4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.data.Seeds;
import io.recon4j.geometry.Grouping;
import io.recon4j.model.Masking;
import io.recon4j.model.Patches;
import io.recon4j.model.PretrainOutput;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.NoGrad;
import io.recon4j.train.GradClip;
import io.recon4j.train.GroupedAdamW;
import io.recon4j.train.ParamGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One benchmarked configuration: a model, its optimizer, and a step that does what a real training
 * (or inference) step does, timed phase by phase. Mirrors {@code TrainingLoop.trainStep}: every step runs
 * in a sub-manager of the model's manager, under one {@link GradientCollector}, reads the loss terms,
 * measures (and for fine-tuning clips) the global gradient norm, then takes one AdamW step.
 *
 * <p>Pretraining feeds zero teacher features (B, 768) and (B, 512) so that both cross-modal heads run,
 * like the peer, which fed fixed feature tensors; teacher cost is excluded.
 */
final class ModelStep implements AutoCloseable {

    /** Official weight decay of pretraining and fine-tuning. */
    private static final float WEIGHT_DECAY = 0.05f;
    /** Official fine-tuning gradient clip. */
    private static final double FINETUNE_CLIP = 10;
    /** Fine-tuning: 10× learning rate for names containing "cls". */
    private static final float HEAD_LR_SCALE = 10f;
    /** A typical learning rate: the value does not change the cost. */
    private static final double LR = 5e-4;

    /**
     * Seconds spent in one step.
     *
     * @param group FPS + kNN in Java
     * @param forward upload, masking, forward pass and loss
     * @param backward autograd backward
     * @param optimizer loss read-out, gradient norm (+ clip) and the AdamW update (0 for inference)
     * @param total the whole step
     */
    record Times(double group, double forward, double backward, double optimizer, double total) {
    }

    private final ReconConfig config;
    private final Phase phase;
    private final int classes;
    private final long seed;
    private final NDManager manager;
    private final ParameterStore ps;
    private final ReconPretrainer pretrainer;
    private final ReconClassifier classifier;
    private final GroupedAdamW optimizer;
    private final List<Parameter> trainable;
    private long steps;

    /**
     * Builds and initialises the model in a sub-manager of {@code parent}.
     *
     * @param config architecture
     * @param phase what a step does
     * @param classes classes of the classifier head (fine-tuning, inference)
     * @param batch B, used to initialise the model
     * @param parent parent manager; {@link #close()} releases everything
     * @param seed seed of the initialisation and of every random draw
     */
    ModelStep(ReconConfig config, Phase phase, int classes, int batch, NDManager parent, long seed) {
        this.config = config;
        this.phase = phase;
        this.classes = classes;
        this.seed = seed;
        this.manager = parent.newSubManager();
        Engine.getInstance().setRandomSeed((int) seed);
        ModuleBlock model;
        if (phase == Phase.PRETRAIN) {
            pretrainer = ReconPretrainer.builder(config).optImageTeacher(ModelFlops.IMG_DIM)
                    .optTextTeacher(ModelFlops.TEXT_DIM).build();
            classifier = null;
            model = pretrainer;
        } else {
            pretrainer = null;
            classifier = ReconClassifier.builder(config).setClasses(classes).build();
            model = classifier;
        }
        model.initialize(manager);
        ps = new ParameterStore(manager, false);
        Map<String, Parameter> params = GroupedAdamW.select(model.stateDict(), k -> true);
        trainable = new ArrayList<>(params.values());
        optimizer = !phase.training() ? null : new GroupedAdamW(manager, params, phase == Phase.PRETRAIN
                ? ParamGroups.pretraining(WEIGHT_DECAY) : ParamGroups.finetuning(WEIGHT_DECAY, HEAD_LR_SCALE));
    }

    /** @return the number of trainable parameters (buffers excluded) */
    long parameterCount() {
        return trainable.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** @return the model's manager (parameters, buffers and optimizer state live here) */
    NDManager manager() {
        return manager;
    }

    /**
     * Runs one step.
     *
     * @param clouds (B, N, 3) row-major points, N = {@code config.numPoints()}
     * @param labels (B) class labels (fine-tuning only)
     * @return the time spent in each phase
     */
    Times step(float[] clouds, long[] labels) {
        int batch = labels.length;
        long t0 = System.nanoTime();
        Grouping grouping = (pretrainer != null ? pretrainer.patching() : classifier.patching())
                .group(clouds, batch, config.numPoints());
        long t1 = System.nanoTime();
        long t2;
        long t3;
        try (NDManager sm = manager.newSubManager()) {
            // Like TrainingLoop: every random draw of the step (drop path, dropout, masks) keyed by the step.
            Engine.getInstance().setRandomSeed((int) Seeds.mix(seed, steps));
            if (!phase.training()) {
                try (NoGrad off = NoGrad.open()) { // as ModelClassifier: inference records no autograd graph
                    classifier.forward(ps, Patches.of(grouping, sm), false).toFloatArray();
                }
                t2 = System.nanoTime();
                steps++;
                return times(t0, t1, t2, t2, t2);
            }
            NDArray loss;
            List<NDArray> terms = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = phase == Phase.PRETRAIN ? pretrainLoss(sm, grouping, terms) : finetuneLoss(sm, grouping, labels);
                loss.getFloat(); // CPU ops are synchronous: this only fixes the end of the forward pass on other devices
                t2 = System.nanoTime();
                gc.backward(loss);
                t3 = System.nanoTime();
            }
            for (NDArray t : terms) {
                t.getFloat();
            }
            GradClip.norm(trainable, phase == Phase.FINETUNE ? FINETUNE_CLIP : 0, sm);
            optimizer.step(LR);
        }
        long t4 = System.nanoTime();
        steps++;
        return times(t0, t1, t2, t3, t4);
    }

    private static Times times(long t0, long t1, long t2, long t3, long t4) {
        return new Times((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t4 - t0) / 1e9);
    }

    private NDArray pretrainLoss(NDManager sm, Grouping grouping, List<NDArray> terms) {
        int batch = grouping.batch();
        boolean[] mask = Masking.RAND.sample(grouping.centers(), batch, config.numGroups(), config.maskRatio(),
                new SplittableRandom(Seeds.mix(seed ^ 0x6D61736BL, steps)));
        NDArray img = sm.zeros(new Shape(batch, ModelFlops.IMG_DIM));
        NDArray text = sm.zeros(new Shape(batch, ModelFlops.TEXT_DIM));
        PretrainOutput out = pretrainer.forward(ps, Patches.of(grouping, sm), mask, img, text, true);
        terms.addAll(out.losses().values());
        return out.total();
    }

    private NDArray finetuneLoss(NDManager sm, Grouping grouping, long[] labels) {
        NDArray logits = classifier.forward(ps, Patches.of(grouping, sm), true);
        return crossEntropy(logits, sm.create(labels));
    }

    /** {@code nn.CrossEntropyLoss()}: mean over the batch of −log softmax(logits)[label]. @param logits (B, classes) @param labels (B) int64 */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long b = logits.getShape().get(0);
        return logits.logSoftmax(1).gather(labels.reshape(b, 1), 1).mean().neg();
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        manager.close();
    }
}
