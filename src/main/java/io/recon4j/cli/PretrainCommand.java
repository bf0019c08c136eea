package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.Masking;
import io.recon4j.model.PretrainMethod;
import io.recon4j.render.RenderConfig;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon pretrain}: ReCon pretraining (masked point modelling + cross-modal distillation), or another method. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"ReCon pretraining with the official recipe (AdamW, per-epoch cosine with warm-up, random",
            "y-rotation, rand masking 0.6): Chamfer reconstruction plus SmoothL1 distillation of the img/text queries",
            "into frozen teacher features (computed once, cached in --cache), optionally the single-modal contrastive",
            "term (--smc). With --text-teacher none and --img-teacher none it is Point-MAE†. Writes ckpt-last.pth every",
            "epoch, metrics.jsonl (every loss term), loss.png and pretrained.pth into the run folder; --resume",
            "continues exactly where a run stopped (also after Ctrl-C).",
            "--method picks one of the paper's pretraining methods, each a configuration of the same parts:",
            "  recon      ReCon (default): ReCon blocks, masked input, mdm + csc_img + csc_text (+ smc with --smc)",
            "  mpm        masked point modelling only (Point-MAE†): the ReCon model, teachers off, mdm",
            "  cmc        cross-modal distillation only: the official two-tower Dis_encoder alone (standard blocks,",
            "             [img, text] tokens, every group visible, no masking, no decoder), csc_img + csc_text",
            "  smc        single-modal contrastive only: standard blocks, one cls token, every group visible, the SMC",
            "             term on cls_proj (uses the labels, as the official SMC), nothing else",
            "  multitask  vanilla multi-task learning: one standard Transformer over [cls, img, text, visible groups]",
            "             (plain self-attention, no stop-gradient), mdm + csc_img + csc_text",
            "  twotower   the official TwoTower: a Point-MAE tower (mdm) and a separate Dis_encoder tower (csc_*),",
            "             no shared weights; fine-tuning, svm and fewshot concatenate both towers' features",
            "Downstream commands recognise each method's checkpoint by its tensor names."})
final class PretrainCommand extends ReconCommand {

    @Option(names = "--method", defaultValue = "recon",
            description = "recon, mpm, cmc, smc, multitask or twotower (see above; default ${DEFAULT-VALUE}).")
    String method;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Mixin
    TeacherOptions teachers;

    @Mixin
    ImageTeacherOptions imageTeacher;

    @Option(names = "--img-standardize", description = {"Standardise each image-feature dimension over the training set",
        "(not in the official code): for teachers whose features barely vary from shape to shape."})
    boolean imgStandardize;

    @Option(names = "--smc", description = "Add the single-modal contrastive term on the cls query (official default: off).")
    boolean smc;

    @Option(names = "--smc-temperature", defaultValue = "0.1", description = "SMC temperature (default ${DEFAULT-VALUE}).")
    float smcTemperature;

