package io.recon4j.cli;

import io.recon4j.data.ModelNetDataset;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.data.procedural.ProceduralShapes;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which dataset a command reads: the embedded procedural shapes by default, or a folder. */
final class DataOptions {

    @Option(names = "--data", description = {"Dataset folder: ModelNet10/40 in any of its layouts (OFF meshes,",
        "modelnet40_normal_resampled, per-class folders of point files). Default: the embedded procedural dataset."})
    Path data;

    @Option(names = "--data-seed", defaultValue = "42", description = "Seed of the embedded dataset (default ${DEFAULT-VALUE}).")
    long dataSeed;

    /** @return the requested split */
    PointCloudDataset load(Split split) throws IOException {
        if (data == null) {
            ProceduralShapes.Config c = ProceduralShapes.Config.defaults().withSeed(dataSeed);
            return split == Split.TRAIN ? ProceduralShapes.train(c) : ProceduralShapes.test(c);
        }
        return ModelNetDataset.builder(data).split(split).cache(true).build();
    }
}
