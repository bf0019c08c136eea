package io.recon4j.render;

import io.recon4j.cloud.PointCloud;
import java.util.ArrayList;
import java.util.List;

/**
 * A software point renderer: orthographic projection from fixed viewpoints, each point splatted as a disc
 * with a z-buffer (the nearest point wins a pixel). No GPU, no display, and deterministic: the output is a
 * pure function of the cloud and the {@link RenderConfig}.
 *
 * <p>The cloud is expected inside the unit sphere (after pc_norm); the image spans [-1.05, 1.05] in both
 * view axes, so a normalised shape is never clipped whatever the viewpoint. Points outside are clipped.
 *
 * <p>View frame: x right, y up, z towards the camera. A view with azimuth a and elevation e turns the
 * cloud by -a about the up axis and then tilts it by e about x, so the camera looks down at the shape.
 */
public final class DepthRenderer {

    private static final double EXTENT = 1.05;
    private static final float NEAR_VALUE = 1f;
    private static final float FAR_VALUE = 0.2f;

    private final RenderConfig config;

    /** @param config image size, views, splat radius, up axis, mode */
    public DepthRenderer(RenderConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** @return the configuration */
    public RenderConfig config() {
        return config;
    }

    /** @return the V views of {@code cloud}, in viewpoint order */
    public List<DepthImage> render(PointCloud cloud) {
        List<DepthImage> out = new ArrayList<>(config.views());
        for (int v = 0; v < config.views(); v++) {
            out.add(renderView(cloud, v));
        }
        return out;
    }

    /** @return the azimuth of view {@code v} in degrees */
    public double azimuthDeg(int v) {
        return config.azimuthDeg() + 360.0 * v / config.views();
    }

    /**
     * Renders one view.
     *
     * @param cloud points inside the unit sphere
     * @param view view index in [0, V)
     */
    public DepthImage renderView(PointCloud cloud, int view) {
        if (view < 0 || view >= config.views()) {
            throw new IllegalArgumentException("view " + view + " is outside 0.." + (config.views() - 1));
        }
        int s = config.size();
        double az = Math.toRadians(azimuthDeg(view));
        double el = Math.toRadians(config.elevationDeg());
        double ca = Math.cos(az);
        double sa = Math.sin(az);
        double ce = Math.cos(el);
        double se = Math.sin(el);
        double r = config.pointRadius();
        double r2 = r * r;
        int reach = (int) Math.ceil(r);
        double pixelsPerUnit = s / (2 * EXTENT);
        float[] zbuf = new float[s * s];
        java.util.Arrays.fill(zbuf, Float.NEGATIVE_INFINITY);
        float[] xyz = cloud.xyz();
        for (int i = 0; i < cloud.size(); i++) {
            double px = xyz[3 * i];
            double py = config.up() == RenderConfig.Axis.Y ? xyz[3 * i + 1] : xyz[3 * i + 2];
            // With z up, the old y axis points away from the default camera (right-handed: x, y, z → x, z, -y).
            double pz = config.up() == RenderConfig.Axis.Y ? xyz[3 * i + 2] : -xyz[3 * i + 1];
            // Turn about the up axis by -azimuth (the camera circles the shape), then tilt by elevation.
            double x1 = ca * px - sa * pz;
            double z1 = sa * px + ca * pz;
            double y2 = ce * py - se * z1;
            double z2 = se * py + ce * z1;
            double u = (x1 + EXTENT) * pixelsPerUnit;
            double w = (EXTENT - y2) * pixelsPerUnit;
            int cx = (int) Math.floor(u);
            int cy = (int) Math.floor(w);
            float depth = (float) z2;
            for (int y = Math.max(0, cy - reach); y <= Math.min(s - 1, cy + reach); y++) {
                double dy = y + 0.5 - w;
                for (int x = Math.max(0, cx - reach); x <= Math.min(s - 1, cx + reach); x++) {
                    double dx = x + 0.5 - u;
                    // Strict '>' keeps the earlier point on ties: the result never depends on anything but the order.
                    if (dx * dx + dy * dy <= r2 && depth > zbuf[y * s + x]) {
                        zbuf[y * s + x] = depth;
                    }
                }
            }
        }
        float[] pixels = new float[s * s];
        for (int k = 0; k < pixels.length; k++) {
            if (zbuf[k] != Float.NEGATIVE_INFINITY) {
                pixels[k] = config.mode() == RenderConfig.Mode.SILHOUETTE ? 1f : shade(zbuf[k]);
            }
        }
        return new DepthImage(s, s, pixels);
    }

    /** Maps view depth z ∈ [-1, 1] (unit sphere) to [FAR, NEAR]; a cloud slightly outside is clamped. */
    private static float shade(float z) {
        float t = Math.max(0f, Math.min(1f, (z + 1f) / 2f));
        return FAR_VALUE + (NEAR_VALUE - FAR_VALUE) * t;
    }
}
