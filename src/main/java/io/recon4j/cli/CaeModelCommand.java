package io.recon4j.cli;

import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.ContextAutoencoder;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon cae model info}: what a CAE size builds. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect CAE model sizes.",
        subcommands = {CaeModelCommand.Info.class})
final class CaeModelCommand extends GroupCommand {

    /** Architecture and parameter counts of a size. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the architecture and parameter counts (encoder, regressor + decoder, whole pretraining model).")
    static final class Info extends ReconCommand {

        @Option(names = "--size", defaultValue = "tiny", description = "tiny, nano or base (default ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--target-dim", description = "Decoder outputs per masked patch (default: the size's vocabulary, "
                + "8192 for base as the official dVAE head).")
        Integer targetDim;

        @Override
        public Integer call() {
            PrintWriter out = out();
            CaeConfig c = CaeConfig.of(size);
            int t = targetDim != null ? targetDim : c.vocabSize();
            out.printf(Locale.ROOT, "size=%s image=%dx%dx%d patch=%d patches=%d dim=%d depth=%d heads=%d regressor=%d "
                            + "decoder=%d layer_scale=%.2g drop_path=%.2g%n", c.name(), c.channels(), c.imageSize(), c.imageSize(),
                    c.patchSize(), c.numPatches(), c.dim(), c.depth(), c.heads(), c.regressorDepth(), c.decoderDepth(),
                    c.layerScale(), c.dropPath());
            ContextAutoencoder model = new ContextAutoencoder(c, t);
            long encoder = ModelCommand.Info.count(model.encoder());
            long all = ModelCommand.Info.count(model);
            out.printf(Locale.ROOT, "encoder: %s parameters%n", ModelCommand.Info.millions(encoder));
            out.printf(Locale.ROOT, "pretraining model (mask token, regressor, decoder, %d-way head): %s parameters%n", t,
                    ModelCommand.Info.millions(all));
            out.flush();
            return 0;
        }
    }
}
