package io.recon4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.cloud.Npy;
import io.recon4j.cloud.NpyArray;
import io.recon4j.model.HeadType;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Tokens;
import io.recon4j.util.Devices;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon forward}: the fine-tune model in eval mode on a (B, N, 3) array, for parity checks. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Run the fine-tune model in eval mode on a (B,N,3) float32 .npy and write centers.npy,",
            "encoder_out.npy, concat_feature.npy and logits.npy to --out (same layouts as the official fixtures)."})
final class ForwardCommand extends ReconCommand {

    @Option(names = "--checkpoint", required = true, description = "Checkpoint (.pth, official or recon4j).")
    Path checkpoint;

    @Mixin
    CheckpointLoading model;

    @Option(names = "--num-classes", paramLabel = "K", required = true, description = "Number of classes of the head.")
    int classes;

    @Option(names = "--head", defaultValue = "full", description = "Head type: full, mlp3 or linear.")
    String head;

    @Option(names = "--input", required = true, description = "(B,N,3) float32 .npy")
    Path input;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        NpyArray in = Npy.read(input);
        if (in.rank() != 3 || in.dim(2) != 3) {
            throw new IllegalArgumentException(input + ": expected a (B,N,3) array, got shape " + java.util.Arrays.toString(in.shape()));
        }
        int b = (int) in.dim(0);
        int n = (int) in.dim(1);
        ReconConfig c = model.config(checkpoint);
        Files.createDirectories(out);
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier net = ReconClassifier.builder(c).setClasses(classes).optHead(HeadType.parse(head))
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            net.initialize(m);
            pw.print(checkpoint + ": " + CheckpointLoading.importInto(net, checkpoint).describe());
            Patches patches = net.patching().patchify(in.toFloatArray(), b, m);
            ParameterStore ps = new ParameterStore(m, false);
            List<Tokens> features = net.forwardFeatures(ps, patches, false);
            NDArray feature = net.preLogits(features);
            NDArray logits = net.classify(ps, feature, false);
            Npy.write(out.resolve("centers.npy"), patches.grouping().centers(), b, c.numGroups(), 3);
            save(out.resolve("encoder_out.npy"), features.get(0).x());
            save(out.resolve("concat_feature.npy"), feature);
            save(out.resolve("logits.npy"), logits);
            pw.println("wrote centers.npy, encoder_out.npy, concat_feature.npy, logits.npy to " + out);
            pw.flush();
        }
        return 0;
    }

    private static void save(Path file, NDArray a) throws java.io.IOException {
        Npy.write(file, a.toFloatArray(), a.getShape().getShape());
    }
}
