package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.ReconCheckpoint;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.eval.ConfusionImage;
import io.recon4j.eval.LinearSvm;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.SvmPart;
import io.recon4j.protocol.SvmProtocol;
import io.recon4j.protocol.TestPredictions;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code recon svm}: the linear-SVM probe of a frozen encoder. */
@Command(name = "svm", mixinStandardHelpOptions = true,
        description = {"Linear-SVM protocol: embed the train and test splits with the frozen encoder in eval mode (plain FPS,",
            "no augmentation; feature = [max over the 3 queries, max + mean over local tokens], 2C), fit liblinear's",
            "L2-regularised squared-hinge SVC (dual, one-vs-rest, as sklearn LinearSVC) on train, score on test.",
            "Features are not standardised (as officially). Writes svm.md, confusion.png and predictions.json (each",
            "test shape's label and both probes' predictions, for recon compare). Also reports a",
            "logistic-regression probe on the same features (z-scored, C by 5-fold CV on train; not official)."})
final class SvmCommand extends ReconCommand {

    /** Lower-case part names, as the other options spell their values. */
    static final class SvmPartConverter implements ITypeConverter<SvmPart> {
        @Override
        public SvmPart convert(String value) {
            for (SvmPart p : SvmPart.values()) {
                if (p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new TypeConversionException("'" + value + "': expected both, queries or locals");
        }
    }

    @Option(names = "--checkpoint", description = {"Pretrained weights (recon4j pretrained.pth or official). Without it the",
        "encoder is randomly initialised (a baseline, labelled as such)."})
    Path checkpoint;

    @Mixin
    CheckpointLoading model;

    @Mixin
    DataOptions data;

    @Option(names = "--c", defaultValue = "0.075", description = "SVM regularisation C (official ${DEFAULT-VALUE}; sklearn default 1).")
    double c;

    @Option(names = "--tol", defaultValue = "1e-4", description = "Solver tolerance (sklearn default ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--max-iter", defaultValue = "1000", description = "Solver iteration limit (sklearn default ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tower", paramLabel = "INDEX", description = {"Probe one tower's feature alone (2C; only that tower",
        "runs): 0 = MAE_encoder, 1 = Dis_encoder of a two-tower checkpoint. Default: every tower, concatenated",
        "(official). An analysis option, e.g. to tell a two-tower's lead from the width of its 4C feature."})
    Integer tower;

    @Option(names = "--part", paramLabel = "PART", defaultValue = "both", converter = SvmPartConverter.class,
        description = {"Which half of each tower's feature to probe: both (official, 2C), queries (max over the query rows,",
            "C) or locals (max + mean over the local tokens, C). An analysis option: what the global queries and the",
            "local tokens each carry."})
    SvmPart part;

    @Mixin
    BatchSize batch = BatchSize.of("32", "Embedding batch size");

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the random init (no checkpoint) and the solver");

    @Mixin
    OutFolder out = OutFolder.described("Output folder (default: runs/svm-<time>)");

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        ReconCheckpoint ckpt = checkpoint == null ? null : model.read(checkpoint); // before the run folder exists
        ReconConfig cfg = ckpt == null ? model.config() : ckpt.card().config();
        int towers = ckpt == null ? 1 : ckpt.card().method().towerCount();
        if (tower != null && (tower < 0 || tower >= towers)) {
            throw new IllegalArgumentException("--tower " + tower + ": " + (ckpt == null ? "the randomly initialised encoder"
                    : checkpoint + " (" + ckpt.card().method().cliName() + ")") + " has " + towers + " tower(s), 0.." + (towers - 1));
        }
        PointCloudDataset train = data.load(Split.TRAIN);
        PointCloudDataset test = data.load(Split.TEST);
        RunFolder run = out.folder("svm");
        String source = (checkpoint == null ? "randomly initialised encoder (no --checkpoint: a baseline)" : checkpoint.toString())
                + (tower == null ? "" : ", tower " + tower + " alone")
                + (part == SvmPart.BOTH ? "" : ", " + part.name().toLowerCase(Locale.ROOT) + " part only");
        pw.printf(Locale.ROOT, "svm: %s; train %s (%d shapes), test %s (%d shapes), %d points, run folder %s%n", source,
                train.name(), train.size(), test.name(), test.size(), cfg.numPoints(), run.dir());
        pw.flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier net = model.encoder(ckpt, train.classNames().size(), seed.seed, m, pw);
            ModelClassifier probe = new ModelClassifier(net, m);
            SvmProtocol.Result r = SvmProtocol.run(probe.svmFeatures(tower == null ? -1 : tower, part), train, test,
                    cfg.numPoints(), batch.batchSize, new LinearSvm.Options(c, tol, maxIter, seed.seed));
            pw.println(r.svmLine());
            pw.println(r.logisticLine());
            ConfusionImage.write(r.matrix(), String.format(Locale.ROOT, "linear SVM on %s: OA %.2f %%", test.name(), r.accuracy()),
                    run.resolve("confusion.png"));
            r.predictions().write(run.resolve(TestPredictions.FILE)); // before svm.md, which marks the run finished
            run.writeText("svm.md", r.toMarkdown(source));
            pw.println("report: " + run.resolve("svm.md"));
        }
        pw.flush();
        return 0;
    }
}