    @Option(names = "--loss-weights", defaultValue = "1,1,1", split = ",",
            description = "Weights of csc_img, csc_text and smc (mdm is 1; official 1,1,1).")
    float[] lossWeights;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs (official: 300; default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--stop-after", defaultValue = "0",
            description = "Stop after this many epochs, with the schedule still planned over --epochs (a budgeted run; --resume continues it). 0 = run to the end.")
    int stopAfter;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (official: 128; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (ReCon 5e-4, Point-MAE 1e-3; default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up epochs (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip", defaultValue = "0", description = "Global gradient-norm clip, 0 for none (official: none).")
    double clip;

    @Option(names = "--mask", defaultValue = "rand", description = "Masking: rand or block (default ${DEFAULT-VALUE}).")
    String mask;

    @Mixin
    RunSeed runSeed;

    @Option(names = "--data-fraction", defaultValue = "1", description = {"Pretrain on this stratified fraction of the",
        "training split, in (0, 1] (data-scaling studies; subsets of one --fraction-seed are nested; default",
        "${DEFAULT-VALUE})."})
    double dataFraction;

    @Option(names = "--fraction-seed", defaultValue = "0", description = "Seed of the --data-fraction subset (default ${DEFAULT-VALUE}).")
    long fractionSeed;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        runOptions.checkResume();
        if (stopAfter < 0) {
            throw new IllegalArgumentException("--stop-after must be >= 0 (0 = run to the end), got " + stopAfter);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw new IllegalArgumentException("--data-fraction must be in (0, 1], got " + dataFraction);
        }
        if (lossWeights.length != 3) {
            throw new IllegalArgumentException("--loss-weights takes three numbers (csc_img,csc_text,smc), got "
                    + lossWeights.length);
        }
        imageTeacher.checkUp(data);
        ImageTeacherOptions.checkRender(imageTeacher.imgRender);
        // Refuse a bad size, schedule or mask before any data is read or any teacher feature computed.
        PretrainConfig.builder(model.config()).optMasking(Masking.parse(mask)).optEpochs(epochs)
                .optBatchSize(batchSize).optLr(lr).optWarmupEpochs(warmup).optClipNorm(clip).optSeed(runSeed.seed).build();
        PretrainMethod pm = PretrainMethod.parse(method);
        boolean smcTerm = smc || pm.contrastsSingleModal();
        if (smc && !pm.hasClsQuery()) {
            throw new IllegalArgumentException("--smc trains a cls token, which --method " + pm.cliName() + " does not have");
        }
        if (!pm.distils() && imageTeacher.present()) {
            throw new IllegalArgumentException("--method " + pm.cliName() + " distils no teacher; drop --img-teacher");
        }
        PointCloudDataset train = data.load(Split.TRAIN);
        if (dataFraction < 1) {
            int all = train.size();
            train = io.recon4j.data.FractionSubset.of(train, dataFraction, fractionSeed);
            pw.printf(java.util.Locale.ROOT, "data fraction %.4g: %d of %d training shapes (stratified, seed %d)%n",
                    dataFraction, train.size(), all, fractionSeed);
        }
        // mpm and smc use no teacher, whatever --text-teacher says (its default is minilm).
        TextTeacher text = pm.distils() ? teachers.text() : null;
        DistillationTargets targets;
        try (ImageTeacher image = pm.distils() ? imageTeacher.open() : null) {
            RenderConfig render = imageTeacher.render(image);
            if (image != null) {
                pw.printf(Locale.ROOT, "image teacher %s sees %d %s view(s) of %d px (--img-render, --img-views)%n", image.identity(),
                        render.views(), render.mode().cliName(), render.size());
            }
            targets = text == null && image == null ? null
                    : DistillationTargets.prepare(train, text, image, render, teachers.featureCache());
        }
        if (targets != null) {
            reportSpread(pw, "text", targets.textSpread(), false);
            reportSpread(pw, "image", targets.imageSpread(), imgStandardize);
            if (imgStandardize) {
                targets = targets.withStandardizedImages();
            }
        } else if (imgStandardize) {
            throw new IllegalArgumentException("--img-standardize needs an image teacher (--img-teacher)");
        }
        if (targets == null && pm.distils() && pm != PretrainMethod.RECON) {
            throw new IllegalArgumentException("--method " + pm.cliName() + " distils teacher features: give --text-teacher "
                    + "minilm and/or --img-teacher");
        }
        DistillationConfig dc = DistillationConfig.official(targets, smcTerm)
                .withLoss(smcTemperature, lossWeights[0], lossWeights[1], lossWeights[2]);
        PretrainConfig cfg = PretrainConfig.builder(model.config()).optMasking(Masking.parse(mask)).optEpochs(epochs)
                .optBatchSize(batchSize).optLr(lr).optWarmupEpochs(warmup).optClipNorm(clip).optSeed(runSeed.seed)
                .build().withDistillation(targets, dc).withMethod(pm);
        RunFolder run = runOptions.folder("pretrain");
        pw.printf(Locale.ROOT, "pretrain (%s) on %s: %d shapes, %d epochs, batch %d, run folder %s%n", describe(cfg),
                train.name(), train.size(), epochs, batchSize, run.dir());
        pw.flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            TrainingLoop.Result r;
            try (Pretraining p = Pretraining.create(cfg, train, targets, run, m)) {
                p.loop().stopAfter(stopAfter);
                r = p.train(runOptions.resume);
            }
            RunOptions.printPretrained(pw, r, run);
        }
        pw.flush();
        return 0;
    }

    /** Prints a teacher's feature spread; warns when the distillation target is nearly one constant vector. */
    private static void reportSpread(PrintWriter pw, String which, DistillationTargets.Spread spread, boolean standardized) {
        if (spread == null) {
            return;
        }
        pw.printf(Locale.ROOT, "%s teacher features over the training set: %s%s%n", which, spread,
                standardized ? "; standardised per dimension (--img-standardize)" : "");
        if (spread.relative() < 0.01 && !standardized) {
            pw.printf(Locale.ROOT, "warning: the %s teacher's features barely vary from shape to shape; distilling them "
                    + "carries little signal%s%n", which, which.equals("image") ? " (see --img-standardize)" : "");
        }
        pw.flush();
    }

    private static String describe(PretrainConfig cfg) {
        DistillationConfig d = cfg.distillation();
        PretrainMethod pm = cfg.method();
        if (pm == PretrainMethod.SMC) {
            return "smc: single-modal contrastive only, every group visible";
        }
        if (pm == PretrainMethod.MPM || (cfg.textDim() == 0 && cfg.imgDim() == 0 && !d.smc())) {
            return (pm == PretrainMethod.MPM ? "mpm" : "Point-MAE†") + ": reconstruction only";
        }
        String who = switch (pm) {
            case CMC -> "cmc: distillation only, every group visible";
            case MULTITASK -> "multitask: one single-stream Transformer";
            case TWOTOWER -> "twotower: masked-modelling tower + distillation tower";
            default -> "ReCon";
        };
        return who + ": text teacher " + (cfg.textDim() > 0 ? cfg.textDim() + "-d" : "none") + ", image teacher "
                + (cfg.imgDim() > 0 ? cfg.imgDim() + "-d" : "none") + ", SMC " + (d.smc() ? "on" : "off");
    }
}
