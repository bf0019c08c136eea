package io.recon4j.cli;

import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.Transforms;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon render FILE --out img.png}: the renderer's views of one cloud, tiled into one PNG. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a point cloud (any readable format) into depth images from fixed viewpoints, the",
            "same images the image teacher sees, and write them side by side as one PNG. The cloud is",
            "normalised first (pc_norm: centroid 0, unit sphere) unless --no-norm is given."})
final class RenderCommand extends ReconCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Point-cloud or mesh file (.pcd .ply .off .obj .xyz .npy ...).")
    Path file;

    @Option(names = "--out", required = true, description = "Output PNG.")
    Path out;

    @Mixin
    RenderOptions render;

    @Option(names = "--columns", defaultValue = "0", description = "Views per row in the PNG (default: all in one row, at most 6).")
    int columns;

    @Option(names = "--no-norm", description = "Do not apply pc_norm (the cloud must already lie in the unit sphere).")
    boolean noNorm;

    @Override
    public Integer call() throws Exception {
        PointCloud cloud = CloudIO.readPoints(file);
        if (!noNorm) {
            cloud = Transforms.normalize(cloud);
        }
        RenderConfig cfg = render.config();
        List<DepthImage> views = new DepthRenderer(cfg).render(cloud);
        DepthImage.tile(views, columns > 0 ? columns : Math.min(6, views.size())).writePng(out);
        PrintWriter pw = out();
        pw.printf(Locale.ROOT, "%s: %d points -> %d views of %dx%d (%s) in %s%n", file, cloud.size(), views.size(),
                cfg.size(), cfg.size(), cfg.mode().name().toLowerCase(Locale.ROOT), out);
        pw.flush();
        return 0;
    }
}
