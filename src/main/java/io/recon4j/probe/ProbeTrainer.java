package io.recon4j.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.data.Seeds;
import io.recon4j.data.Transforms;
import io.recon4j.image.ImageDataset;
import io.recon4j.model.Losses;
import io.recon4j.train.MetricsLog;
import io.recon4j.train.MomentumSgd;
import io.recon4j.train.Plots;
import io.recon4j.train.TrainingDivergedException;
import io.recon4j.train.WarmupCosine;
import io.recon4j.util.Progress;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;

/**
 * Trains a {@link ProbeHead} on a frozen encoder: the features of both splits are computed once (batched, no
 * gradient) and cached in memory, then the head trains with its protocol's optimizer ({@link ProbeHead#optimizer})
 * under a per-iteration warm-up + cosine schedule, shuffled batches with the last partial batch dropped (as
 * officially), and the test split classified after every epoch.
 *
 * <p>Writes {@code metrics.jsonl} (one {@code step} record per iteration, one {@code epoch} record with
 * {@code train_loss}, {@code train_acc}, {@code test_acc} per epoch) and {@code accuracy.png} into the run folder.
 */
public final class ProbeTrainer {

    /**
     * @param epochs training epochs
     * @param warmupEpochs epochs of linear warm-up from 0, in [0, epochs)
     * @param batchSize head batch size
     * @param lr peak learning rate, absolute (no batch-size scaling applied)
     * @param minLr learning rate at the end of the cosine
     * @param seed head initialisation and shuffling
     * @param encodeBatchSize images per encoder call while caching features
     */
    public record Options(int epochs, int warmupEpochs, int batchSize, double lr, double minLr, long seed,
                          int encodeBatchSize) {
        /** Checks the ranges. */
        public Options {
            if (epochs <= 0 || batchSize <= 0 || encodeBatchSize <= 0) {
                throw new IllegalArgumentException("epochs, batch size and encode batch size must be > 0, got "
                        + epochs + ", " + batchSize + ", " + encodeBatchSize);
            }
            if (warmupEpochs < 0 || warmupEpochs >= epochs) {
                throw new IllegalArgumentException("warm-up epochs must be in [0, epochs), got " + warmupEpochs + " of " + epochs);
            }
            if (!(lr > 0) || minLr < 0 || minLr > lr) {
                throw new IllegalArgumentException("need lr > 0 and 0 <= min lr <= lr, got " + lr + " and " + minLr);
            }
        }

        /**
         * Linear probing on this machine: 10 epochs (1 warm-up), batch 1024, LARS peak lr 4. The official recipe is
         * 90 epochs (10 warm-up) at batch 16,384 with lr 0.1 × 16384/256 = 6.4. LARS steps are relative to the
         * weights (at most lr·0.001 of their norm), so the lr is not scaled down with the batch: 4 keeps a step size
         * near the official one while 10 epochs still give ~580 steps.
         */
        public static Options linear() {
            return new Options(10, 1, 1024, 4.0, 0.0, 0L, 256);
        }

        /**
         * Attentive probing on this machine: 10 epochs (1 warm-up), batch 256, SGD peak lr 0.1. The official recipe is
         * 90 epochs (10 warm-up) at batch 8,192 with lr 0.4; this shorter schedule takes a larger lr per sample.
         */
        public static Options attentive() {
            return new Options(10, 1, 256, 0.1, 0.0, 0L, 256);
        }
    }

