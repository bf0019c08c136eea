package io.recon4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.data.Batch;
import io.recon4j.data.DataLoader;
import io.recon4j.data.Seeds;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.util.NumericPath;
import io.recon4j.util.Progress;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;

/**
 * The training machinery shared by pretraining and fine-tuning: epochs with a learning-rate schedule
 * (the official per-epoch cosine, or a per-iteration one), grouping in Java, one {@link TrainStep} per batch (AdamW, optional global-norm clipping), a JSONL
 * log, a loss plot, and an atomic {@code ckpt-last.pth} after every epoch from which {@code resume}
 * continues exactly (weights, Adam moments, epoch, batch, and every random draw, which is keyed by
 * (seed, epoch, batch)). A NaN/Inf loss stops the run and keeps the last good checkpoint; Ctrl-C
 * finishes the current step and saves a mid-epoch checkpoint.
 */
public final class TrainingLoop<B> {

    /** Where batches come from: any data, so point clouds and images share the loop. */
    public interface BatchSource<B> {
        /** @return batches in one epoch */
        int batchesPerEpoch();

        /** @return the batches of {@code epoch}, in order; must be the same for the same epoch (exact resume) */
        Iterable<B> epoch(int epoch);

        /** @return the number of samples in {@code batch} (for samples/s) */
        int size(B batch);
    }

    /** What one step computes. */
    @FunctionalInterface
    public interface Step<B> {
        /**
         * @param ps parameter store of the model
         * @param batch the batch
         * @param epoch its epoch
         * @param index its index in the epoch (with the epoch and the run seed, keys every random draw)
         * @param step manager owning every array of this step (closed after the step)
         * @param logs put named scalar terms here to log them (e.g. each loss term)
         * @return the scalar loss to minimise
         */
        NDArray loss(ParameterStore ps, B batch, int epoch, int index, NDManager step, Map<String, NDArray> logs);
    }

    /** A point-cloud source: the data loader's batches. */
    public static BatchSource<Batch> of(DataLoader loader) {
        return new BatchSource<>() {
            @Override
            public int batchesPerEpoch() {
                return loader.batchesPerEpoch();
            }

            @Override
            public Iterable<Batch> epoch(int epoch) {
                return loader.epoch(epoch);
            }

            @Override
            public int size(Batch batch) {
                return batch.size();
            }
        };
    }

    /** Runs after each epoch (e.g. validation); returns metrics to log (may be empty). */
    @FunctionalInterface
    public interface EpochEnd {
        Map<String, Double> after(int epoch) throws IOException;
    }

    /**
     * @param epochs total epochs
     * @param schedule learning rate of each step (per epoch as timm, or per iteration as BEiT/CAE)
     * @param clipNorm global gradient-norm limit, 0 for none
     * @param seed run seed
     * @param config the resolved configuration (stored in checkpoints; resuming with another one is refused)
     * @param bestMetric metric of {@link EpochEnd} to keep {@code ckpt-best.pth} by (higher is better), or null
     */
    public record Options(int epochs, LrSchedule schedule, double clipNorm, long seed, String config, String bestMetric) {
    }

    /**
     * How the run ended.
     *
     * @param completed all epochs ran
     * @param epochsRun epochs finished in this process
     * @param globalStep optimizer steps in total
     * @param lastLoss mean loss of the last finished epoch (NaN if none)
     * @param best best value of {@code bestMetric} (NaN if none)
     * @param seconds wall time in this process
     */
    public record Result(boolean completed, int epochsRun, long globalStep, double lastLoss, double best, double seconds) {
    }

    private final ModuleBlock model;
    private final NDManager manager;
    private final GroupedAdamW optimizer;
    private final BatchSource<B> loader;
    private final Options options;
    private final RunFolder run;
    private final Step<B> step;
    private EpochEnd epochEnd = e -> Map.of();
    private java.util.function.LongConsumer stepListener = s -> { };
    private volatile boolean stopRequested;
    private int stopAfter;
    private int checkpointEvery = 1;
    // Extra top-level checkpoint entries (the model card), written beside the weights every time.
    private final Map<String, Object> checkpointEntries = new LinkedHashMap<>();
    // The plot shows the loss and every term the step logged (e.g. each loss of a sum).
    private final java.util.Set<String> plotted = new java.util.LinkedHashSet<>(List.of("loss"));

    /**
     * @param model the model being trained (initialised, owned by {@code manager})
     * @param manager the model's manager; each step runs in a sub-manager of it
     * @param optimizer optimizer over the trainable parameters
     * @param loader training batches
     * @param options loop options
     * @param run output folder
     * @param step the step computation
     */
    public TrainingLoop(ModuleBlock model, NDManager manager, GroupedAdamW optimizer, BatchSource<B> loader, Options options,
                        RunFolder run, Step<B> step) {
        this.model = model;
        this.manager = manager;
        this.optimizer = optimizer;
        this.loader = loader;
        this.options = options;
        this.run = run;
        this.step = step;
    }

    /** Sets the per-epoch hook (validation). */
    public TrainingLoop<B> onEpochEnd(EpochEnd hook) {
        this.epochEnd = hook;
        return this;
    }

