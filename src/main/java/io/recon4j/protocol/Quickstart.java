package io.recon4j.protocol;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.analysis.AttentionMap;
import io.recon4j.data.ClassSubset;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.FewShotFold;
import io.recon4j.data.FewShotSplits;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.eval.Evaluator;
import io.recon4j.eval.LogisticProbe;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.eval.Outputs;
import io.recon4j.eval.PairedComparison;
import io.recon4j.model.Patches;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.protocol.ClaimRow.Baseline;
import io.recon4j.protocol.ClaimRow.Estimate;
import io.recon4j.protocol.ClaimRow.Verdict;
import io.recon4j.nn.NoGrad;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.Teachers;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.ZeroShot;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.NumericPath;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The quickstart protocol: what the papers' claims look like at a budget of minutes on 2 cores, on the embedded
 * procedural dataset, with every metric beside its baselines and a verdict per claim.
 *
 * <p>Held-out design. ReCon-Nano (MiniLM text teacher) and Point-MAE† (the same model, masked point modelling only)
 * are pretrained with the same budget on the 8 <b>seen</b> classes only; everything else is measured on the 8
 * <b>unseen</b> classes, which no pretraining saw or named, with the seen classes as contrast:
 * <ul>
 *   <li>few-shot on frozen features: N-way K-shot logistic probes (C by cross-validation on the support set only)
 *       over many folds, the same folds for every encoder, so (pretrained − baseline) is paired per fold;</li>
 *   <li>a logistic probe on all unseen-class training features, scored per test shape (paired per shape);</li>
 *   <li>zero-shot by text against chance (the test classes are balanced, so chance = majority).</li>
 * </ul>
 * Fine-tuning is left out: at this budget a few epochs of it measure noise, not the pretraining.
 *
 * <p>Verdict rule, fixed before measuring ({@link Verdict#of}): "reproduced" when the paired 95 % bootstrap interval
 * of (pretrained − baseline) is above 0, "not reproduced" when below, otherwise "inconclusive". Nothing is tuned on a
 * test split: the probes choose C on their training rows, the budget was chosen on separate seeds (docs/results.md).
 */
public final class Quickstart {

    /** Idle throughputs on 2 threads (docs/results.md), samples per second, for the per-stage estimates. */
    static final double PRETRAIN_RATE = 36;
    static final double INFERENCE_RATE = 147;
    /** Unseen-class test shapes the report shows in 3D, one per class (a row of viewers on a wide screen). */
    static final int SHAPE_VIEWS = 3;
    private static final String METRICS = "metrics.jsonl";
    /** Where the claims this budget cannot test are measured at full budget, with their verdicts. */
    private static final String MEASURED = "measured at full budget, with its verdict: docs/results.md, \"At a glance\"";

    private Quickstart() {
    }

    /** How the quickstart runs; {@link #builder()} gives the defaults sized for 10 minutes on 2 idle cores. */
    public static final class Options {
        final long seed;
        final int trainPerClass;
        final int testPerClass;
        final int pretrainEpochs;
        final boolean pointMae;
        final int folds;
        final int way;
        final int shot;
        final double lr;
        final Path cacheDir;
        final Consumer<String> progress;

        private Options(Builder b) {
            seed = b.seed;
            trainPerClass = b.trainPerClass;
            testPerClass = b.testPerClass;
            pretrainEpochs = b.pretrainEpochs;
            pointMae = b.pointMae;
            folds = b.folds;
            way = b.way;
            shot = b.shot;
            lr = b.lr;
            cacheDir = b.cacheDir;
            progress = b.progress;
        }

        /** @return the builder, every setting at its default */
        public static Builder builder() {
            return new Builder();
        }

        /** Builder: optional {@code opt…}, {@link #build()} validates. */
        public static final class Builder {
            private long seed = 42;
            private int trainPerClass = 60;
            private int testPerClass = 20;
            private int pretrainEpochs = 10;
            private boolean pointMae = true;
            private int folds = 30;
            private int way = 5;
            private int shot = 10;
            private double lr = 5e-4;
            private Path cacheDir;
            private Consumer<String> progress = s -> { };

            /** Teacher feature cache (default: {@code feature-cache} beside the run folder). */
            public Builder optCacheDir(Path dir) {
                cacheDir = dir;
                return this;
            }

            /** Seed of the data, the pretraining and the folds. */
            public Builder optSeed(long s) {
                seed = s;
                return this;
            }

            /** Shapes per class of the embedded dataset's train and test splits (default 60, 20). */
            public Builder optCounts(int train, int test) {
                trainPerClass = train;
                testPerClass = test;
                return this;
            }

            /** Pretraining epochs of each pretrained encoder on the seen classes (default 10). */
            public Builder optPretrainEpochs(int n) {
                pretrainEpochs = n;
                return this;
            }

            /** Whether to pretrain the Point-MAE† baseline too (claim 1's middle term; default true). */
            public Builder optPointMae(boolean on) {
                pointMae = on;
                return this;
            }

            /** Few-shot protocol: folds, N-way, K-shot (default 30 folds, 5-way 10-shot). */
            public Builder optFewShot(int nFolds, int nWay, int kShot) {
                folds = nFolds;
                way = nWay;
                shot = kShot;
                return this;
            }

            /** Peak pretraining learning rate (default 5e-4). */
            public Builder optLr(double peak) {
                lr = peak;
                return this;
            }

            /** Where progress lines go (default: nowhere). */
            public Builder optProgress(Consumer<String> sink) {
                progress = Objects.requireNonNull(sink, "progress");
                return this;
            }

            /** @throws IllegalArgumentException naming the first bad setting */
            public Options build() {
                if (pretrainEpochs < 1) {
                    throw new IllegalArgumentException("pretraining epochs must be ≥ 1, got " + pretrainEpochs);
                }
                if (folds < 2) {
                    throw new IllegalArgumentException("a spread needs at least 2 few-shot folds, got " + folds);
                }
                if (way < 2 || way > ProceduralShapes.NUM_CLASSES / 2) {
                    throw new IllegalArgumentException("way must be in 2.." + ProceduralShapes.NUM_CLASSES / 2
                            + " (the unseen classes), got " + way);
                }
                if (shot < 2 || shot > trainPerClass) {
                    throw new IllegalArgumentException("shot must be in 2..trainPerClass (" + trainPerClass + "), got " + shot);
                }
                if (testPerClass < 2) {
                    throw new IllegalArgumentException("need at least 2 test shapes per class, got " + testPerClass);
                }
                if (!(lr > 0)) {
                    throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
                }
                return new Options(this);
            }
        }
    }

    /**
     * A stage's estimated (from sample counts and the idle rates) and actual wall seconds.
     *
     * @param name the stage
     * @param estimatedSeconds idle estimate on 2 cores
     * @param actualSeconds measured on this machine (whatever its load)
     */
    public record Stage(String name, double estimatedSeconds, double actualSeconds) {
    }

    /**
     * One test shape of an unseen class as the ReCon encoder sees it, for the report's 3D viewers.
     *
     * @param id the shape's id
     * @param xyz (N, 3) the model's input points (FPS of the test pipeline), row-major
     * @param truth its class
     * @param predicted the zero-shot prediction on exactly these points (cosine argmax over the unseen class names)
     * @param cosine the predicted class's cosine similarity
     * @param attention each global query's attention over the patches at the last block, painted on the points
     */
    public record ShapeView(String id, float[] xyz, String truth, String predicted, double cosine,
                            List<AttentionMap.Result> attention) {
        public ShapeView {
            attention = List.copyOf(attention);
        }
    }

    /**
     * What the HTML report draws beside the table.
     *
     * @param pretrainingLogs each pretrained encoder's name and its {@code metrics.jsonl} (one record per step)
     * @param fewShotUnseen each encoder's few-shot accuracy per fold on the unseen classes, percent (same folds)
     * @param shapes a few unseen-class test shapes with the zero-shot prediction and the attention of each query
     * @param depth L, the encoder's blocks (for the attention legends)
     */
    public record Figures(Map<String, Path> pretrainingLogs, Map<String, double[]> fewShotUnseen, List<ShapeView> shapes,
                          int depth) {
        public Figures {
            pretrainingLogs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pretrainingLogs));
            fewShotUnseen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fewShotUnseen));
            shapes = List.copyOf(shapes);
        }

        /** @return no figures (a result built by hand) */
        public static Figures none() {
            return new Figures(Map.of(), Map.of(), List.of(), 0);
        }
    }

    /**
     * @param setup one paragraph: data, split into seen/unseen classes, model, budget
     * @param rows one or more rows per claim, in claim order
     * @param stages the stages with their estimated and actual time
     * @param figures what the HTML report draws beside the table
     */
    public record Result(String setup, List<ClaimRow> rows, List<Stage> stages, Figures figures) {
        public Result {
            rows = List.copyOf(rows);
            stages = List.copyOf(stages);
            Objects.requireNonNull(figures, "figures");
        }

        /** A result without figures. */
        public Result(String setup, List<ClaimRow> rows, List<Stage> stages) {
            this(setup, rows, stages, Figures.none());
        }

        /** @return the report: setup, the table, one verdict line per row, stage times */
        public String toMarkdown() {
            return "# recon quickstart\n\n" + setup + "\n\n" + claimsTable() + "\n" + verdicts() + "\n" + stageTimes();
        }

        /** @return the claims as a pipe table: metric, pretrained value, baselines, paired CI and verdict per row */
        public String claimsTable() {
            StringBuilder sb = new StringBuilder();
            sb.append("| claim | metric | what the row tests | pretrained | baselines | paired Δ [95% CI] | verdict |\n")
                    .append("|---|---|---|---:|---|---|---|\n");
            for (ClaimRow r : rows) {
                String base = r.baselines().stream().map(b -> b.name() + " " + b.value().format())
                        .reduce((a, b) -> a + "; " + b).orElse("—");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.claim(), r.metric(), r.tests(),
                        r.value() == null ? "—" : r.value().format() + " (" + r.value().n() + " " + r.value().unit() + ")",
                        base, r.comparison() == null ? "—" : String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]",
                                r.comparison().meanDifference(), r.comparison().low(), r.comparison().high()),
                        r.verdict().words()));
            }
            return sb.toString();
        }

        /** @return "## Verdicts" and one line per row: the verdict and why */
        public String verdicts() {
            StringBuilder sb = new StringBuilder("## Verdicts\n\n");
            for (ClaimRow r : rows) {
                sb.append("- **").append(r.claim()).append("**").append(r.metric().equals("—") ? "" : " (" + r.metric() + ")")
                        .append(": ").append(r.verdict().words()).append(" — ").append(r.why()).append('\n');
            }
            return sb.toString();
        }

        /** @return "## Stages" and the table of estimated and actual seconds */
        public String stageTimes() {
            StringBuilder sb = new StringBuilder("## Stages (estimate: idle 2 cores, from sample counts; actual: this machine)\n\n"
                    + "| stage | estimate (s) | actual (s) |\n|---|---:|---:|\n");
            double est = 0;
            double act = 0;
            for (Stage s : stages) {
                sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", s.name(), s.estimatedSeconds(), s.actualSeconds()));
                est += s.estimatedSeconds();
                act += s.actualSeconds();
            }
            sb.append(String.format(Locale.ROOT, "| total | %.0f | %.0f |%n", est, act));
            return sb.toString();
        }
    }

    /** The seen classes (every other category, so near-neighbours such as cup/mug and table/desk fall on both sides). */
    static List<String> seenClasses(List<String> all) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            seen.add(all.get(i));
        }
        return seen;
    }

    static List<String> unseenClasses(List<String> all) {
        List<String> unseen = new ArrayList<>();
        for (int i = 1; i < all.size(); i += 2) {
            unseen.add(all.get(i));
        }
        return unseen;
    }

    /**
     * Runs the protocol.
     *
     * @param o the options
     * @param runDir folder the pretraining runs go into
     * @throws IOException if a run folder or the feature cache cannot be written
     */
    public static Result run(Options o, Path runDir) throws IOException {
        ProceduralShapes.Config pc = ProceduralShapes.Config.defaults().withSeed(o.seed).withCounts(o.trainPerClass, o.testPerClass);
        PointCloudDataset train = ProceduralShapes.train(pc);
        PointCloudDataset test = ProceduralShapes.test(pc);
        List<String> seen = seenClasses(train.classNames());
        List<String> unseen = unseenClasses(train.classNames());
        Split s = new Split(ClassSubset.of(train, seen), ClassSubset.of(test, seen), ClassSubset.of(train, unseen),
                ClassSubset.of(test, unseen));
        ReconConfig nano = ReconConfig.NANO;
        RunFolder run = RunFolder.at(runDir);
        FeatureCache cache = FeatureCache.at(o.cacheDir != null ? o.cacheDir : runDir.resolveSibling("feature-cache"));
        List<Stage> stages = new ArrayList<>();
        String setup = String.format(Locale.ROOT, "Data: %s, %d train / %d test shapes per class. Pretraining sees only the "
                + "8 **seen** classes (%s); every claim row is measured on the 8 **unseen** classes (%s), which no pretraining "
                + "saw or named, with seen-class rows for contrast. Model: ReCon-Nano; ReCon with the MiniLM text teacher%s, "
                + "%d epochs each on %d shapes. Few-shot: %d-way %d-shot logistic probes on frozen features, %d folds (the same "
                + "for every encoder). Seed %d. Verdict: reproduced when the paired 95%% bootstrap CI of (pretrained − "
                + "baseline) is above 0, not reproduced when below, else inconclusive. Float path (the same seed on the same "
                + "path gives the same digits; another path, other digits of the same statistics): %s.", train.name(),
                o.trainPerClass, o.testPerClass, String.join(", ", seen), String.join(", ", unseen), o.pointMae ? " and "
                + "Point-MAE† (masked point modelling only)" : "", o.pretrainEpochs, s.seenTrain().size(), o.way, o.shot,
                o.folds, o.seed, NumericPath.describe(Devices.best()));

        List<ClaimRow> rows = new ArrayList<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        Map<String, double[]> perFold = new LinkedHashMap<>();
        List<ShapeView> shapes;
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            TextTeacher text = Teachers.text("minilm");
            double pretrainEstimate = (double) o.pretrainEpochs * s.seenTrain().size() / PRETRAIN_RATE;
            o.progress.accept("== 1 pretraining ReCon-Nano (MiniLM text teacher) on the seen classes, " + o.pretrainEpochs
                    + " epochs");
            long t0 = System.nanoTime();
            DistillationTargets targets = DistillationTargets.prepare(s.seenTrain(), text, null, null, cache);
            PretrainConfig base = PretrainConfig.builder(nano).optEpochs(o.pretrainEpochs).optBatchSize(32).optLr(o.lr)
                    .optWarmupEpochs(0).optSeed(o.seed).build();
            Path recon = pretrain(base.withDistillation(targets, DistillationConfig.official(targets, false)), s.seenTrain(),
                    targets, run, "pretrain-recon", m, o.progress);
            stages.add(new Stage("pretrain ReCon", pretrainEstimate, seconds(t0)));
            logs.put("ReCon", recon.resolveSibling(METRICS));
            Path mae = null;
            if (o.pointMae) {
                o.progress.accept("== 2 pretraining Point-MAE† (masked point modelling only), same budget");
                t0 = System.nanoTime();
                mae = pretrain(base.withMethod(PretrainMethod.MPM), s.seenTrain(), null, run, "pretrain-pointmae", m, o.progress);
                stages.add(new Stage("pretrain Point-MAE†", pretrainEstimate, seconds(t0)));
                logs.put("Point-MAE†", mae.resolveSibling(METRICS));
            }

            o.progress.accept("== 3 frozen features of every split (ReCon, " + (o.pointMae ? "Point-MAE†, " : "") + "random init)");
            t0 = System.nanoTime();
            Features fRecon = features(nano, recon, s, o.seed, m);
            Features fMae = mae == null ? null : features(nano, mae, s, o.seed, m);
            Features fRandom = features(nano, null, s, o.seed, m);
            int encoders = o.pointMae ? 3 : 2;
            stages.add(new Stage("frozen features", encoders * (double) s.size() / INFERENCE_RATE, seconds(t0)));

            o.progress.accept("== 4 few-shot and linear probes on frozen features");
            t0 = System.nanoTime();
            List<FewShotFold> unseenFolds = folds(s.unseenTrain(), s.unseenTest(), o);
            List<FewShotFold> seenFolds = folds(s.seenTrain(), s.seenTest(), o);
            ProbeScores recUnseen = probes(fRecon.unseenTrain, fRecon.unseenTest, unseenFolds, o.seed);
            ProbeScores rndUnseen = probes(fRandom.unseenTrain, fRandom.unseenTest, unseenFolds, o.seed);
            ProbeScores maeUnseen = fMae == null ? null : probes(fMae.unseenTrain, fMae.unseenTest, unseenFolds, o.seed);
            ProbeScores recSeen = probes(fRecon.seenTrain, fRecon.seenTest, seenFolds, o.seed);
            ProbeScores rndSeen = probes(fRandom.seenTrain, fRandom.seenTest, seenFolds, o.seed);
            stages.add(new Stage("probes", 0, seconds(t0)));
            perFold.put("ReCon", recUnseen.fewShot);
            if (maeUnseen != null) {
                perFold.put("Point-MAE†", maeUnseen.fewShot);
            }
            perFold.put("random init", rndUnseen.fewShot);
            String fewShot = String.format(Locale.ROOT, "%d-way %d-shot, frozen features (%%)", o.way, o.shot);
            double chanceWay = 100.0 / o.way;
            double chanceAll = 100.0 / unseen.size();

            rows.add(versus("1 pretraining pays: ReCon > random init", fewShot + ", unseen classes",
                    "logistic probe on 10 shapes per class of classes pretraining never saw; same folds for both encoders",
                    recUnseen.fewShot, "random init", rndUnseen.fewShot, chanceWay, "folds", o.seed));
            if (maeUnseen != null) {
                rows.add(versus("1 pretraining pays: Point-MAE† > random init", fewShot + ", unseen classes",
                        "as above, the encoder pretrained by masked point modelling alone", maeUnseen.fewShot, "random init",
                        rndUnseen.fewShot, chanceWay, "folds", o.seed));
                rows.add(versus("1 pretraining pays: ReCon > Point-MAE†", fewShot + ", unseen classes",
                        "what the text teacher adds to masked point modelling, same budget", recUnseen.fewShot, "Point-MAE†",
                        maeUnseen.fewShot, chanceWay, "folds", o.seed));
            }
            rows.add(versus("1 pretraining pays: ReCon > random init", "linear probe, all unseen-class shapes (%)",
                    "logistic probe (C by CV on train) on every unseen-class training shape, scored per test shape",
                    recUnseen.linear, "random init", rndUnseen.linear, chanceAll, "shapes", o.seed));
            rows.add(versus("1 (contrast) ReCon > random init", fewShot + ", seen classes",
                    "the same protocol on the classes pretraining saw (their test shapes were never seen)",
                    recSeen.fewShot, "random init", rndSeen.fewShot, chanceWay, "folds", o.seed));

            o.progress.accept("== 5 zero-shot by text, unseen and seen classes");
            t0 = System.nanoTime();
            ZeroShotModel zs = ZeroShotModel.load(recon, nano, ZeroShotModel.Type.TEXT, 1f, m);
            float[][] unseenNames = ZeroShot.classEmbeddings(text, s.unseenTest().classNames(), cache);
            ZeroShot.Features unseenFeatures = ZeroShot.extract(zs, nano, List.of(s.unseenTest()), 32, o.seed, m);
            int k = unseenNames.length;
            rows.add(zeroShot("5 zero-shot reaches unseen classes (goal: 2× chance)", "zero-shot top-1, unseen classes (%)",
                    "cosine argmax against the text teacher's embeddings of " + k + " class names pretraining never named; "
                            + "compared with twice chance, the issue's goal",
                    ZeroShot.score(unseenFeatures.rows(), unseenNames, unseenFeatures.labels()), k, true, false, o.seed));
            rows.add(zeroShot("5 (deviation) zero-shot naming clusters, unseen classes",
                    "transductive zero-shot top-1, unseen classes (%)",
                    "the same cosines, k-means clusters of the unseen test shapes named one-to-one (`recon zeroshot "
                            + "--transductive`, a named deviation: it sees the unlabelled shapes together and knows their "
                            + "number of classes); the interval is per shape, not over clusterings",
                    ZeroShot.scoreTransductive(unseenFeatures.rows(), unseenFeatures.labels(),
                            x -> ZeroShot.similarities(x, unseenNames), k, o.seed), k, true, true, o.seed));
            float[][] seenNames = ZeroShot.classEmbeddings(text, s.seenTest().classNames(), cache);
            rows.add(zeroShot("5 (contrast) zero-shot, seen classes", "zero-shot top-1, seen classes (%)",
                    "the same on the seen classes' test shapes, against chance",
                    ZeroShot.evaluate(zs, nano, List.of(s.seenTest()), seenNames, 32, o.seed, m), seenNames.length, false,
                    false, o.seed));
            shapes = shapeViews(zs, recon, nano, s.unseenTest(), unseenNames, m);
            stages.add(new Stage("zero-shot", (s.unseenTest().size() + s.seenTest().size() + SHAPE_VIEWS) / INFERENCE_RATE,
                    seconds(t0)));
        }
        rows.add(ClaimRow.notRun("2 the two-stream block", "ReCon vs two-tower vs multi-task at equal budget",
                "needs tens of pretraining epochs per row on ModelNet to separate architectures: "
                        + "`ROWS=\"recon twotower multitask\" scripts/claims-modelnet10.sh`; " + MEASURED));
        rows.add(ClaimRow.notRun("3 data scaling", "mpm / cmc / recon at 25–100% of the pretraining data",
                "twelve pretraining runs: `scripts/data-scaling.sh`; " + MEASURED));
        rows.add(ClaimRow.notRun("4 the teacher matters", "ImageNet vs CAE vs text-only teacher vs none",
                "needs the image teachers and ModelNet: `ROWS=\"recon recon-cae recon-text mpm\" scripts/claims-modelnet10.sh`; "
                        + MEASURED));
        rows.add(ClaimRow.notRun("6 CAE: pretrained > random init, attentive > linear", "CAE probes on Fashion-MNIST",
                "CAE-tiny needs ≥ 20 epochs on Fashion-MNIST (hours on 2 cores): `scripts/cae-ablation.sh`; " + MEASURED));
        return new Result(setup, rows, stages, new Figures(logs, perFold, shapes, nano.depth()));
    }

    /**
     * The report's test shapes: the first test shape of each of the first {@link #SHAPE_VIEWS} unseen classes, each
     * with the zero-shot prediction on the points the viewer shows and the ReCon encoder's global-query attention
     * (last block), read from the model's own attention modules.
     */
    private static List<ShapeView> shapeViews(ZeroShotModel zs, Path recon, ReconConfig nano, PointCloudDataset unseenTest,
                                              float[][] classes, NDManager parent) throws IOException {
        List<ShapeView> out = new ArrayList<>();
        try (NDManager m = parent.newSubManager()) {
            ReconClassifier model = ReconClassifier.builder(nano).setClasses(unseenTest.classNames().size())
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            model.initialize(m);
            Weights.loadIntoClassifier(model, recon);
            java.util.Set<Integer> shown = new java.util.HashSet<>();
            for (int i = 0; i < unseenTest.size() && out.size() < SHAPE_VIEWS; i++) {
                if (!shown.add(unseenTest.labelOf(i))) {
                    continue;
                }
                Sample sample = unseenTest.get(i);
                float[] xyz = DatasetPipelines.modelNetTest(nano.numPoints()).apply(sample.points(), new SplittableRandom(i)).xyz();
                AttentionMap.Recording rec = AttentionMap.record(model, m, xyz);
                float[] feature;
                try (NoGrad off = NoGrad.open(); NDManager step = m.newSubManager()) {
                    feature = zs.features(new ParameterStore(step, false), Patches.of(rec.grouping(), step)).toFloatArray();
                }
                double[] cos = ZeroShot.similarities(feature, classes);
                int predicted = ZeroShot.rank(feature, classes)[0];
                out.add(new ShapeView(sample.id(), xyz, unseenTest.classNames().get(sample.label()),
                        unseenTest.classNames().get(predicted), cos[predicted], rec.globalQueryMaps()));
            }
        }
        return out;
    }

    /** The four class-subset splits: pretraining data (seen train) and the evaluation splits. */
    private record Split(PointCloudDataset seenTrain, PointCloudDataset seenTest, PointCloudDataset unseenTrain,
                         PointCloudDataset unseenTest) {
        int size() {
            return seenTrain.size() + seenTest.size() + unseenTrain.size() + unseenTest.size();
        }
    }

    /** One encoder's frozen SVM features of the four splits. */
    private record Features(Outputs seenTrain, Outputs seenTest, Outputs unseenTrain, Outputs unseenTest) {
    }

    /** Per-fold few-shot accuracies and per-test-shape correctness of the full linear probe, both in percent. */
    private record ProbeScores(double[] fewShot, double[] linear) {
    }

    private static Path pretrain(PretrainConfig cfg, PointCloudDataset data, DistillationTargets targets, RunFolder run,
                                 String name, NDManager m, Consumer<String> progress) throws IOException {
        RunFolder dir = RunFolder.at(run.resolve(name));
        TrainingLoop.Result r = Pretraining.run(cfg, data, targets, dir, false, m);
        progress.accept(String.format(Locale.ROOT, "   last epoch loss %.4f, %.0f s", r.lastLoss(), r.seconds()));
        return dir.resolve("pretrained.pth");
    }

    /** Frozen features of {@code weights} (null: a randomly initialised encoder, seeded). */
    private static Features features(ReconConfig nano, Path weights, Split s, long seed, NDManager parent) throws IOException {
        try (NDManager m = parent.newSubManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            ReconClassifier model = ReconClassifier.builder(nano).setClasses(ProceduralShapes.NUM_CLASSES / 2)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            model.initialize(m);
            if (weights != null) {
                Weights.loadIntoClassifier(model, weights);
            }
            ModelClassifier f = new ModelClassifier(model, m);
            return new Features(collect(f, s.seenTrain(), nano), collect(f, s.seenTest(), nano), collect(f, s.unseenTrain(), nano),
                    collect(f, s.unseenTest(), nano));
        }
    }

    private static Outputs collect(ModelClassifier f, PointCloudDataset data, ReconConfig nano) {
        return Evaluator.collect(f.svmFeatures(), data, DatasetPipelines.modelNetTest(nano.numPoints()), 32, 0, 0, null);
    }

    /** The few-shot folds (support from train, up to 20 query shapes per class from test), shared by every encoder. */
    private static List<FewShotFold> folds(PointCloudDataset support, PointCloudDataset query, Options o) throws IOException {
        int querySize = Math.min(FewShotSplits.DEFAULT_QUERY_SIZE, o.testPerClass);
        List<FewShotFold> folds = new ArrayList<>();
        for (int f = 0; f < o.folds; f++) {
            folds.add(FewShotSplits.generate(support, query, o.way, o.shot, querySize, o.seed, f));
        }
        return folds;
    }

    /** Few-shot logistic probes per fold (C by CV on the support set) and the probe on all training rows. */
    private static ProbeScores probes(Outputs train, Outputs test, List<FewShotFold> folds, long seed) {
        double[] fewShot = new double[folds.size()];
        for (int f = 0; f < fewShot.length; f++) {
            FewShotFold fold = folds.get(f);
            float[][] x = new float[fold.train().size()][];
            int[] y = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = train.row(fold.train().get(i).index());
                y[i] = fold.train().get(i).label();
            }
            LogisticProbe p = LogisticProbe.fit(x, y, LogisticProbe.Options.defaults(seed + f));
            float[][] q = new float[fold.test().size()][];
            for (int i = 0; i < q.length; i++) {
                q[i] = test.row(fold.test().get(i).index());
            }
            int[] pred = p.predict(q);
            int correct = 0;
            for (int i = 0; i < q.length; i++) {
                correct += pred[i] == fold.test().get(i).label() ? 1 : 0;
            }
            fewShot[f] = 100.0 * correct / q.length;
        }
        LogisticProbe all = LogisticProbe.fit(train.rows(), train.labels(), LogisticProbe.Options.defaults(seed));
        int[] pred = all.predict(test.rows());
        double[] linear = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            linear[i] = pred[i] == test.labels()[i] ? 100 : 0;
        }
        return new ProbeScores(fewShot, linear);
    }

    /** A row comparing {@code a} with baseline {@code b} on the same units, chance beside them. */
    static ClaimRow versus(String claim, String metric, String tests, double[] a, String baseline, double[] b, double chance,
                           String unit, long seed) {
        PairedComparison c = PairedComparison.of(a, b, seed);
        Estimate ea = unit.equals("folds") ? Estimate.ofFolds(a) : Estimate.ofShapes(a);
        Estimate eb = unit.equals("folds") ? Estimate.ofFolds(b) : Estimate.ofShapes(b);
        Verdict v = Verdict.of(c);
        return new ClaimRow(claim, metric, tests, ea, List.of(new Baseline(baseline, eb), Baseline.exact("chance", chance)), c, v,
                why(v, baseline, ea, eb, c));
    }

    /** The verdict line in words. */
    static String why(Verdict v, String baseline, Estimate a, Estimate b, PairedComparison c) {
        String diff = String.format(Locale.ROOT, "%+.1f points [%+.1f, %+.1f] over %d %s", c.meanDifference(), c.low(), c.high(),
                c.n(), a.unit());
        return switch (v) {
            case REPRODUCED -> "the pretrained encoder beats " + baseline + " by " + diff + ", the whole interval above 0.";
            case NOT_REPRODUCED -> baseline + " is better by " + String.format(Locale.ROOT, "%+.1f", -c.meanDifference())
                    + " points (" + diff + "): at this budget pretraining has not yet moved the features past "
                    + (baseline.equals("random init") ? "a random encoder's, which already separate these shapes well ("
                    + b.format() + "%)" : baseline + "'s") + ".";
            case INCONCLUSIVE -> "the difference " + diff + " is within the spread"
                    + (b.mean() > 75 ? ": " + baseline + " already separates these shapes (" + b.format() + "%), little room is left."
                    : "; more pretraining epochs or folds would be needed to decide.");
            case NOT_RUN -> throw new IllegalArgumentException("a measured row has a verdict");
        };
    }

    /**
     * Zero-shot by text against chance, or (unseen classes) against the goal of twice chance.
     *
     * @param r the predictions, per shape or by {@link ZeroShot#scoreTransductive}
     * @param classes K, the names scored against
     */
    private static ClaimRow zeroShot(String claim, String metric, String tests, ZeroShot.Result r, int classes, boolean unseen,
                                     boolean transductive, long seed) {
        double chance = 100.0 / classes;
        double bar = unseen ? 2 * chance : chance;
        double[] correct = new double[r.samples()];
        double[] barRow = new double[r.samples()];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = r.predictions()[i] == r.labels()[i] ? 100 : 0;
            barRow[i] = bar;
        }
        PairedComparison c = PairedComparison.of(correct, barRow, seed);
        Estimate e = Estimate.ofShapes(correct);
        Verdict v = Verdict.of(c);
        String names = unseen ? "names it was never trained on" : "the names it was distilled on";
        String against = unseen ? "twice chance" : "chance";
        String why = transductive ? transductiveWhy(v, e.mean() / chance, c) : switch (v) {
            case REPRODUCED -> String.format(Locale.ROOT, "%.1f× chance; the text query carries class meaning to %s "
                    + "(%+.1f points [%+.1f, %+.1f] over %s).", e.mean() / chance, names, c.meanDifference(), c.low(), c.high(),
                    against);
            case NOT_REPRODUCED -> String.format(Locale.ROOT, "%.1f× chance, below %s (%+.1f points [%+.1f, %+.1f]): without a "
                    + "CLIP-like teacher the text query generalises only weakly to %s.", e.mean() / chance, against,
                    c.meanDifference(), c.low(), c.high(), names);
            case INCONCLUSIVE -> String.format(Locale.ROOT, "%.1f× chance, not separable from %s (%+.1f points [%+.1f, %+.1f]).",
                    e.mean() / chance, against, c.meanDifference(), c.low(), c.high());
            case NOT_RUN -> throw new IllegalStateException();
        };
        List<Baseline> baselines = unseen
                ? List.of(Baseline.exact("chance = majority", chance), Baseline.exact("goal 2× chance", bar))
                : List.of(Baseline.exact("chance = majority", chance));
        return new ClaimRow(claim, metric, tests, e, baselines, c, v, why);
    }

    /** Why a transductive row came out as it did: it answers for groups of shapes, not for one shape. */
    private static String transductiveWhy(Verdict v, double timesChance, PairedComparison c) {
        String diff = String.format(Locale.ROOT, "%+.1f points [%+.1f, %+.1f] over twice chance", c.meanDifference(), c.low(),
                c.high());
        return switch (v) {
            case REPRODUCED -> String.format(Locale.ROOT, "%.1f× chance by naming clusters (%s): the text query's evidence, "
                    + "weak shape by shape, is right on average over a group; it needs a batch of unlabelled shapes of the "
                    + "new classes and their number.", timesChance, diff);
            case NOT_REPRODUCED -> String.format(Locale.ROOT, "%.1f× chance even by clusters (%s): the clusters are impure or "
                    + "the text query's evidence is biased, not only noisy, on these names.", timesChance, diff);
            case INCONCLUSIVE -> String.format(Locale.ROOT, "%.1f× chance by clusters, not separable from twice chance (%s); "
                    + "one clustering either names a group right or swaps it, so the per-shape interval understates the spread.",
                    timesChance, diff);
            case NOT_RUN -> throw new IllegalStateException();
        };
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
