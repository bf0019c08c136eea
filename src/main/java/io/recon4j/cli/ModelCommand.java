package io.recon4j.cli;

import ai.djl.nn.Parameter;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.ModuleBlock;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code recon model info}: what a configuration builds. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect model configurations.",
        subcommands = {ModelCommand.Info.class})
final class ModelCommand extends GroupCommand {

    /** Parameter counts of the fine-tune and pretraining models of a size. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the architecture and parameter counts (fine-tune model and pretraining model).")
    static final class Info extends ReconCommand {

        @Mixin
        ModelOptions model;

        @Mixin
        ModelHeadOptions target;

        @Override
        public Integer call() {
            PrintWriter out = out();
            ReconConfig c = model.config();
            out.printf(Locale.ROOT, "size=%s trans_dim=%d depth=%d heads=%d decoder_depth=%d groups=%d group_size=%d points=%d%n",
                    model.size, c.transDim(), c.depth(), c.heads(), c.decoderDepth(), c.numGroups(), c.groupSize(), c.numPoints());
            out.printf(Locale.ROOT, "fine-tune model (%d classes, head %s): %s parameters%n", target.classes,
                    target.head.toLowerCase(Locale.ROOT), millions(count(target.classifier(c))));
            out.printf(Locale.ROOT, "pretraining model (teachers img=%d text=%d): %s trainable parameters%n", target.imgDim,
                    target.textDim, millions(count(target.pretrainer(c))));
            out.flush();
            return 0;
        }

        static long count(ModuleBlock m) {
            return m.stateDict().values().stream().filter(Parameter::requiresGradient).mapToLong(p -> p.getShape().size()).sum();
        }

        static String millions(long n) {
            return String.format(Locale.ROOT, "%,d (%.2fM)", n, n / 1e6);
        }
    }
}