    /** Sets a listener called after every optimizer step with the global step count (e.g. custom logging). */
    public TrainingLoop<B> onStep(java.util.function.LongConsumer listener) {
        this.stepListener = listener;
        return this;
    }

    /**
     * Adds a top-level entry to every checkpoint the loop writes (e.g. {@link io.recon4j.model.ModelCard#ENTRY}); plain
     * values only (dict, list, str, int, float), so that {@code torch.load} still reads the file.
     */
    public TrainingLoop<B> checkpointEntry(String key, Object value) {
        checkpointEntries.put(key, value);
        return this;
    }

    /** Asks the loop to save and stop after the current step (what Ctrl-C does). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Stops (as Ctrl-C would, at an epoch boundary) once {@code epochs} epochs in total are done, keeping the schedule
     * planned for all of them: a budgeted run whose checkpoint {@code resume} continues. 0 = run to the end.
     */
    public TrainingLoop<B> stopAfter(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("stop-after must be >= 0, got " + epochs);
        }
        this.stopAfter = epochs;
        return this;
    }

    /**
     * Writes {@code ckpt-last.pth} (and the loss plot) only every {@code epochs} epochs, and after the last one: for runs
     * of many short epochs (few-shot folds: ~3 s each), where writing and syncing the checkpoint every epoch costs a fifth
     * of the run. A kill then replays at most {@code epochs - 1} epochs on resume, with the same result (every draw is
     * keyed by seed, epoch and batch); {@code ckpt-best.pth} is still written at every improvement. 1 = every epoch.
     */
    public TrainingLoop<B> checkpointEvery(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("checkpoint-every must be >= 1 epoch, got " + epochs);
        }
        this.checkpointEvery = epochs;
        return this;
    }

    /** @return the checkpoint the loop writes after every epoch (see {@link #checkpointEvery}) */
    public Path lastCheckpoint() {
        return run.resolve("ckpt-last.pth");
    }

    /**
     * Trains.
     *
     * @param resume continue from {@code ckpt-last.pth} in the run folder if it exists
     * @throws TrainingDivergedException on a NaN/Inf loss or gradient
     */
    public Result run(boolean resume) throws IOException {
        long t0 = System.nanoTime();
        TrainCheckpoint.State state = new TrainCheckpoint.State(0, 0, 0, Double.NaN, options.config());
        if (resume && Files.exists(lastCheckpoint())) {
            state = TrainCheckpoint.load(lastCheckpoint(), model, optimizer);
            if (!state.config().equals(options.config())) {
                throw new IllegalArgumentException(lastCheckpoint() + " was written with another configuration; "
                        + "resume with the same options or start a new run folder.\n  checkpoint: " + state.config()
                        + "\n  now:        " + options.config());
            }
        }
        run.writeText("config.json", options.config() + "\n");
        boolean resumed = state.globalStep() > 0;
        String path = NumericPath.describe(manager.getDevice());
        String before = NumericPath.record(run, resumed ? "resume at step " + state.globalStep() : "start", path);
        if (resumed && before != null) {
            // Still a valid run, but no longer bit-identical to an uninterrupted one: say so where it happens.
            System.err.println("note: " + run.dir() + " resumes on another numeric path than it ran on (numerics.txt):\n"
                    + "  before: " + before + "\n  now:    " + path);
        }
        Thread hook = new Thread(this::requestStopAndWait, "recon-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try (MetricsLog log = MetricsLog.open(run.resolve("metrics.jsonl"), resume ? state.globalStep() : -1)) {
            return loop(state, log, t0);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for the latch released above.
            }
        }
    }

    private final CountDownLatch finished = new CountDownLatch(1);

    private void requestStopAndWait() {
        stopRequested = true;
        try {
            // Give the loop time to finish its step and write the checkpoint before the JVM exits.
            finished.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result loop(TrainCheckpoint.State state, MetricsLog log, long t0) throws IOException {
        ParameterStore ps = new ParameterStore(manager, false);
        long globalStep = state.globalStep();
        double best = state.bestMetric();
        double lastLoss = Double.NaN;
        int epochsRun = 0;
        int perEpoch = loader.batchesPerEpoch();
        for (int epoch = state.nextEpoch(); epoch < options.epochs(); epoch++) {
            if (stopAfter > 0 && epoch >= stopAfter) {
                return new Result(false, epochsRun, globalStep, lastLoss, best, (System.nanoTime() - t0) / 1e9);
            }
            double lr = options.schedule().lr(epoch, 0, perEpoch);
            int first = epoch == state.nextEpoch() ? state.nextBatch() : 0;
            Map<String, Double> sums = new LinkedHashMap<>();
            // Resumed mid-epoch: the epoch's means also cover the steps logged before the stop.
            int counted = first > 0 ? loggedSums(log.file(), epoch, first, sums) : 0;
            long samples = 0;
            long epochStart = System.nanoTime();
            String task = String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, options.epochs());
            try (ProgressBar bar = Progress.bar(task, perEpoch, "batches")) {
                bar.stepTo(first);
                int index = 0;
                for (B batch : loader.epoch(epoch)) {
                    if (index++ < first) {
                        continue;
                    }
                    lr = options.schedule().lr(epoch, index - 1, perEpoch);
                    Map<String, Double> values = trainStep(ps, batch, epoch, index - 1, lr);
                    globalStep++;
                    counted++;
                    samples += loader.size(batch);
                    values.forEach((k, v) -> sums.merge(k, v, Double::sum));
                    Map<String, Object> rec = new LinkedHashMap<>();
                    rec.put("kind", "step");
                    rec.put("epoch", epoch);
                    rec.put("batch", index - 1);
                    rec.put("step", globalStep);
                    rec.put("lr", lr);
                    rec.putAll(values);
                    log.log(rec);
                    bar.step();
                    stepListener.accept(globalStep);
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f lr %.2e %.1f samples/s", values.get("loss"), lr,
                            samples / ((System.nanoTime() - epochStart) / 1e9)));

                    if (stopRequested) {
                        TrainCheckpoint.save(lastCheckpoint(), model, optimizer,
                                new TrainCheckpoint.State(epoch, index, globalStep, best, options.config()), checkpointEntries);
                        log.log(Map.of("kind", "interrupted", "epoch", epoch, "batch", index, "step", globalStep));
                        return new Result(false, epochsRun, globalStep, lastLoss, best, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            epochsRun++;
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("kind", "epoch");
            rec.put("epoch", epoch);
            rec.put("step", globalStep);
            rec.put("lr", lr);
            for (Map.Entry<String, Double> e : sums.entrySet()) {
                rec.put(e.getKey(), e.getValue() / Math.max(counted, 1));
            }
            lastLoss = sums.getOrDefault("loss", Double.NaN) / Math.max(counted, 1);
            double secs = (System.nanoTime() - epochStart) / 1e9;
            rec.put("seconds", secs);
            rec.put("samples_per_s", samples / secs);
            Map<String, Double> metrics = epochEnd.after(epoch);
            rec.putAll(metrics);
            log.log(rec);
            Double m = options.bestMetric() == null ? null : metrics.get(options.bestMetric());
            boolean improved = m != null && (Double.isNaN(best) || m > best);
            if (improved) {
                best = m;
            }
            TrainCheckpoint.State next = new TrainCheckpoint.State(epoch + 1, 0, globalStep, best, options.config());
            boolean lastOfRun = epoch + 1 == options.epochs() || (stopAfter > 0 && epoch + 1 >= stopAfter);
            if (lastOfRun || stopRequested || (epoch + 1) % checkpointEvery == 0) {
                TrainCheckpoint.save(lastCheckpoint(), model, optimizer, next, checkpointEntries);
                plot(log.file());
            }
            if (improved) {
                TrainCheckpoint.save(run.resolve("ckpt-best.pth"), model, optimizer, next, checkpointEntries);
            }
            if (stopRequested) {
                return new Result(false, epochsRun, globalStep, lastLoss, best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Result(true, epochsRun, globalStep, lastLoss, best, (System.nanoTime() - t0) / 1e9);
    }

    /** Adds to {@code sums} the values of the steps of {@code epoch} before batch {@code first} in the log; returns their count. */
    private static int loggedSums(Path metrics, int epoch, int first, Map<String, Double> sums) throws IOException {
        int n = 0;
        for (Map<String, Object> r : MetricsLog.read(metrics)) {
            if ("step".equals(r.get("kind")) && r.get("epoch") instanceof Double e && e == epoch
                    && r.get("batch") instanceof Double b && b < first) {
                r.forEach((k, v) -> {
                    if (v instanceof Double d && !STEP_KEYS.contains(k)) {
                        sums.merge(k, d, Double::sum);
                    }
                });
                n++;
            }
        }
        return n;
    }

    private static final java.util.Set<String> STEP_KEYS = java.util.Set.of("epoch", "batch", "step", "lr");

    private Map<String, Double> trainStep(ParameterStore ps, B batch, int epoch, int index, double lr) {
        try (NDManager sm = manager.newSubManager()) {
            // Every random draw of the step (drop path, dropout, masks) is keyed by (seed, epoch, batch): exact resume.
            Engine.getInstance().setRandomSeed((int) Seeds.mix(options.seed(), epoch, index));
            TrainStep.Outcome outcome = TrainStep.run(optimizer, (m, logs) -> step.loss(ps, batch, epoch, index, m, logs), lr,
                    options.clipNorm(), sm, null, String.format(Locale.ROOT, "epoch %d batch %d", epoch, index),
                    " The last good checkpoint is " + lastCheckpoint() + " (if any epoch finished).");
            plotted.addAll(outcome.terms().keySet());
            return outcome.values();
        }
    }

    private void plot(Path metrics) {
        try {
            Plots.lines(MetricsLog.read(metrics), "step", "step", List.copyOf(plotted), "training loss", run.resolve("loss.png"), true);
        } catch (IOException | RuntimeException e) {
            // A plot is a convenience: never let it stop training.
            System.err.println("warning: could not plot " + metrics + ": " + e.getMessage());
        }
    }
}
