package io.recon4j.teacher;

import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.data.Transforms;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.MeshRenderer;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.util.List;

/**
 * What an image teacher is shown of one dataset's shape: the V views of its pc_norm-ed points ({@link DepthRenderer}),
 * or of its mesh surface for {@link RenderConfig.Mode#MESH} ({@link MeshRenderer}), and the feature-cache key of
 * those views ({@code "<dataset>|<id>|<SHA-256 of the cloud or mesh vertices>|<render key>"}), so that an entry is
 * stale as soon as the data behind a name changes.
 */
final class ShapeViews {

    private final PointCloudDataset data;
    private final RenderConfig render;
    private final DepthRenderer points;
    private final MeshRenderer meshes;

    ShapeViews(PointCloudDataset data, RenderConfig render) {
        this.data = data;
        this.render = render;
        boolean mesh = render.mode() == RenderConfig.Mode.MESH;
        this.points = mesh ? null : new DepthRenderer(render);
        this.meshes = mesh ? new MeshRenderer(render) : null;
    }

    RenderConfig config() {
        return render;
    }

    /** @return the cache key of sample {@code index} ({@code s} is {@code data.get(index)}) */
    String key(int index, Sample s) throws IOException {
        String hash = meshes == null ? Hashes.of(Transforms.normalize(s.points()).xyz())
                : Hashes.of(mesh(index, s).vertices().xyz()) + "+" + mesh(index, s).triangleCount() + "f";
        return data.name() + "|" + s.id() + "|" + hash + "|" + render.key();
    }

    /** @return the V views of sample {@code index} */
    List<DepthImage> render(int index, Sample s) throws IOException {
        return meshes == null ? points.render(Transforms.normalize(s.points())) : meshes.render(mesh(index, s));
    }

    /** @return the first view of sample {@code index} (contact sheets) */
    DepthImage firstView(int index, Sample s) throws IOException {
        return meshes == null ? points.renderView(Transforms.normalize(s.points()), 0) : meshes.render(mesh(index, s)).get(0);
    }

    private Mesh mesh(int index, Sample s) throws IOException {
        return data.mesh(index).orElseThrow(() -> new IllegalArgumentException("--img-render mesh draws the shapes' "
                + "meshes, but sample " + s.id() + " of " + data.name() + " was read from a file without faces; use a "
                + "mesh dataset (e.g. ModelNet's OFF files) or a point render mode (shaded, depth, silhouette)"));
    }
}
