package io.recon4j.cli;

import io.recon4j.cae.ShortcutReconstruction;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon cae analyze ...}: the CAE paper's analyses of a trained model. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of trained CAE models (the paper's figures).",
        subcommands = {CaeAnalyzeCommand.Shortcut.class})
final class CaeAnalyzeCommand extends GroupCommand {

    /** {@code recon cae analyze shortcut}. */
    @Command(name = "shortcut", mixinStandardHelpOptions = true,
            description = {"Encoder-to-decoder shortcut: every test image's patches go through the encoder",
                "and straight into the decoder (regressor skipped). Draws input | one shortcut",
                "reconstruction per checkpoint and prints each one's error. With the alignment",
                "loss the shortcut reconstructs; trained with --align-weight 0 it should not."})
    static final class Shortcut implements Callable<Integer> {

        @Option(names = "--checkpoint", split = ",", required = true,
                description = "recon4j CAE pretrained.pth files (pixel target), e.g. with and without alignment.")
        List<Path> checkpoints;

        @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}).")
        Path data = FashionMnist.DEFAULT_DIR;

        @Option(names = "--count", defaultValue = "8", description = "Test images to draw (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--out", required = true, description = "Output PNG.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, got " + count);
            }
            for (Path p : checkpoints) {
                if (!java.nio.file.Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("--checkpoint " + p + ": no such file");
                }
            }
            ImageDataset test = FashionMnist.test(data);
            List<ShortcutReconstruction.Entry> r = ShortcutReconstruction.write(checkpoints, test, count, out);
            PrintWriter pw = spec.commandLine().getOut();
            for (ShortcutReconstruction.Entry e : r) {
                pw.printf(Locale.ROOT, "%s (alignment weight %s): shortcut reconstruction MSE %.4f%n", e.checkpoint(),
                        e.alignWeight(), e.mse());
            }
            pw.println("picture: " + out + " (columns: input, then one per checkpoint in the order given)");
            pw.flush();
            return 0;
        }
    }
}
