package io.recon4j.cli;

import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.PointCloud;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model and the cloud {@code recon analyze attention-map} reads, and the cloud's up axis. */
final class AttentionMapInput {

    @Option(names = "--checkpoint", required = true, description = "Pretrained or fine-tuned checkpoint (any --method).")
    Path checkpoint;

    @Option(names = "--input", required = true, description = "Point-cloud or mesh file (.pcd .ply .off .obj .xyz .npy ...).")
    Path input;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the input: y (default) or z (raw ModelNet; turned y-up "
            + "as the model saw its training data).")
    String up;

    /** @return whether --up z turns the cloud y-up */
    boolean zUp() {
        return RenderConfig.Axis.parse(up) == RenderConfig.Axis.Z;
    }

    /** @return the cloud as stored, after checking that both files exist */
    PointCloud read() throws IOException {
        InputFiles.checkpoint(checkpoint);
        return CloudIO.readPoints(InputFiles.require(input, "--input"));
    }
}
