package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeAttentionMaps;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.cae.CaeFeatureTsne;
import io.recon4j.image.ImageDataset;
import io.recon4j.probe.AttentiveProbe;
import io.recon4j.probe.ProbeCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon cae analyze attention}. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = {"Attention maps on Fashion-MNIST test images (one per class by default): the",
            "encoder's last block, cls token to patches (heads averaged, the cls token's own",
            "share left out), and with --probe the attentive probe's query; the smallest set",
            "of patches holding 50%% of the mass is outlined. Recorded from the modules'",
            "own forward pass. Prints the mean size of the 50%% sets."})
final class CaeAttentionCommand extends ReconCommand {

    @Mixin
    TrainedCae cae;

    @Option(names = "--probe", description = "probe.pth of `recon cae probe --mode attentive` on this encoder.")
    Path probe;

    @Option(names = "--count", defaultValue = "10", description = "Test images, balanced over the classes "
            + "(default ${DEFAULT-VALUE}).")
    int count;

    @Mixin
    OutFolder out = OutFolder.required("Output folder (attention.png)");

    @Override
    public Integer call() throws Exception {
        cae.check();
        InputFiles.require(probe, "--probe");
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("--count must be in [1, 100], got " + count);
        }
        ImageDataset test = cae.test();
        try (NDManager m = NDManager.newBaseManager()) {
            CaeEncoder encoder = cae.encoder(m);
            AttentiveProbe head = probe == null ? null : ProbeCheckpoint.loadAttentive(probe, m);
            String warning = probe == null ? null : ProbeCheckpoint.mismatchWarning(probe, encoder.identity());
            if (warning != null) {
                out().println(warning);
            }
            CaeAttentionMaps.Summary s = CaeAttentionMaps.record(encoder, head, test, CaeFeatureTsne.balancedSample(test, count), m);
            Files.createDirectories(out.dir);
            CaeAttentionMaps.write(s, test, encoder.config(), test.classNames(), out.dir.resolve("attention.png"));
            out().println(s.describe());
            out().println("picture: " + out.dir.resolve("attention.png"));
        }
        out().flush();
        return 0;
    }
}
