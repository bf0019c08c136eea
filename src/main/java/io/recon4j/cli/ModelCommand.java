package io.recon4j.cli;

import ai.djl.nn.Parameter;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.nn.ModuleBlock;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

        @Option(names = "--num-classes", paramLabel = "K", defaultValue = "40",
                description = "Number of classes of the fine-tune head (default ${DEFAULT-VALUE}).")
        int classes;

        @Option(names = "--head", defaultValue = "full", description = "Head type: full, mlp3 or linear (default ${DEFAULT-VALUE}).")
        String head;

        @Option(names = "--img-dim", defaultValue = "768", description = "Image-teacher width, 0 for none (default ${DEFAULT-VALUE}).")
        int imgDim;

        @Option(names = "--text-dim", defaultValue = "512", description = "Text-teacher width, 0 for none (default ${DEFAULT-VALUE}).")
        int textDim;

        @Override
        public Integer call() {
            PrintWriter out = out();
            ReconConfig c = model.config();
            out.printf(Locale.ROOT, "size=%s trans_dim=%d depth=%d heads=%d decoder_depth=%d groups=%d group_size=%d points=%d%n",
                    model.size, c.transDim(), c.depth(), c.heads(), c.decoderDepth(), c.numGroups(), c.groupSize(), c.numPoints());
            ReconClassifier ft = ReconClassifier.builder(c).setClasses(classes).optHead(HeadType.parse(head)).build();
            ReconPretrainer pre = ReconPretrainer.builder(c).optImageTeacher(imgDim).optTextTeacher(textDim).build();
            out.printf(Locale.ROOT, "fine-tune model (%d classes, head %s): %s parameters%n", classes, head.toLowerCase(Locale.ROOT), millions(count(ft)));
            out.printf(Locale.ROOT, "pretraining model (teachers img=%d text=%d): %s trainable parameters%n", imgDim, textDim, millions(count(pre)));
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
