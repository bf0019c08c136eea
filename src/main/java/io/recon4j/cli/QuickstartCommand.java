package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaeImageTeacher;
import io.recon4j.cae.CaePretrainConfig;
import io.recon4j.cae.CaePretraining;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.protocol.FewShotRunner;
import io.recon4j.eval.LinearSvm;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.protocol.SvmProtocol;
import io.recon4j.image.ImageDataset;
import io.recon4j.image.RenderedViews;
import io.recon4j.model.HeadType;
import io.recon4j.model.Masking;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.render.RenderConfig;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.Teachers;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.ZeroShot;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon quickstart}: the whole pipeline with no download. On the embedded procedural dataset by
 * default: ReCon-Nano pretraining with the built-in text teacher, then fine-tuning, few-shot, linear SVM and
 * zero-shot, each beside the same model trained from scratch; one results table and a report.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The whole pipeline with no download, on the embedded procedural dataset (or --data DIR):",
            "pretrain ReCon-Nano (MiniLM text teacher), fine-tune, 5-way 10-shot few-shot, linear SVM and zero-shot,",
            "each beside the same model from scratch; prints one table and writes report.md with plots into the run folder.",
            "The defaults are sized to finish in under 10 minutes on 2 cores; raise the epochs for better models."})
final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--data", description = "A ModelNet-style dataset folder instead of the embedded one.")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data and of every run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-per-class", defaultValue = "60", description = "Embedded dataset: training shapes per class (default ${DEFAULT-VALUE}).")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "20", description = "Embedded dataset: test shapes per class (default ${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--pretrain-epochs", defaultValue = "5", description = "Pretraining epochs (default ${DEFAULT-VALUE}).")
    int pretrainEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "4", description = "Fine-tuning epochs (default ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--fewshot-epochs", defaultValue = "10", description = "Few-shot epochs per fold (default ${DEFAULT-VALUE}).")
    int fewshotEpochs;

    @Option(names = "--fewshot-batch-size", defaultValue = "10", description = "Few-shot batch size (official 32, which "
            + "with 50 support shapes and drop-last is one step per epoch; default ${DEFAULT-VALUE}).")
    int fewshotBatch;

    @Option(names = "--cae-epochs", defaultValue = "3", description = "Epochs of the CAE image teacher on depth views; 0 "
            + "pretrains with the text teacher only (default ${DEFAULT-VALUE}).")
    int caeEpochs;

    @Option(names = "--folds", defaultValue = "2", description = "Few-shot folds (official: 10; default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate of every stage (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--runs", defaultValue = "runs", description = "Parent folder of the run folder (default ${DEFAULT-VALUE}).")
    Path runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;

    /** One row of the results table. */
    private record Row(String metric, double pretrained, double scratch, String note) {
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        RunFolder run = RunFolder.create(runs, "quickstart");
        PointCloudDataset train;
        PointCloudDataset test;
        if (data == null) {
            ProceduralShapes.Config pc = ProceduralShapes.Config.defaults().withSeed(seed).withCounts(trainPerClass, testPerClass);
            train = ProceduralShapes.train(pc);
            test = ProceduralShapes.test(pc);
        } else {
            DataOptions d = new DataOptions();
            d.data = data;
            train = d.load(Split.TRAIN);
            test = d.load(Split.TEST);
        }
        ReconConfig nano = ReconConfig.NANO;
        int classes = train.classNames().size();
        say("recon quickstart: %s (%d train, %d test shapes, %d classes), ReCon-Nano, run folder %s",
                train.name(), train.size(), test.size(), classes, run.dir());
        List<Row> rows = new ArrayList<>();
        StringBuilder report = new StringBuilder("# recon quickstart\n\n");
        report.append(String.format(Locale.ROOT, "Data: %s — %d train, %d test shapes, %d classes. Model: ReCon-Nano "
                + "(128-d, 6 blocks, 32 groups × 32 points from 512). Seed %d.%n%n", train.name(), train.size(), test.size(),
                classes, seed));

        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            // 1. The image teacher: CAE-tiny on depth views of the training shapes (skipped with --cae-epochs 0).
            ImageTeacher image = null;
            if (caeEpochs > 0) {
                stage("1/6 image teacher: CAE-tiny on 2 depth views per training shape, " + caeEpochs + " epochs");
                image = imageTeacher(train, run, m);
            }
            // 2. Pretraining: masked point modelling + distillation of the text and image teachers.
            stage("2/6 pretraining ReCon-Nano with the MiniLM text teacher" + (image == null ? "" : " and the CAE image teacher")
                    + ", " + pretrainEpochs + " epochs");
            TextTeacher text = Teachers.text("minilm");
            FeatureCache cache = FeatureCache.at(runs.resolve("feature-cache"));
            DistillationTargets targets;
            try {
                targets = DistillationTargets.prepare(train, text, image,
                        RenderConfig.of(image == null ? 32 : image.input().size(), 1), cache);
            } finally {
                if (image != null) {
                    image.close(); // features are computed and cached; the encoder is not needed any more
                }
            }
            PretrainConfig pcfg = PretrainConfig.builder(nano).optEpochs(pretrainEpochs).optBatchSize(32).optLr(lr)
                    .optWarmupEpochs(0).optSeed(seed).build()
                    .withDistillation(targets, DistillationConfig.official(targets, false));
            RunFolder pre = RunFolder.at(run.resolve("pretrain"));
            TrainingLoop.Result pr = Pretraining.run(pcfg, train, targets, pre, false, m);
            Path weights = pre.resolve("pretrained.pth");
            say("pretraining: last epoch loss %.4f, %.0f s", pr.lastLoss(), pr.seconds());
            report.append("## Pretraining\n\n").append(String.format(Locale.ROOT, "%d epochs, last epoch loss %.4f (Chamfer-L2 + "
                    + "SmoothL1 to the text%s teacher), %.0f s.%n%n![pretraining loss](pretrain/loss.png)%n%n", pretrainEpochs,
                    pr.lastLoss(), caeEpochs > 0 ? " and image (CAE, `cae-teacher/`)" : "", pr.seconds()));

            // 3. Fine-tuning, pretrained vs scratch, same recipe and budget.
            stage("3/6 fine-tuning, " + finetuneEpochs + " epochs, pretrained and from scratch");
            FineTuneConfig ft = FineTuneConfig.modelNet(nano, HeadType.FULL).with(finetuneEpochs, 32, 0, seed).withOptimizer(lr, 10);
            FineTuning.Outcome ftPre = FineTuning.run(ft.withCheckpoint(weights.toString()), train, test,
                    RunFolder.at(run.resolve("finetune-pretrained")), false, m, this::indent);
            FineTuning.Outcome ftScratch = FineTuning.run(ft, train, test, RunFolder.at(run.resolve("finetune-scratch")), false, m,
                    this::indent);
            rows.add(new Row("fine-tune OA (%)", ftPre.best().accuracy(), ftScratch.best().accuracy(), "best epoch, test split"));
            rows.add(new Row("fine-tune mAcc (%)", ftPre.best().meanClassAccuracy(), ftScratch.best().meanClassAccuracy(), ""));
            report.append("## Fine-tuning\n\n![pretrained](finetune-pretrained/accuracy.png)\n\n"
                    + "![scratch](finetune-scratch/accuracy.png)\n\n![confusion, pretrained](finetune-pretrained/confusion.png)\n\n");

            // 4. Few-shot 5-way 10-shot.
            int way = Math.min(5, classes);
            stage("4/6 few-shot " + way + "-way 10-shot, " + folds + " folds, " + fewshotEpochs + " epochs each");
            FineTuneConfig fs = FineTuneConfig.fewShot(nano, HeadType.FULL).with(fewshotEpochs, fewshotBatch, 0, seed).withOptimizer(lr, 10);
            FewShotRunner.Options fo = FewShotRunner.Options.official(way, 10, folds, seed);
            FewShotRunner.Result fsPre = FewShotRunner.run(fs.withCheckpoint(weights.toString()), train, test, fo,
                    RunFolder.at(run.resolve("fewshot-pretrained")), false, m, this::indent);
            FewShotRunner.Result fsScratch = FewShotRunner.run(fs, train, test, fo, RunFolder.at(run.resolve("fewshot-scratch")),
                    false, m, this::indent);
            rows.add(new Row(way + "-way 10-shot (%)", fsPre.mean(), fsScratch.mean(), String.format(Locale.ROOT,
                    "mean of %d folds; std %.1f vs %.1f", folds, fsPre.std(), fsScratch.std())));

            // 5. Linear SVM on frozen features: pretrained encoder vs the same encoder untrained.
            stage("5/6 linear SVM on frozen features");
            ReconClassifier frozen = ReconClassifier.builder(nano).setClasses(classes)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            frozen.initialize(m);
            Weights.loadIntoClassifier(frozen, weights);
            ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
            ReconClassifier random = ReconClassifier.builder(nano).setClasses(classes).build();
            random.initialize(m);
            LinearSvm.Options so = new LinearSvm.Options(0.075, 1e-4, 1000, seed);
            SvmProtocol.Result svmPre = SvmProtocol.run(new ModelClassifier(frozen, m).svmFeatures(), train, test, nano.numPoints(), 32, so);
            SvmProtocol.Result svmRandom = SvmProtocol.run(new ModelClassifier(random, m).svmFeatures(), train, test, nano.numPoints(), 32, so);
            rows.add(new Row("linear SVM (%)", svmPre.accuracy(), svmRandom.accuracy(), "scratch = untrained encoder"));
            rows.add(new Row("logistic probe (%)", svmPre.logistic().accuracy(), svmRandom.logistic().accuracy(),
                    "same features, z-scored, C by CV on train"));

            // 6. Zero-shot with the text teacher's class embeddings.
            stage("6/6 zero-shot classification by text");
            ZeroShotModel zs = ZeroShotModel.load(weights, nano, ZeroShotModel.Type.TEXT, 1f, m);
            float[][] classEmb = ZeroShot.classEmbeddings(text, test.classNames(), cache);
            ZeroShot.Result z = ZeroShot.evaluate(zs, nano, List.of(test), classEmb, 32, seed, m);
            rows.add(new Row("zero-shot top-1 (%)", z.top1(), 100.0 / classes, "scratch column = chance"));
            rows.add(new Row("zero-shot top-5 (%)", z.top5(), 100.0 * Math.min(5, classes) / classes, "scratch column = chance"));
        }

        String table = table(rows);
        double minutes = (System.nanoTime() - t0) / 60e9;
        out.println();
        out.println(table);
        long wins = rows.stream().filter(r -> r.pretrained() > r.scratch()).count();
        String verdict = String.format(Locale.ROOT, "pretrained beats scratch/chance on %d of %d metrics; total %.1f min", wins,
                rows.size(), minutes);
        out.println(verdict);
        report.append("## Results\n\n").append(table).append('\n').append(verdict).append(".\n\n")
                .append("Budgets are tiny (minutes on 2 cores), so absolute numbers are far from converged; the comparison is at an "
                        + "equal budget. Run folders of every stage are beside this report.\n");
        run.writeText("report.md", report.toString());
        out.println("report: " + run.resolve("report.md"));
        out.println("interactive report: " + io.recon4j.report.RunReport.write(run.resolve("finetune-pretrained"), test, 6));
        out.flush();
        return 0;
    }

    /** CAE-tiny pretrained on two depth views per training shape; its checkpoint becomes the image teacher. */
    private ImageTeacher imageTeacher(PointCloudDataset train, RunFolder run, NDManager m) throws IOException {
        CaeConfig cae = CaeConfig.tiny();
        ImageDataset raw = RenderedViews.of(train, RenderConfig.of(cae.imageSize(), 2));
        ImageDataset.ChannelStats stats = raw.channelStats();
        float[] mean = {(float) stats.mean()[0]};
        float[] std = {(float) stats.std()[0]};
        CaePretrainConfig cfg = CaePretrainConfig.official(cae, raw.name() + " (" + raw.size() + " images)", mean, std)
                .withRun(caeEpochs, 64, 1.5e-3, Math.min(1, caeEpochs - 1), seed);
        RunFolder dir = RunFolder.at(run.resolve("cae-teacher"));
        TrainingLoop.Result r = CaePretraining.run(cfg, raw.normalized(mean, std), dir, false, m);
        say("image teacher: CAE loss %.4f after %d epochs, %.0f s", r.lastLoss(), caeEpochs, r.seconds());
        return CaeImageTeacher.load(dir.resolve("pretrained.pth"));
    }

    private static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| metric | pretrained (ReCon) | scratch | note |\n|---|---:|---:|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", r.metric(), r.pretrained(), r.scratch(), r.note()));
        }
        return sb.toString();
    }

    private void stage(String what) {
        say("== %s", what);
    }

    private void indent(String line) {
        out.println("   " + line);
        out.flush();
    }

    private void say(String fmt, Object... args) {
        out.println(String.format(Locale.ROOT, fmt, args));
        out.flush();
    }
}
