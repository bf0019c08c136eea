package io.recon4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.recon4j.data.Batch;
import io.recon4j.data.DataLoader;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.eval.ConfusionImage;
import io.recon4j.eval.Evaluation;
import io.recon4j.eval.Evaluator;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.ImportReport;
import io.recon4j.model.Losses;
import io.recon4j.model.ModelCard;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.pth.StateDict;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Supervised fine-tuning of the ReCon classifier, the official recipe ({@code tools/runner_finetune.py}):
 * from scratch or from a checkpoint, AdamW with 10× lr for the {@code cls*} parameters, per-epoch cosine with
 * warm-up, global-norm clip, cross-entropy, train-time FPS-pool subsampling and augmentation; with a
 * mlp3/linear head only the {@code cls*} parameters train, while the model still runs in train mode (so the
 * frozen PointNet's BatchNorm statistics keep moving, as in the official code).
 *
 * <p>Validation: after every epoch the test split is classified (plain FPS, eval mode) and OA, mean class
 * accuracy and loss are logged; {@code ckpt-best.pth} keeps the best OA. Like the official code (and this
 * literature) there is no separate validation split: the best epoch is selected on the test set.
 *
 * <p>Run folder: {@code config.json}, {@code numerics.txt}, {@code metrics.jsonl}, {@code loss.png}, {@code accuracy.png},
 * {@code ckpt-last.pth}, {@code ckpt-best.pth}, and for the best checkpoint {@code confusion.png},
 * {@code confusion.csv} and {@code per-class.md}.
 */
public final class FineTuning implements AutoCloseable {

    /** The metric {@code ckpt-best.pth} is kept by: overall test accuracy in percent. */
    public static final String BEST_METRIC = "test_acc";

    /**
     * How a fine-tuning run ended.
     *
     * @param training the loop's result ({@code best} = best test OA in percent)
     * @param bestEpoch the epoch (from 0) of {@code ckpt-best.pth}, or -1 if none
     * @param best the test-set classification by {@code ckpt-best.pth} (null if none)
     */
    public record Outcome(TrainingLoop.Result training, int bestEpoch, Evaluation best) {
        /** @return the best test OA in percent (NaN if no epoch finished) */
        public double bestAccuracy() {
            return best == null ? Double.NaN : best.accuracy();
        }
    }

    private final FineTuneConfig config;
    private final NDManager manager;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final ReconClassifier model;
    private final ModelClassifier classifier;
    private final GroupedAdamW optimizer;
    private final TrainingLoop<Batch> loop;
    private final RunFolder run;
    private final Consumer<String> log;
    private final ImportReport importReport;
    private double bestSoFar = Double.NaN;

    private FineTuning(FineTuneConfig config, PointCloudDataset train, PointCloudDataset test, RunFolder run, NDManager parent,
                       Consumer<String> log) throws IOException {
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train (" + train.name() + ") and test (" + test.name()
                    + ") have different classes: " + train.classNames() + " vs " + test.classNames());
        }
        ReconConfig mc = config.model();
        this.config = config;
        this.run = run;
        this.log = log == null ? s -> { } : log;
        this.manager = parent.newSubManager();
        int npoints = mc.numPoints();
        trainLoader = DataLoader.builder(train).transform(config.protocol().train(npoints)).batchSize(config.batchSize())
                .shuffle(true).dropLast(true).seed(config.seed()).build();
        testLoader = DataLoader.builder(test).transform(config.protocol().test(npoints)).batchSize(config.batchSize()).build();
        if (trainLoader.batchesPerEpoch() == 0) {
            close();
            // The official train loader drops the last partial batch, so a smaller set trains on nothing.
            throw new IllegalArgumentException(train.name() + " has " + train.size() + " samples, fewer than one batch of "
                    + config.batchSize() + " (the last partial batch is dropped, as officially); lower --batch-size");
        }
        Engine.getInstance().setRandomSeed((int) config.seed());
        boolean fromCheckpoint = config.checkpoint() != null;
        // Official quirk: a head built over a loaded checkpoint keeps PyTorch's default init; from scratch it is re-initialised.
        try {
            // The checkpoint's tensor names decide the architecture (ReCon, or another pretraining method's towers).
            model = ReconClassifier.forCheckpoint(mc, train.classNames().size(), config.head(),
                    fromCheckpoint ? Path.of(config.checkpoint()) : null);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        model.initialize(manager);
        if (fromCheckpoint) {
            try {
                importReport = Weights.loadIntoClassifier(model, Path.of(config.checkpoint()));
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            this.log.accept(config.checkpoint() + ": " + importReport.describe().strip());
        } else {
            importReport = null;
        }
        if (config.head().freezesBackbone()) {
            freezeAllButCls(model);
        }
        classifier = new ModelClassifier(model, manager);
        optimizer = optimizer(model, config.weightDecay(), config.headLrScale(), manager);
        loop = new TrainingLoop<>(model, manager, optimizer, TrainingLoop.of(trainLoader),
                new TrainingLoop.Options(config.epochs(), config.schedule(), config.clipNorm(), config.seed(), config.toJson(),
                        BEST_METRIC),
                run, (ps, batch, epoch, index, step, logs) -> objective(model.forward(ps,
                        model.patching().patchify(batch.points(), batch.size(), step), true), batch.labels(), step, logs));
        loop.onEpochEnd(this::validate);
        loop.checkpointEntry(ModelCard.ENTRY, ModelCard.finetuned(mc, model.method(), config.head(), train.classNames(),
                train.upAxis(), config.protocol() == FineTuneConfig.Protocol.SCANOBJECTNN ? ModelCard.NO_NORMALIZATION
                        : ModelCard.PC_NORM).toEntry());
    }

    /** AdamW over the trainable tensors of {@code model} with the official fine-tuning groups (cls* at {@code headLrScale}×). */
    static GroupedAdamW optimizer(ReconClassifier model, float weightDecay, float headLrScale, NDManager manager) {
        return new GroupedAdamW(manager, GroupedAdamW.select(model.stateDict(), k -> true),
                ParamGroups.finetuning(weightDecay, headLrScale));
    }

    /**
     * The loss of one step: cross-entropy of {@code logits} against {@code labels}; logs the batch accuracy (percent)
     * as {@code acc}.
     *
     * @param logits (B, classes)
     * @param labels B class indices
     */
    static NDArray objective(NDArray logits, int[] labels, NDManager step, Map<String, NDArray> logs) {
        NDArray target = step.create(toLong(labels));
        logs.put("acc", logits.argMax(1).eq(target).toType(DataType.FLOAT32, false).mean().mul(100f));
        return Losses.crossEntropy(logits, target);
    }

    /**
     * Freezes (no gradient, not optimised) every parameter whose official name lacks "cls", as the official
     * runner does for mlp3/linear heads.
     */
    static void freezeAllButCls(ReconClassifier model) {
        for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
            if (!e.getKey().contains("cls") && e.getValue().requiresGradient()) {
                e.getValue().freeze(true);
            }
        }
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private Map<String, Double> validate(int epoch) {
        Evaluation e = evaluate();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(BEST_METRIC, e.accuracy());
        m.put("test_macc", e.meanClassAccuracy());
        m.put("test_loss", e.loss());
        if (Double.isNaN(bestSoFar) || e.accuracy() > bestSoFar) {
            bestSoFar = e.accuracy();
        }
        log.accept(String.format(Locale.ROOT, "epoch %d/%d: test OA %.2f %%, mAcc %.2f %%, loss %.4f (best OA %.2f %%)",
                epoch + 1, config.epochs(), e.accuracy(), e.meanClassAccuracy(), e.loss(), bestSoFar));
        return m;
    }

    /** @return the test split classified by the current weights (eval mode, plain FPS) */
    public Evaluation evaluate() {
        return Evaluation.of(Evaluator.collect(classifier.logits(), testLoader, 0, "validate"),
                testLoader.dataset().classNames());
    }

    /**
     * Prepares a run: loaders, model (seeded init, checkpoint loaded if configured), freezing, optimizer and loop.
     * Close it when done.
     *
     * @param config the run's definition
     * @param train training split
     * @param test test split (validated on after every epoch)
     * @param run output folder
     * @param parent parent manager; the model lives in a sub-manager closed by {@link #close()}
     * @param log receives one line per epoch and the checkpoint import report (may be null)
     */
    public static FineTuning create(FineTuneConfig config, PointCloudDataset train, PointCloudDataset test, RunFolder run,
                                    NDManager parent, Consumer<String> log) throws IOException {
        return new FineTuning(config, train, test, run, parent, log);
    }

    /** Runs (or resumes) fine-tuning and writes the reports; see {@link #create} and {@link #train}. */
    public static Outcome run(FineTuneConfig config, PointCloudDataset train, PointCloudDataset test, RunFolder run, boolean resume,
                              NDManager parent, Consumer<String> log) throws IOException {
        try (FineTuning f = create(config, train, test, run, parent, log)) {
            return f.train(resume);
        }
    }

    /**
     * Trains to the end (or until stopped), then plots accuracy, reloads {@code ckpt-best.pth} into the model and
     * writes its {@code confusion.png} and {@code per-class.md}. Afterwards {@link #model()} holds the best weights.
     */
    public Outcome train(boolean resume) throws IOException {
        if (resume && Files.exists(run.resolve("metrics.jsonl"))) {
            for (Map<String, Object> r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
                if (r.get(BEST_METRIC) instanceof Double d && (Double.isNaN(bestSoFar) || d > bestSoFar)) {
                    bestSoFar = d;
                }
            }
        }
        TrainingLoop.Result r = loop.run(resume);
        plotAccuracy();
        Path best = run.resolve("ckpt-best.pth");
        if (!Files.exists(best)) {
            return new Outcome(r, -1, null);
        }
        StateDict sd = StateDict.read(best);
        Weights.load(model, sd);
        int bestEpoch = sd.extras().get("epoch") instanceof Number n ? n.intValue() : -1;
        Evaluation e = evaluate();
        String title = String.format(Locale.ROOT, "%s, ckpt-best (epoch %d): OA %.2f %%, mAcc %.2f %%",
                testLoader.dataset().name(), bestEpoch + 1, e.accuracy(), e.meanClassAccuracy());
        ConfusionImage.write(e.matrix(), title, run.resolve("confusion.png"));
        run.writeText("per-class.md", "# Per-class test accuracy\n\n" + title + "\n\n" + e.matrix().toMarkdown());
        run.writeText("confusion.csv", e.matrix().toCsv());
        return new Outcome(r, bestEpoch, e);
    }

    private void plotAccuracy() {
        Path metrics = run.resolve("metrics.jsonl");
        try {
            if (Files.exists(metrics)) {
                Plots.lines(MetricsLog.read(metrics), "epoch", "epoch", List.of("acc", BEST_METRIC, "test_macc"),
                        "accuracy % (acc: train batches; test_acc: OA; test_macc: mean class)", run.resolve("accuracy.png"), false);
            }
        } catch (IOException | RuntimeException e) {
            // A plot is a convenience: never let it fail the run.
            log.accept("warning: could not plot " + metrics + ": " + e.getMessage());
        }
    }

    /** @return what loading the checkpoint did, if the run starts from one */
    public Optional<ImportReport> importReport() {
        return Optional.ofNullable(importReport);
    }

    /** @return the training loop (to add a step listener or request a stop) */
    public TrainingLoop<Batch> loop() {
        return loop;
    }

    /** @return the model being trained */
    public ReconClassifier model() {
        return model;
    }

    /** @return the optimizer (its parameters are the trainable ones) */
    public GroupedAdamW optimizer() {
        return optimizer;
    }

    /** @return the run's definition */
    public FineTuneConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        trainLoader.close();
        if (testLoader != null) {
            testLoader.close();
        }
        manager.close();
    }
}
