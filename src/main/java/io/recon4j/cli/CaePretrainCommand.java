package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaePretrainConfig;
import io.recon4j.cae.CaePretraining;
import io.recon4j.data.Split;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import io.recon4j.image.RenderedViews;
import io.recon4j.render.RenderConfig;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon cae pretrain}: Context Autoencoder pretraining on Fashion-MNIST. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"CAE pretraining on the Fashion-MNIST training images, official recipe: block",
            "masking of half the patches, AdamW wd 0.05, per-iteration cosine with warm-up,",
            "clip 3, alignment weight 2. Targets: normalised pixels of the masked patches",
            "(default) or k-means token ids learned from the data (the official DALL-E dVAE",
            "tokens are not available offline). Writes ckpt-last.pth every epoch,",
            "metrics.jsonl (loss, loss_main, loss_align), loss.png, pretrained.pth (for",
            "`recon cae probe --checkpoint`) and reconstruction.png (pixel target) into the",
            "run folder; --resume continues exactly where a run stopped."})
final class CaePretrainCommand extends ReconCommand {

    @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}; apt-get install dataset-fashion-mnist).")
    Path data = FashionMnist.DEFAULT_DIR;

    @Option(names = "--size", defaultValue = "tiny", description = "Model size: tiny, nano or base (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--limit", description = "Use only the first N training images (default: all).")
    Integer limit;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (official: 300-1600; default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (official: 64 per GPU × 32; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1.5e-3", description = "Peak learning rate (official 1.5e-3; default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", description = "Warm-up epochs, per iteration from 0 (official 10 of 300; default 1, 0 for a one-epoch run).")
    Integer warmup;

    @Option(names = "--mask-count", description = "Patches masked per image (default: half, as the official 98 of 196).")
    Integer maskCount;

    @Option(names = "--min-block", description = "Smallest block of the block masking, in patches (default: 16/196 of the patches, as the official 16 of 196).")
    Integer minBlock;

    @Option(names = "--masking", defaultValue = "block", description = "block (official) or random (default ${DEFAULT-VALUE}).")
    String masking;

    @Option(names = "--target", defaultValue = "pixels", description = "pixels or kmeans (default ${DEFAULT-VALUE}).")
    String target;

    @Mixin
    RunSeed runSeed;

    @Option(names = "--align-weight", defaultValue = "2", description = {"Weight of the alignment loss (official",
        "${DEFAULT-VALUE}; 0 is the paper's no-alignment ablation)."})
    float alignWeight;

    @Option(names = "--no-decoder", description = {"The paper's \"without decoder\" ablation: no decoder blocks,",
        "a Linear on the regressor's latents predicts the targets."})
    boolean noDecoder;

    @Option(names = "--views-of", description = {"Pretrain on depth views of a point-cloud dataset instead (a ModelNet-style",
        "folder, or `embedded`): the checkpoint is then ReCon's image teacher, `--img-teacher cae:FILE`."})
    String viewsOf;

    @Option(names = "--views", defaultValue = "2", description = "Views per shape with --views-of (default ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the shapes with --views-of: y, or z for ModelNet10 "
            + "(default ${DEFAULT-VALUE}).")
    String up;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        runOptions.checkResume();
        CaeConfig model = CaeConfig.of(size);
        ImageDataset train;
        float[] mean;
        float[] std;
        if (viewsOf == null) {
            train = FashionMnist.train(data);
            mean = new float[] {FashionMnist.MEAN};
            std = new float[] {FashionMnist.STD};
        } else {
            // ReCon's image teacher: depth views of point clouds, rendered as distillation will render them.
            DataOptions shapes = new DataOptions();
            shapes.data = viewsOf.equals("embedded") ? null : Path.of(viewsOf);
            ImageDataset raw = RenderedViews.of(shapes.load(Split.TRAIN), RenderConfig.of(model.imageSize(), views)
                    .withUp(RenderConfig.Axis.parse(up)));
            ImageDataset.ChannelStats stats = raw.channelStats();
            mean = new float[] {(float) stats.mean()[0]};
            std = new float[] {(float) stats.std()[0]};
            train = raw.normalized(mean, std);
        }
        if (limit != null) {
            train = train.head(limit);
        }
        CaePretrainConfig cfg = CaePretrainConfig.official(model, train.name() + " (" + train.size() + " images)", mean, std)
                .withRun(epochs, batchSize, lr, warmup != null ? warmup : Math.min(1, epochs - 1), runSeed.seed)
                .withTask(target, masking, maskCount != null ? maskCount : model.defaultMaskCount(),
                        minBlock != null ? minBlock : model.defaultMinBlockPatches())
                .withAlignWeight(alignWeight)
                .withLinearDecoder(noDecoder);
        RunFolder run = runOptions.folder("cae-pretrain");
        pw.printf(Locale.ROOT, "cae pretrain (size %s, target %s, %s masking %d of %d patches) on %s: %d images, %d epochs, "
                        + "batch %d, run folder %s%n", model.name(), cfg.target(), cfg.masking(), cfg.maskCount(),
                model.numPatches(), train.name(), train.size(), epochs, batchSize, run.dir());
        pw.flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            TrainingLoop.Result r = CaePretraining.run(cfg, train, run, runOptions.resume, m);
            RunOptions.printPretrained(pw, r, run);
        }
        pw.flush();
        return 0;
    }
}
