package io.recon4j.cli;

import io.recon4j.data.ClassSubset;
import io.recon4j.data.ModelNetDataset;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.data.ZUpDataset;
import io.recon4j.data.procedural.ProceduralShapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which dataset a command reads: the embedded procedural shapes by default, or a folder. */
final class DataOptions {

    @Option(names = "--data", description = {"Dataset folder: ModelNet10/40 in any of its layouts (OFF meshes,",
        "modelnet40_normal_resampled, per-class folders of point files). Default: the embedded procedural dataset."})
    Path data;

    @Option(names = "--data-seed", defaultValue = "42", description = "Seed of the embedded dataset (default ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--classes", split = ",", description = {"Keep only these classes (comma-separated names), relabelled in",
        "this order: e.g. pretrain on some classes and zero-shot test on the others. Default: all."})
    List<String> classes;

    @Mixin
    UpAxisOption upAxis = new UpAxisOption();

    /** @return whether {@code --up z} turns the clouds y-up on load */
    boolean zUp() {
        return upAxis.zUp();
    }

    /** @return the requested split */
    PointCloudDataset load(Split split) throws IOException {
        PointCloudDataset all;
        if (data == null) {
            ProceduralShapes.Config c = ProceduralShapes.Config.defaults().withSeed(dataSeed);
            all = split == Split.TRAIN ? ProceduralShapes.train(c) : ProceduralShapes.test(c);
        } else {
            all = ModelNetDataset.builder(data).split(split).cache(true).build();
        }
        if (zUp()) {
            all = ZUpDataset.of(all);
        }
        return classes == null || classes.isEmpty() ? all : ClassSubset.of(all, classes);
    }
}
