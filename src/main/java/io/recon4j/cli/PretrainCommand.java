package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    PretrainOptions recipe;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Mixin
    DistillationOptions teachers;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        PretrainConfig base = recipe.config(model.config(), runOptions.seed());
        teachers.check(data, base.method());
        PointCloudDataset train = recipe.fraction(data.load(Split.TRAIN), pw);
        DistillationTargets targets = teachers.prepare(base.method(), train, pw);
        DistillationConfig dc = DistillationConfig.official(targets, recipe.smcTerm(base.method())).withLoss(
                recipe.smcTemperature, recipe.lossWeights[0], recipe.lossWeights[1], recipe.lossWeights[2]);
        PretrainConfig cfg = base.withDistillation(targets, dc);
        RunFolder run = runOptions.folder("pretrain");
        pw.printf(Locale.ROOT, "pretrain (%s) on %s: %d shapes, %d epochs, batch %d, run folder %s%n", cfg.describe(),
                train.name(), train.size(), cfg.epochs(), cfg.batchSize(), run.dir());
        pw.flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best()); Pretraining p = Pretraining.create(cfg, train, targets, run, m)) {
            p.loop().stopAfter(recipe.stopAfter);
            TrainingLoop.Result r = p.train(runOptions.resume);
            RunOptions.printPretrained(pw, r, run);
        }
        pw.flush();
        return 0;
    }
}
