package io.recon4j.cli;

import io.recon4j.cae.PretrainImages;
import io.recon4j.data.Split;
import io.recon4j.image.FashionMnist;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code recon cae pretrain} learns from: Fashion-MNIST, or depth views of point clouds (--views-of). */
final class CaeImagesOptions {

    @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}; apt-get install dataset-fashion-mnist).")
    Path data = FashionMnist.DEFAULT_DIR;

    @Option(names = "--limit", description = "Use only the first N training images (default: all).")
    Integer limit;

    @Option(names = "--views-of", description = {"Pretrain on depth views of a point-cloud dataset instead (a ModelNet-style",
        "folder, or `embedded`): the checkpoint is then ReCon's image teacher, `--img-teacher cae:FILE`."})
    String viewsOf;

    @Option(names = "--views", defaultValue = "2", description = "Views per shape with --views-of (default ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the shapes with --views-of: y, or z for ModelNet10 "
            + "(default ${DEFAULT-VALUE}).")
    String up;

    /** @return the normalised training images at {@code imageSize} pixels (--views-of), and their normalisation */
    PretrainImages load(int imageSize) throws IOException {
        if (viewsOf == null) {
            return PretrainImages.fashionMnist(data).head(limit);
        }
        DataOptions shapes = new DataOptions();
        shapes.data = viewsOf.equals("embedded") ? null : Path.of(viewsOf);
        return PretrainImages.depthViews(shapes.load(Split.TRAIN), RenderConfig.of(imageSize, views)
                .withUp(RenderConfig.Axis.parse(up))).head(limit);
    }
}
