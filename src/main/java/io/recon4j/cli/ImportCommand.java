package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon import}: load an official ReCon/Point-MAE .pth into a recon4j model and report the keys. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load an official (or recon4j) .pth checkpoint into a recon4j model without Python.",
            "Reports used, ignored and missing keys; refuses shape mismatches. --out writes the loaded model as a",
            "plain state dict (readable by torch.load and by every recon4j command)."})
final class ImportCommand extends ReconCommand {

    @Parameters(paramLabel = "FILE.pth", description = "Checkpoint: plain state dict or {'base_model': ...}, with or without module./MAE_encoder. prefixes.")
    Path file;

    @Mixin
    CheckpointLoading model;

    @Mixin
    ModelHeadOptions target;

    @Option(names = "--into", defaultValue = "finetune",
            description = "Target model: finetune (the official load_model_from_ckpt rules) or pretrain (default ${DEFAULT-VALUE}).")
    String into;

    @Option(names = "--out", description = "Write the loaded model here (.pth state dict).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        ReconConfig c = model.read(file, "FILE", model.options().build()).card().config();
        try (NDManager m = NDManager.newBaseManager()) {
            ModuleBlock net = into.toLowerCase(Locale.ROOT).startsWith("pre") ? target.pretrainer(c) : target.classifier(c);
            net.initialize(m);
            pw.print(file + ": " + CheckpointLoading.importInto(net, file).describe());
            if (out != null) {
                Weights.save(net, out);
                pw.println("wrote " + out);
            }
            pw.flush();
        }
        return 0;
    }
}
