package io.recon4j.cli;

import io.recon4j.cae.ShortcutReconstruction;
import io.recon4j.image.FashionMnist;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon cae analyze shortcut}. */
@Command(name = "shortcut", mixinStandardHelpOptions = true,
        description = {"Encoder-to-decoder shortcut: every test image's patches go through the encoder",
            "and straight into the decoder (regressor skipped). Draws input | one shortcut",
            "reconstruction per checkpoint and prints each one's error. With the alignment",
            "loss the shortcut reconstructs; trained with --align-weight 0 it should not."})
final class CaeShortcutCommand extends ReconCommand {

    @Option(names = "--checkpoint", split = ",", required = true,
            description = "recon4j CAE pretrained.pth files (pixel target), e.g. with and without alignment.")
    List<Path> checkpoints;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}).")
    Path data = FashionMnist.DEFAULT_DIR;

    @Option(names = "--count", defaultValue = "8", description = "Test images to draw (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, description = "Output PNG.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        checkpoints.forEach(InputFiles::checkpoint);
        for (ShortcutReconstruction.Entry e : ShortcutReconstruction.write(checkpoints, FashionMnist.test(data), count, out)) {
            out().printf(Locale.ROOT, "%s (alignment weight %s): shortcut reconstruction MSE %.4f%n", e.checkpoint(),
                    e.alignWeight(), e.mse());
        }
        out().println("picture: " + out + " (columns: input, then one per checkpoint in the order given)");
        out().flush();
        return 0;
    }
}
