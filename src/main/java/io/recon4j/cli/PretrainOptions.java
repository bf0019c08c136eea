package io.recon4j.cli;

import io.recon4j.data.FractionSubset;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.model.Masking;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconConfig;
import io.recon4j.train.PretrainConfig;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The method, losses, schedule and data share of {@code recon pretrain}; defaults are the official recipe. */
final class PretrainOptions {

    @Option(names = "--method", defaultValue = "recon",
            description = "recon, mpm, cmc, smc, multitask or twotower (see above; default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--smc", description = "Add the single-modal contrastive term on the cls query (official default: off).")
    boolean smc;

    @Option(names = "--smc-temperature", defaultValue = "0.1", description = "SMC temperature (default ${DEFAULT-VALUE}).")
    float smcTemperature;

    @Option(names = "--loss-weights", defaultValue = "1,1,1", split = ",",
            description = "Weights of csc_img, csc_text and smc (mdm is 1; official 1,1,1).")
    float[] lossWeights;

    @Mixin
    Schedule schedule = new Schedule().note("--epochs", "300", "official: 300").note("--batch-size", "128", "official: 128")
            .note("--lr", "5e-4", "ReCon 5e-4, Point-MAE 1e-3").note("--warmup", "10", null);

    @Option(names = "--stop-after", defaultValue = "0",
            description = "Stop after this many epochs, with the schedule still planned over --epochs (a budgeted run; --resume continues it). 0 = run to the end.")
    int stopAfter;

    @Option(names = "--clip", defaultValue = "0", description = "Global gradient-norm clip, 0 for none (official: none).")
    double clip;

    @Option(names = "--no-stop-gradient", description = {"Named deviation: let the queries' losses reach the local tokens",
        "and the patch embedding through the cross-attention (official: the queries read stop-gradient locals).",
        "recon or mpm only."})
    boolean noStopGradient;

    @Option(names = "--mask", defaultValue = "rand", description = "Masking: rand or block (default ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--data-fraction", defaultValue = "1", description = {"Pretrain on this stratified fraction of the",
        "training split, in (0, 1] (data-scaling studies; subsets of one --fraction-seed are nested; default",
        "${DEFAULT-VALUE})."})
    double dataFraction;

    @Option(names = "--fraction-seed", defaultValue = "0", description = "Seed of the --data-fraction subset (default ${DEFAULT-VALUE}).")
    long fractionSeed;

    /**
     * Refuses bad numbers, a bad size, schedule, mask or method before any data is read or any teacher feature computed.
     *
     * @return the configuration without teachers (see {@link PretrainConfig#withDistillation})
     */
    PretrainConfig config(ReconConfig model, long seed) {
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
        PretrainConfig c = PretrainConfig.builder(model).optMasking(Masking.parse(mask)).optEpochs(schedule.epochs)
                .optBatchSize(schedule.batchSize()).optLr(schedule.lr).optWarmupEpochs(schedule.warmup).optClipNorm(clip).optSeed(seed)
                .optMethod(PretrainMethod.parse(method)).optStopGradient(!noStopGradient).build();
        if (smc && !c.method().hasClsQuery()) {
            throw new IllegalArgumentException("--smc trains a cls token, which --method " + c.method().cliName()
                    + " does not have");
        }
        return c;
    }

    /** @return whether the SMC term trains: --smc, or the smc method */
    boolean smcTerm(PretrainMethod pm) {
        return smc || pm.contrastsSingleModal();
    }

    /** @return {@code train}, or its --data-fraction subset (said on {@code pw}) */
    PointCloudDataset fraction(PointCloudDataset train, PrintWriter pw) throws java.io.IOException {
        if (dataFraction >= 1) {
            return train;
        }
        PointCloudDataset part = FractionSubset.of(train, dataFraction, fractionSeed);
        pw.printf(Locale.ROOT, "data fraction %.4g: %d of %d training shapes (stratified, seed %d)%n", dataFraction,
                part.size(), train.size(), fractionSeed);
        return part;
    }
}
