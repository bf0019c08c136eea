package io.recon4j.protocol;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.data.FewShotFold;
import io.recon4j.data.FewShotSplits;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The few-shot protocol (Point-BERT / Point-MAE / ReCon): N-way K-shot folds drawn with {@link FewShotSplits}
 * (support from the train split, 20 queries per class from the test split), one fine-tuning run per fold from
 * the same starting weights, and the mean ± standard deviation over folds of each fold's <em>best</em> test
 * accuracy (the official protocol, Point-MAE#28; no voting).
 *
 * <p>Run folder: {@code fold-<k>/} per fold (its {@code fold.json} split, the fine-tuning run, {@code result.json}),
 * and {@code fewshot.md}. Resuming reuses each saved split, skips finished folds and resumes the interrupted one.
 */
public final class FewShotRunner {

    private static final Gson GSON = new Gson();

    private FewShotRunner() {
    }

    /**
     * @param way N classes per fold
     * @param shot K support samples per class
     * @param folds number of folds (official 10)
     * @param querySize query samples per class (official 20)
     * @param splitSeed seed of the fold generation
     * @param checkpointEvery a fold writes {@code ckpt-last.pth} every this many epochs and after its last (default
     *     {@value #DEFAULT_CHECKPOINT_EVERY}: its epochs take seconds, and syncing 35 MB each epoch cost a fifth of a fold)
     */
    public record Options(int way, int shot, int folds, int querySize, long splitSeed, int checkpointEvery) {
        /** Epochs between a fold's checkpoints unless set: a kill replays at most 9 epochs (~30 s at Nano). */
        public static final int DEFAULT_CHECKPOINT_EVERY = 10;

        public Options {
            if (way <= 0 || shot <= 0 || folds <= 0 || querySize <= 0 || checkpointEvery <= 0) {
                throw new IllegalArgumentException("way, shot, folds, query size and checkpoint-every must be positive, got "
                        + way + ", " + shot + ", " + folds + ", " + querySize + ", " + checkpointEvery);
            }
        }

        /** Options with the default checkpoint cadence. */
        public Options(int way, int shot, int folds, int querySize, long splitSeed) {
            this(way, shot, folds, querySize, splitSeed, DEFAULT_CHECKPOINT_EVERY);
        }

        /** @return a copy whose folds write {@code ckpt-last.pth} every {@code epochs} epochs */
        public Options withCheckpointEvery(int epochs) {
            return new Options(way, shot, folds, querySize, splitSeed, epochs);
        }

        /** @return the official shape: 20 queries per class */
        public static Options official(int way, int shot, int folds, long splitSeed) {
            return new Options(way, shot, folds, FewShotSplits.DEFAULT_QUERY_SIZE, splitSeed);
        }
    }

    /** One fold. @param fold its number @param bestAccuracy best test OA over epochs, percent @param bestEpoch from 0 */
    public record FoldResult(int fold, double bestAccuracy, int bestEpoch) {
    }

    /**
     * @param options the protocol
     * @param folds finished folds, in order
     * @param completed false if the run stopped before the last fold finished
     */
    public record Result(Options options, List<FoldResult> folds, boolean completed) {

        public Result {
            folds = List.copyOf(folds);
        }

        /** @return mean of the folds' best accuracies, percent */
        public double mean() {
            return folds.stream().mapToDouble(FoldResult::bestAccuracy).average().orElse(Double.NaN);
        }

        /** @return population standard deviation (numpy's default) of the folds' best accuracies, percent */
        public double std() {
            double m = mean();
            return Math.sqrt(folds.stream().mapToDouble(f -> Math.pow(f.bestAccuracy() - m, 2)).average().orElse(Double.NaN));
        }

        /** @return e.g. "5-way 10-shot, 10 folds: 96.30 ± 2.50 % (mean ± std of each fold's best test accuracy)" */
        public String describe() {
            return String.format(Locale.ROOT, "%d-way %d-shot, %d of %d folds: %.2f ± %.2f %% (mean ± std over folds of each "
                    + "fold's best test accuracy)", options.way(), options.shot(), folds.size(), options.folds(), mean(), std());
        }

        /** @return a Markdown report: one row per fold, then the summary */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder("# Few-shot classification\n\n| fold | best test accuracy % | best epoch |\n|---:|---:|---:|\n");
            for (FoldResult f : folds) {
                sb.append(String.format(Locale.ROOT, "| %d | %.2f | %d |%n", f.fold(), f.bestAccuracy(), f.bestEpoch() + 1));
            }
            sb.append('\n').append(describe()).append(completed ? "" : " — incomplete: resume to finish").append('\n');
            return sb.toString();
        }
    }

    /**
     * Runs every fold.
     *
     * @param config the fine-tuning recipe applied to each fold (e.g. {@link FineTuneConfig#fewShot})
     * @param support dataset the support samples come from (the train split)
     * @param query dataset the queries come from (the test split)
     * @param options way, shot, folds
     * @param run output folder
     * @param resume continue an interrupted run in {@code run}
     * @param parent parent manager
     * @param log progress lines (may be null)
     */
    public static Result run(FineTuneConfig config, PointCloudDataset support, PointCloudDataset query, Options options,
                             RunFolder run, boolean resume, NDManager parent, Consumer<String> log) throws IOException {
        Consumer<String> out = log == null ? s -> { } : log;
        List<FoldResult> results = new ArrayList<>();
        boolean completed = true;
        for (int k = 0; k < options.folds(); k++) {
            RunFolder dir = RunFolder.at(run.resolve("fold-" + k));
            FewShotFold fold = fold(support, query, options, k, dir.resolve("fold.json"), resume);
            Path resultFile = dir.resolve("result.json");
            if (resume && Files.exists(resultFile)) {
                FoldResult done = readResult(resultFile);
                out.accept(String.format(Locale.ROOT, "fold %d: done before, best %.2f %%", k, done.bestAccuracy()));
                results.add(done);
                continue;
            }
            out.accept(String.format(Locale.ROOT, "fold %d/%d: %d-way %d-shot, classes %s, %d train / %d test samples", k + 1,
                    options.folds(), fold.way(), fold.shot(), fold.classNames(), fold.train().size(), fold.test().size()));
            FineTuning.Outcome o;
            try (FineTuning f = FineTuning.create(config, fold.trainView(support), fold.testView(query), dir, parent, out)) {
                f.loop().checkpointEvery(options.checkpointEvery());
                o = f.train(resume);
            }
            if (!o.training().completed() || o.best() == null) {
                completed = false;
                break;
            }
            FoldResult r = new FoldResult(k, o.bestAccuracy(), o.bestEpoch());
            JsonObject j = new JsonObject();
            j.addProperty("fold", k);
            j.addProperty("best_acc", r.bestAccuracy());
            j.addProperty("best_epoch", r.bestEpoch());
            dir.writeText("result.json", GSON.toJson(j) + "\n");
            out.accept(String.format(Locale.ROOT, "fold %d: best test accuracy %.2f %% (epoch %d)", k, r.bestAccuracy(),
                    r.bestEpoch() + 1));
            results.add(r);
        }
        Result result = new Result(options, results, completed);
        run.writeText("fewshot.md", result.toMarkdown());
        return result;
    }

    /** Generates fold k and saves it, or on resume reuses the saved split (checking it is the requested shape). */
    static FewShotFold fold(PointCloudDataset support, PointCloudDataset query, Options o, int k, Path file, boolean resume)
            throws IOException {
        if (resume && Files.exists(file)) {
            FewShotFold f = FewShotSplits.load(file);
            if (f.way() != o.way() || f.shot() != o.shot() || f.fold() != k || f.querySize() != o.querySize()) {
                throw new IllegalArgumentException(file + " holds a " + f.way() + "-way " + f.shot() + "-shot split (fold "
                        + f.fold() + ", " + f.querySize() + " queries per class) but this run asks for " + o.way() + "-way "
                        + o.shot() + "-shot fold " + k + " with " + o.querySize() + "; resume with the same options");
            }
            return f;
        }
        FewShotFold f = FewShotSplits.generate(support, query, o.way(), o.shot(), o.querySize(), o.splitSeed(), k);
        FewShotSplits.save(f, file);
        return f;
    }

    /**
     * The folds of a run folder that have finished (their {@code fold-k/result.json}), in fold order.
     *
     * @throws IOException if {@code run} is not a folder or a result file is unreadable
     */
    public static List<FoldResult> finishedFolds(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            throw new java.nio.file.NoSuchFileException(run.toString(), null, "not a few-shot run folder");
        }
        List<FoldResult> out = new ArrayList<>();
        for (int k = 0; Files.isDirectory(run.resolve("fold-" + k)); k++) {
            Path f = run.resolve("fold-" + k).resolve("result.json");
            if (Files.exists(f)) {
                out.add(readResult(f));
            }
        }
        return out;
    }

    private static FoldResult readResult(Path file) throws IOException {
        try {
            JsonObject j = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return new FoldResult(j.get("fold").getAsInt(), j.get("best_acc").getAsDouble(), j.get("best_epoch").getAsInt());
        } catch (RuntimeException e) {
            throw new io.recon4j.data.DatasetFormatException(file, "JSON", "not a fold result (fold, best_acc, best_epoch): "
                    + e.getMessage(), e);
        }
    }
}
