package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaePretrainConfig;
import io.recon4j.cae.CaePretraining;
import io.recon4j.cae.PretrainImages;
import io.recon4j.image.ImageDataset;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    CaeImagesOptions images;

    @Mixin
    CaePretrainOptions recipe;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        CaeConfig model = recipe.model();
        PretrainImages train = images.load(model.imageSize());
        CaePretrainConfig cfg = recipe.config(train, runOptions.seed());
        ImageDataset data = train.images();
        RunFolder run = runOptions.folder("cae-pretrain");
        out().printf(Locale.ROOT, "cae pretrain (size %s, target %s, %s masking %d of %d patches) on %s: %d images, %d epochs, "
                        + "batch %d, run folder %s%n", model.name(), cfg.target(), cfg.masking(), cfg.maskCount(),
                model.numPatches(), data.name(), data.size(), cfg.epochs(), cfg.batchSize(), run.dir());
        out().flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            RunOptions.printPretrained(out(), CaePretraining.run(cfg, data, run, runOptions.resume, m), run);
        }
        out().flush();
        return 0;
    }
}
