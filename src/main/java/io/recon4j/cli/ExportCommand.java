package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.ReconCheckpoint;
import io.recon4j.export.OnnxExport;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon export ...}: models in formats other runtimes read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a model for other runtimes.",
        subcommands = {ExportCommand.Onnx.class})
final class ExportCommand extends GroupCommand {

    /** {@code recon export onnx}: the classifier or the encoder as a standard ONNX graph. */
    @Command(name = "onnx", mixinStandardHelpOptions = true,
            description = {"Export the fine-tuned classifier (logits) or the encoder (the SVM feature: [max over the 3",
                "queries, max + mean over the local tokens], 2C) as a standard ONNX graph (opset 17, no custom operators)",
                "that ONNX Runtime runs; eval mode, dynamic batch axis. The grouping (FPS + kNN) is inside the graph by",
                "default, bit-exact to recon4j's. Inputs, outputs and a Python example: docs/onnx.md."})
    static final class Onnx extends ReconCommand {

        @Option(names = "--checkpoint", required = true, description = "Fine-tuned or pretrained checkpoint (recon4j or official .pth).")
        Path checkpoint;

        @Option(names = "--out", required = true, description = "The .onnx file to write.")
        Path out;

        @Option(names = "--what", description = {"classifier (logits; needs a fine-tuned head) or encoder (feature).",
            "Default: classifier when the checkpoint has a head, otherwise encoder."})
        String what;

        @Option(names = "--patching", defaultValue = "graph", description = {"graph: the model takes points (B, N, 3) and groups",
            "them itself; outside: it takes neighborhood (B, G, K, 3) and centers (B, G, 3) (default ${DEFAULT-VALUE})."})
        String patching;

        @Mixin
        CheckpointLoading model;

        @Override
        public Integer call() throws Exception {
            PrintWriter pw = out();
            Path dir = out.toAbsolutePath().getParent();
            if (Files.isDirectory(out) || (dir != null && !Files.isDirectory(dir))) {
                throw new IllegalArgumentException("--out " + out + ": not a file in an existing folder");
            }
            OnnxExport.Patching where = OnnxExport.Patching.parse(patching);
            ReconCheckpoint ckpt = model.read(checkpoint);
            OnnxExport.checkSupported(ckpt.card().method());
            OnnxExport.Output output = what != null ? OnnxExport.Output.parse(what)
                    : ckpt.hasHead() ? OnnxExport.Output.CLASSIFIER : OnnxExport.Output.ENCODER;
            boolean classifier = output == OnnxExport.Output.CLASSIFIER;
            if (classifier) {
                CheckpointLoading.requireHead(ckpt, "export its encoder with --what encoder, or fine-tune it first "
                        + "(recon finetune --checkpoint " + checkpoint + ")");
            }
            ReconConfig cfg = ckpt.card().config();
            try (NDManager m = NDManager.newBaseManager()) {
                // Without a head the classifier's own (unused) head is left at its init: only the encoder is exported.
                ReconClassifier net = CheckpointLoading.classifier(ckpt, m, pw);
                OnnxExport.builder().setModel(net).optOutput(output).optPatching(where).build().write(out);
                String in = where == OnnxExport.Patching.GRAPH
                        ? String.format(Locale.ROOT, "points (batch, %d, 3)", cfg.numPoints())
                        : String.format(Locale.ROOT, "neighborhood (batch, %d, %d, 3), centers (batch, %d, 3)",
                                cfg.numGroups(), cfg.groupSize(), cfg.numGroups());
                String result = classifier ? String.format(Locale.ROOT, "logits (batch, %d)", net.classes())
                        : String.format(Locale.ROOT, "feature (batch, %d)", 2 * cfg.transDim());
                pw.printf(Locale.ROOT, "wrote %s (%s, %.1f MB): input %s float32 → output %s%n", out,
                        output.name().toLowerCase(Locale.ROOT), Files.size(out) / 1e6, in, result);
            }
            pw.flush();
            return 0;
        }
    }
}
