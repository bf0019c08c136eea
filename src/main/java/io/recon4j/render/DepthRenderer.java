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
 *
 * <p>{@link RenderConfig.Mode#SHADED} draws the cloud as a grey object lit from the upper left on a white
 * background, for encoders trained on photographs: each point carries its local-PCA normal
 * ({@link PointNormals}, turned towards the camera) and the pixel it wins gets the Lambertian brightness
 * {@code ALBEDO · (AMBIENT + (1 − AMBIENT) · max(0, n·l))}, then blurred within the shape (one flat disc per
 * point would read as a mosaic).
 */
public final class DepthRenderer {

    static final double EXTENT = 1.05;
    private static final float NEAR_VALUE = 1f;
    private static final float FAR_VALUE = 0.2f;
    /** Neighbours of the PCA normal estimate: enough to span a surface patch of the 1,024-point ModelNet clouds. */
    static final int NORMAL_NEIGHBOURS = 16;
    /** Shaded and silhouette splat radius in point spacings ({@link PointNormals#spacing()}): closes Poisson-disk surfaces. */
    static final double FILL = 0.8;
    /** Shaded mode: blur of the lit surface, in splat radii (see smoothWithin). */
    static final double SMOOTH = 0.75;
    /** Shaded mode: the surface reflects at most this much of the light, so that its brightest parts stay off the white. */
    static final float ALBEDO = 0.85f;
    /** Shaded mode: light every surface receives whatever its orientation (faces turned away stay visible). */
    static final float AMBIENT = 0.25f;
    /** Shaded mode: background brightness (white, as product photographs). */
    static final float BACKGROUND = 1f;
    /** Shaded mode: unit direction towards the light in the view frame: from the upper left, in front. */
    private static final double[] LIGHT = unit(-0.45, 0.65, 0.6);

    private final RenderConfig config;

    /** @param config image size, views, splat radius, up axis, mode */
    public DepthRenderer(RenderConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        if (config.mode() == RenderConfig.Mode.MESH) {
            throw new IllegalArgumentException("--img-render mesh draws the mesh surface (MeshRenderer), not points");
        }
    }

    /** @return the configuration */
    public RenderConfig config() {
        return config;
    }

    /** @return the V views of {@code cloud}, in viewpoint order */
    public List<DepthImage> render(PointCloud cloud) {
        PointNormals normals = normalsFor(cloud);
        List<DepthImage> out = new ArrayList<>(config.views());
        for (int v = 0; v < config.views(); v++) {
            out.add(renderView(cloud, normals, v));
        }
        return out;
    }

    /** @return the cloud's normals and spacing when the mode needs them (shaded, silhouette), else null */
    private PointNormals normalsFor(PointCloud cloud) {
        return config.mode() == RenderConfig.Mode.DEPTH ? null : PointNormals.estimate(cloud, NORMAL_NEIGHBOURS);
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
        return renderView(cloud, normalsFor(cloud), view);
    }

    private DepthImage renderView(PointCloud cloud, PointNormals surface, int view) {
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
        double pixelsPerUnit = s / (2 * EXTENT);
        // Shaded and silhouette images show a closed surface: splats at least as wide as the point spacing.
        double r = surface == null ? config.pointRadius()
                : Math.min(s / 8.0, Math.max(config.pointRadius(), FILL * surface.spacing() * pixelsPerUnit));
        double r2 = r * r;
        int reach = (int) Math.ceil(r);
        float[] zbuf = new float[s * s];
        java.util.Arrays.fill(zbuf, Float.NEGATIVE_INFINITY);
        int[] winner = new int[s * s];
        float[] xyz = cloud.xyz();
        double[] p = new double[3];
        for (int i = 0; i < cloud.size(); i++) {
            toView(xyz, i, ca, sa, ce, se, p);
            double u = (p[0] + EXTENT) * pixelsPerUnit;
            double w = (EXTENT - p[1]) * pixelsPerUnit;
            int cx = (int) Math.floor(u);
            int cy = (int) Math.floor(w);
            float depth = (float) p[2];
            for (int y = Math.max(0, cy - reach); y <= Math.min(s - 1, cy + reach); y++) {
                double dy = y + 0.5 - w;
                for (int x = Math.max(0, cx - reach); x <= Math.min(s - 1, cx + reach); x++) {
                    double dx = x + 0.5 - u;
                    // Strict '>' keeps the earlier point on ties: the result never depends on anything but the order.
                    if (dx * dx + dy * dy <= r2 && depth > zbuf[y * s + x]) {
                        zbuf[y * s + x] = depth;
                        winner[y * s + x] = i;
                    }
                }
            }
        }
        float[] pixels = new float[s * s];
        float[] lit = config.mode() == RenderConfig.Mode.SHADED ? lambert(surface.normals(), ca, sa, ce, se) : null;
        for (int k = 0; k < pixels.length; k++) {
            boolean covered = zbuf[k] != Float.NEGATIVE_INFINITY;
            pixels[k] = switch (config.mode()) {
                case DEPTH -> covered ? shade(zbuf[k]) : 0f;
                case SILHOUETTE -> covered ? 1f : 0f;
                case SHADED -> covered ? lit[winner[k]] : BACKGROUND;
                case MESH -> throw new AssertionError("rejected by the constructor");
            };
        }
        if (config.mode() == RenderConfig.Mode.SHADED) {
            smoothWithin(pixels, zbuf, s, SMOOTH * r);
        }
        return new DepthImage(s, s, pixels);
    }

    /**
     * Gaussian blur of the covered pixels only (normalised by the blurred mask, so the background neither bleeds
     * in nor changes): one flat-shaded disc per point would otherwise read as a mosaic texture to a CNN.
     */
    private static void smoothWithin(float[] pixels, float[] zbuf, int s, double sigma) {
        int rad = (int) Math.ceil(2.5 * sigma);
        if (sigma <= 0 || rad < 1) {
            return;
        }
        float[] w = new float[2 * rad + 1];
        for (int t = -rad; t <= rad; t++) {
            w[t + rad] = (float) Math.exp(-t * t / (2 * sigma * sigma));
        }
        float[] val = new float[s * s];
        float[] mask = new float[s * s];
        for (int k = 0; k < pixels.length; k++) {
            if (zbuf[k] != Float.NEGATIVE_INFINITY) {
                val[k] = pixels[k];
                mask[k] = 1f;
            }
        }
        float[][] blurred = {blur(val, s, w, rad), blur(mask, s, w, rad)};
        for (int k = 0; k < pixels.length; k++) {
            if (zbuf[k] != Float.NEGATIVE_INFINITY) {
                pixels[k] = blurred[0][k] / blurred[1][k];
            }
        }
    }

    /** @return {@code img} (s × s) convolved with the separable kernel {@code w} (zero outside the image) */
    private static float[] blur(float[] img, int s, float[] w, int rad) {
        float[] tmp = new float[s * s];
        float[] out = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float acc = 0;
                for (int t = Math.max(-rad, -x); t <= Math.min(rad, s - 1 - x); t++) {
                    acc += w[t + rad] * img[y * s + x + t];
                }
                tmp[y * s + x] = acc;
            }
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float acc = 0;
                for (int t = Math.max(-rad, -y); t <= Math.min(rad, s - 1 - y); t++) {
                    acc += w[t + rad] * tmp[(y + t) * s + x];
                }
                out[y * s + x] = acc;
            }
        }
        return out;
    }

    private void toView(float[] src, int i, double ca, double sa, double ce, double se, double[] out) {
        toView(config.up(), src, i, ca, sa, ce, se, out);
    }

    /**
     * Where point {@code i} of {@code xyz} (N, 3) lands in view {@code view} of this renderer's images.
     *
     * @return {column, row, depth}: fractional pixel coordinates and the depth towards the camera (larger is nearer)
     */
    public double[] project(float[] xyz, int i, int view) {
        double az = Math.toRadians(azimuthDeg(view));
        double el = Math.toRadians(config.elevationDeg());
        double[] p = new double[3];
        toView(xyz, i, Math.cos(az), Math.sin(az), Math.cos(el), Math.sin(el), p);
        double pixelsPerUnit = config.size() / (2 * EXTENT);
        return new double[] {(p[0] + EXTENT) * pixelsPerUnit, (EXTENT - p[1]) * pixelsPerUnit, p[2]};
    }

    /**
     * Turns vector {@code i} of {@code src} (N, 3) into the view frame: the up axis to y, then about the up axis by
     * -azimuth (the camera circles the shape), then a tilt by elevation. Points and normals turn alike.
     *
     * @param out receives (x right, y up, z towards the camera)
     */
    static void toView(RenderConfig.Axis up, float[] src, int i, double ca, double sa, double ce, double se, double[] out) {
        double px = src[3 * i];
        double py = up == RenderConfig.Axis.Y ? src[3 * i + 1] : src[3 * i + 2];
        // With z up, the old y axis points away from the default camera (right-handed: x, y, z → x, z, -y).
        double pz = up == RenderConfig.Axis.Y ? src[3 * i + 2] : -src[3 * i + 1];
        double x1 = ca * px - sa * pz;
        double z1 = sa * px + ca * pz;
        out[0] = x1;
        out[1] = ce * py - se * z1;
        out[2] = se * py + ce * z1;
    }

    /**
     * @param normals (N, 3) unoriented normals in the cloud's frame
     * @return per point, the brightness of its surface seen from this view (normal turned towards the camera)
     */
    private float[] lambert(float[] normals, double ca, double sa, double ce, double se) {
        int n = normals.length / 3;
        float[] out = new float[n];
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            toView(normals, i, ca, sa, ce, se, v);
            // A visible surface faces the camera (+z); PCA leaves the sign open.
            double sign = v[2] < 0 ? -1 : 1;
            out[i] = brightness(sign * v[0], sign * v[1], sign * v[2]);
        }
        return out;
    }

    /** @return the Lambertian brightness of a surface with view-frame unit normal (x, y, z) facing the camera */
    static float brightness(double x, double y, double z) {
        double dot = x * LIGHT[0] + y * LIGHT[1] + z * LIGHT[2];
        return (float) (ALBEDO * (AMBIENT + (1 - AMBIENT) * Math.max(0, dot)));
    }

    /** @return the shaded mode's constants, part of {@link RenderConfig#key()} so that changing them invalidates cached features */
    static String shadingKey() {
        return String.format(java.util.Locale.ROOT, "(k=%d,fill=%s,smooth=%s,albedo=%s,ambient=%s,bg=%s,light=%.3f/%.3f/%.3f)",
                NORMAL_NEIGHBOURS, FILL, SMOOTH, ALBEDO, AMBIENT, BACKGROUND, LIGHT[0], LIGHT[1], LIGHT[2]);
    }

    /** @return the silhouette mode's splat rule, part of {@link RenderConfig#key()} */
    static String fillKey() {
        return String.format(java.util.Locale.ROOT, "(fill=%s)", FILL);
    }

    private static double[] unit(double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / len, y / len, z / len};
    }

    /** Maps view depth z ∈ [-1, 1] (unit sphere) to [FAR, NEAR]; a cloud slightly outside is clamped. */
    private static float shade(float z) {
        float t = Math.max(0f, Math.min(1f, (z + 1f) / 2f));
        return FAR_VALUE + (NEAR_VALUE - FAR_VALUE) * t;
    }
}