    /**
     * How a probe run ended.
     *
     * @param testAccuracy test accuracy in percent after each epoch
     * @param trainSize training images
     * @param testSize test images
     * @param featureShape the cached shape of one image's features, (D) or (T, D)
     * @param encodeSeconds wall time of computing the features of both splits
     * @param trainSeconds wall time of training and evaluating the head
     */
    public record Result(List<Double> testAccuracy, int trainSize, int testSize, long[] featureShape,
                         double encodeSeconds, double trainSeconds) {
        /** @return the test accuracy after the last epoch, in percent */
        public double finalAccuracy() {
            return testAccuracy.get(testAccuracy.size() - 1);
        }

        /** @return the best per-epoch test accuracy, in percent (reported beside the final one, as officially) */
        public double bestAccuracy() {
            return testAccuracy.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private ProbeTrainer() {
    }

    /**
     * Caches the features, trains the head and evaluates it after every epoch.
     *
     * @param encoder the frozen encoder
     * @param head an uninitialised head; initialised here (seeded) in {@code manager}, trained in place
     * @param train training images
     * @param test test images (same classes)
     * @param options the schedule
     * @param run where {@code metrics.jsonl} and {@code accuracy.png} go
     * @param manager owner of the head's parameters
     * @param log receives one line per epoch
     */
    public static Result run(FrozenEncoder encoder, ProbeHead head, ImageDataset train, ImageDataset test, Options options,
                             RunFolder run, NDManager manager, Consumer<String> log) throws IOException {
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException(train.name() + " and " + test.name() + " have different classes");
        }
        if (train.size() < options.batchSize()) {
            throw new IllegalArgumentException(train.name() + " has " + train.size() + " images, fewer than one batch of "
                    + options.batchSize() + " (the last partial batch is dropped, as officially); lower the batch size");
        }
        long t0 = System.nanoTime();
        ProbeFeatures trainFeatures = ProbeFeatures.extract(encoder, train, head.input(), options.encodeBatchSize(), manager,
                "encode train");
        ProbeFeatures testFeatures = ProbeFeatures.extract(encoder, test, head.input(), options.encodeBatchSize(), manager,
                "encode test");
        double encodeSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "features: %d train + %d test images, %s per image, %.1f s",
                train.size(), test.size(), new Shape(trainFeatures.rowShape()), encodeSeconds));

        Engine.getInstance().setRandomSeed((int) options.seed());
        long[] inputShape = trainFeatures.rowShape();
        long[] batchShape = new long[inputShape.length + 1];
        batchShape[0] = options.batchSize();
        System.arraycopy(inputShape, 0, batchShape, 1, inputShape.length);
        head.initialize(manager, DataType.FLOAT32, new Shape(batchShape));

