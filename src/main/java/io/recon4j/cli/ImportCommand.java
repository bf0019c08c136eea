package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.model.HeadType;
import io.recon4j.model.ImportReport;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
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
    ModelOptions model;

    @Option(names = "--into", defaultValue = "finetune",
            description = "Target model: finetune (the official load_model_from_ckpt rules) or pretrain (default ${DEFAULT-VALUE}).")
    String into;

    @Option(names = "--num-classes", paramLabel = "K", defaultValue = "40",
            description = "Number of classes of the fine-tune head (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--head", defaultValue = "full", description = "Head type: full, mlp3 or linear.")
    String head;

    @Option(names = "--img-dim", defaultValue = "768", description = "Image-teacher width of a pretraining model, 0 for none.")
    int imgDim;

    @Option(names = "--text-dim", defaultValue = "512", description = "Text-teacher width of a pretraining model, 0 for none.")
    int textDim;

    @Option(names = "--out", description = "Write the loaded model here (.pth state dict).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        ReconConfig c = model.config();
        try (NDManager m = NDManager.newBaseManager()) {
            ModuleBlock target;
            ImportReport report;
            if (into.toLowerCase(Locale.ROOT).startsWith("pre")) {
                ReconPretrainer pre = ReconPretrainer.builder(c).optImageTeacher(imgDim).optTextTeacher(textDim)
                        .build();
                pre.initialize(m);
                report = Weights.loadIntoPretrainer(pre, file);
                target = pre;
            } else {
                ReconClassifier ft = ReconClassifier.builder(c).setClasses(classes).optHead(HeadType.parse(head))
                        .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
                ft.initialize(m);
                report = Weights.loadIntoClassifier(ft, file);
                target = ft;
            }
            pw.print(file + ": " + report.describe());
            if (out != null) {
                Weights.save(target, out);
                pw.println("wrote " + out);
            }
            pw.flush();
        }
        return 0;
    }
}
