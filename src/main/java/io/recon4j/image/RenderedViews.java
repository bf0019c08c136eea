package io.recon4j.image;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import io.recon4j.util.Progress;
import java.io.IOException;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * Depth views of a point-cloud dataset as an image dataset: what the CAE image teacher of ReCon is pretrained on,
 * rendered exactly as the teacher later sees shapes during distillation (same renderer, size and up axis).
 */
public final class RenderedViews {

    private RenderedViews() {
    }

    /**
     * @param data the shapes
     * @param render image size, views per shape, up axis, mode
     * @return (N·V, 1, S, S) raw depth images in [0, 1] (background 0), each labelled with its shape's class
     * @throws IOException if a shape cannot be read
     */
    public static ImageDataset of(PointCloudDataset data, RenderConfig render) throws IOException {
        DepthRenderer renderer = new DepthRenderer(render);
        int s = render.size();
        int v = render.views();
        int n = data.size();
        float[] pixels = new float[Math.multiplyExact(Math.multiplyExact(n, v), s * s)];
        int[] labels = new int[n * v];
        try (ProgressBar bar = Progress.bar("render views", n, "shapes")) {
            for (int i = 0; i < n; i++) {
                Sample sample = data.get(i);
                List<DepthImage> views = renderer.render(sample.points());
                for (int j = 0; j < v; j++) {
                    System.arraycopy(views.get(j).pixels(), 0, pixels, (i * v + j) * s * s, s * s);
                    labels[i * v + j] = sample.label();
                }
                bar.step();
            }
        }
        return new ImageDataset(data.name() + " depth views " + s + "px x" + v, pixels, 1, s, s, labels, data.classNames());
    }
}
