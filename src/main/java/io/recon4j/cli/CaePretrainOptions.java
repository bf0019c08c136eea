package io.recon4j.cli;

import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaePretrainConfig;
import io.recon4j.cae.PretrainImages;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The size, schedule, task and ablations of {@code recon cae pretrain}; defaults follow the official recipe. */
final class CaePretrainOptions {

    @Option(names = "--size", defaultValue = "tiny", description = "Model size: tiny, nano or base (default ${DEFAULT-VALUE}).")
    String size;

    @Mixin
    Schedule schedule = new Schedule().note("--epochs", "10", "official: 300-1600")
            .note("--batch-size", "128", "official: 64 per GPU × 32").note("--lr", "1.5e-3", "official 1.5e-3")
            .sentence("--warmup", null, "Warm-up epochs, per iteration from 0 (official 10 of 300; default 1, 0 for a one-epoch run)");

    @Option(names = "--mask-count", description = "Patches masked per image (default: half, as the official 98 of 196).")
    Integer maskCount;

    @Option(names = "--min-block", description = "Smallest block of the block masking, in patches (default: 16/196 of the patches, as the official 16 of 196).")
    Integer minBlock;

    @Option(names = "--masking", defaultValue = "block", description = "block (official) or random (default ${DEFAULT-VALUE}).")
    String masking;

    @Option(names = "--target", defaultValue = "pixels", description = "pixels or kmeans (default ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--align-weight", defaultValue = "2", description = {"Weight of the alignment loss (official",
        "${DEFAULT-VALUE}; 0 is the paper's no-alignment ablation)."})
    float alignWeight;

    @Option(names = "--no-decoder", description = {"The paper's \"without decoder\" ablation: no decoder blocks,",
        "a Linear on the regressor's latents predicts the targets."})
    boolean noDecoder;

    /** @return the model size, refused by name before any image is read */
    CaeConfig model() {
        return CaeConfig.of(size);
    }

    /** @return the official recipe for {@code train} with every given option applied */
    CaePretrainConfig config(PretrainImages train, long seed) {
        CaeConfig model = model();
        return CaePretrainConfig.official(model, train.images().name() + " (" + train.images().size() + " images)",
                        train.mean(), train.std())
                .withRun(schedule.epochs, schedule.batchSize(), schedule.lr,
                        schedule.warmup != null ? schedule.warmup : Math.min(1, schedule.epochs - 1), seed)
                .withTask(target, masking, maskCount != null ? maskCount : model.defaultMaskCount(),
                        minBlock != null ? minBlock : model.defaultMinBlockPatches())
                .withAlignWeight(alignWeight)
                .withLinearDecoder(noDecoder);
    }
}