        long t1 = System.nanoTime();
        List<Double> accuracies = new ArrayList<>();
        try (NDManager optState = manager.newSubManager();
             MomentumSgd optimizer = head.optimizer(optState);
             MetricsLog metrics = MetricsLog.open(run.resolve("metrics.jsonl"), -1)) {
            new Loop(head, trainFeatures, testFeatures, options, optimizer, metrics, manager, log).epochs(accuracies);
        } finally {
            plot(run, log);
        }
        return new Result(List.copyOf(accuracies), train.size(), test.size(), trainFeatures.rowShape(), encodeSeconds,
                (System.nanoTime() - t1) / 1e9);
    }

    private static void plot(RunFolder run, Consumer<String> log) {
        try {
            if (Files.exists(run.resolve("metrics.jsonl"))) {
                Plots.lines(MetricsLog.read(run.resolve("metrics.jsonl")), "epoch", "epoch", List.of("train_acc", "test_acc"),
                        "probe accuracy % (train_acc: training batches; test_acc: test split)", run.resolve("accuracy.png"),
                        false);
            }
        } catch (IOException | RuntimeException e) {
            // A plot is a convenience: never let it fail the run.
            log.accept("warning: could not plot " + run.resolve("metrics.jsonl") + ": " + e.getMessage());
        }
    }

    /** The epochs of one run; holds what every step needs. */
    private static final class Loop {
        private final ProbeHead head;
        private final ProbeFeatures train;
        private final ProbeFeatures test;
        private final Options options;
        private final MomentumSgd optimizer;
        private final MetricsLog metrics;
        private final NDManager manager;
        private final Consumer<String> log;
        private final ParameterStore ps;
        private final int perEpoch;
        private final WarmupCosine schedule;
        private long step;

        Loop(ProbeHead head, ProbeFeatures train, ProbeFeatures test, Options options, MomentumSgd optimizer,
             MetricsLog metrics, NDManager manager, Consumer<String> log) {
            this.head = head;
            this.train = train;
            this.test = test;
            this.options = options;
            this.optimizer = optimizer;
            this.metrics = metrics;
            this.manager = manager;
            this.log = log;
            this.ps = new ParameterStore(manager, false);
            this.perEpoch = train.size() / options.batchSize();
            this.schedule = new WarmupCosine(options.lr(), options.minLr(), (long) options.warmupEpochs() * perEpoch,
                    (long) options.epochs() * perEpoch);
        }

        void epochs(List<Double> accuracies) throws IOException {
            try (ProgressBar bar = Progress.bar("probe", (long) options.epochs() * perEpoch, "steps")) {
                for (int epoch = 0; epoch < options.epochs(); epoch++) {
                    long start = System.nanoTime();
                    int[] order = Transforms.permutationPrefix(train.size(), train.size(), Seeds.random(Seeds.mix(options.seed(), epoch)));
                    double lossSum = 0;
                    long correct = 0;
                    for (int b = 0; b < perEpoch; b++) {
                        int[] rows = Arrays.copyOfRange(order, b * options.batchSize(), (b + 1) * options.batchSize());
                        double[] lossAndCorrect = step(rows, epoch);
                        lossSum += lossAndCorrect[0];
                        correct += (long) lossAndCorrect[1];
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4f", epoch + 1, options.epochs(),
                                lossAndCorrect[0]));
                    }
                    double testAcc = evaluate();
                    accuracies.add(testAcc);
                    double trainAcc = 100.0 * correct / ((long) perEpoch * options.batchSize());
                    Map<String, Object> rec = new LinkedHashMap<>();
                    rec.put("kind", "epoch");
                    rec.put("epoch", epoch);
                    rec.put("step", step);
                    rec.put("train_loss", lossSum / perEpoch);
                    rec.put("train_acc", trainAcc);
                    rec.put("test_acc", testAcc);
                    rec.put("seconds", (System.nanoTime() - start) / 1e9);
                    metrics.log(rec);
                    log.accept(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, train acc %.2f %%, test acc %.2f %%",
                            epoch + 1, options.epochs(), lossSum / perEpoch, trainAcc, testAcc));
                }
            }
        }

        /** @return {loss, number of correct predictions} of one optimizer step */
        private double[] step(int[] rows, int epoch) throws IOException {
            double lr = schedule.at(step);
            try (NDManager sm = manager.newSubManager()) {
                NDArray x = train.gather(sm, rows);
                NDArray y = sm.create(train.labels(rows));
                NDArray logits;
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    logits = head.forward(ps, x, true);
                    loss = Losses.crossEntropy(logits, y);
                    gc.backward(loss);
                }
                double value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "probe loss is %s at epoch %d step %d (lr %.3g); lower --lr", value, epoch, step, lr));
                }
                long correct = logits.argMax(1).eq(y).sum().getLong();
                optimizer.step(lr);
                step++;
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("kind", "step");
                rec.put("epoch", epoch);
                rec.put("step", step);
                rec.put("lr", lr);
                rec.put("loss", value);
                metrics.log(rec);
                return new double[] {value, correct};
            }
        }

        /** @return test accuracy in percent, the head in eval mode (running BatchNorm statistics) */
        private double evaluate() {
            long correct = 0;
            int n = test.size();
            int batch = Math.max(options.batchSize(), 256);
            for (int from = 0; from < n; from += batch) {
                int[] rows = new int[Math.min(n, from + batch) - from];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = from + i;
                }
                try (NDManager sm = manager.newSubManager()) {
                    NDArray logits = head.forward(ps, test.gather(sm, rows), false);
                    correct += logits.argMax(1).eq(sm.create(test.labels(rows))).sum().getLong();
                }
            }
            return n == 0 ? Double.NaN : 100.0 * correct / n;
        }
    }
}
