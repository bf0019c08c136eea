package io.recon4j.render;

import io.recon4j.cloud.Mesh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A software triangle rasteriser for {@link RenderConfig.Mode#MESH}: the shape's surface itself, flat-shaded grey on
 * white from the same viewpoints, light and orthographic camera as {@link DepthRenderer}'s shaded points. The
 * official ReCon image teacher sees renders of the meshes (ShapeNet images), not of sampled points; a closed,
 * gap-free surface is also what makes a photo-trained network read the shape as an object.
 *
 * <p>Framing: the mesh is centred on its bounding-box centre and scaled so that its farthest vertex lies on the
 * unit sphere (the vertex centroid of a CAD mesh follows its tessellation, not its shape). Faces are two-sided
 * (CAD meshes are often not consistently oriented). Each pixel is the mean of {@link #SUPERSAMPLE}² samples, so
 * edges are anti-aliased. Deterministic: a pure function of the mesh and the configuration.
 */
public final class MeshRenderer {

    /** Samples per pixel side: anti-aliased edges at 4× the work. */
    static final int SUPERSAMPLE = 2;

    private final RenderConfig config;

    /** @param config image size, views, up axis; its mode must be {@link RenderConfig.Mode#MESH} */
    public MeshRenderer(RenderConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        if (config.mode() != RenderConfig.Mode.MESH) {
            throw new IllegalArgumentException("MeshRenderer draws --img-render mesh, not " + config.mode().cliName());
        }
    }

    /** @return the V views of {@code mesh}, in viewpoint order */
    public List<DepthImage> render(Mesh mesh) {
        if (mesh.triangleCount() == 0) {
            throw new IllegalArgumentException("the mesh has no faces to render");
        }
        float[] unit = toUnitSphere(mesh.vertices().xyz());
        int[] tri = mesh.triangles();
        List<DepthImage> out = new ArrayList<>(config.views());
        for (int v = 0; v < config.views(); v++) {
            out.add(renderView(unit, tri, v));
        }
        return out;
    }

    /** @return the vertices (V, 3) centred on their bounding box and scaled into the unit sphere */
    static float[] toUnitSphere(float[] xyz) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xyz.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], xyz[i]);
            hi[i % 3] = Math.max(hi[i % 3], xyz[i]);
        }
        double[] c = {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2};
        double r2 = 0;
        for (int i = 0; i < xyz.length; i += 3) {
            double dx = xyz[i] - c[0];
            double dy = xyz[i + 1] - c[1];
            double dz = xyz[i + 2] - c[2];
            r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        double scale = r2 > 0 ? 1 / Math.sqrt(r2) : 1;
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            out[i] = (float) ((xyz[i] - c[i % 3]) * scale);
        }
        return out;
    }

    private DepthImage renderView(float[] unit, int[] tri, int view) {
        int s = config.size();
        int hs = s * SUPERSAMPLE;
        double az = Math.toRadians(config.azimuthDeg() + 360.0 * view / config.views());
        double el = Math.toRadians(config.elevationDeg());
        double ca = Math.cos(az);
        double sa = Math.sin(az);
        double ce = Math.cos(el);
        double se = Math.sin(el);
        double pixelsPerUnit = hs / (2 * DepthRenderer.EXTENT);
        int n = unit.length / 3;
        // Vertices in screen space: u right, w down (pixels of the supersampled image), z towards the camera.
        double[] su = new double[n];
        double[] sw = new double[n];
        double[] sz = new double[n];
        double[] p = new double[3];
        for (int i = 0; i < n; i++) {
            DepthRenderer.toView(config.up(), unit, i, ca, sa, ce, se, p);
            su[i] = (p[0] + DepthRenderer.EXTENT) * pixelsPerUnit;
            sw[i] = (DepthRenderer.EXTENT - p[1]) * pixelsPerUnit;
            sz[i] = p[2];
        }
        float[] zbuf = new float[hs * hs];
        Arrays.fill(zbuf, Float.NEGATIVE_INFINITY);
        float[] lit = new float[hs * hs];
        Arrays.fill(lit, DepthRenderer.BACKGROUND);
        for (int f = 0; f < tri.length; f += 3) {
            int a = tri[f];
            int b = tri[f + 1];
            int c = tri[f + 2];
            // Face normal in the view frame, from the screen-space edges (w points down, so flip its sign back).
            double e1u = su[b] - su[a];
            double e1w = sw[b] - sw[a];
            double e1z = (sz[b] - sz[a]) * pixelsPerUnit;
            double e2u = su[c] - su[a];
            double e2w = sw[c] - sw[a];
            double e2z = (sz[c] - sz[a]) * pixelsPerUnit;
            double nx = -(e1w * e2z - e1z * e2w);
            double ny = e1z * e2u - e1u * e2z;
            double nz = -(e1u * e2w - e1w * e2u);
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double area = e1u * e2w - e1w * e2u;
            if (len == 0 || area == 0) {
                continue; // degenerate, or seen edge-on: covers no pixel centre
            }
            // Two-sided: the side facing the camera is lit.
            double sign = nz < 0 ? -1 / len : 1 / len;
            float shade = DepthRenderer.brightness(sign * nx, sign * ny, sign * nz);
            int x0 = Math.max(0, (int) Math.floor(Math.min(su[a], Math.min(su[b], su[c]))));
            int x1 = Math.min(hs - 1, (int) Math.ceil(Math.max(su[a], Math.max(su[b], su[c]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(sw[a], Math.min(sw[b], sw[c]))));
            int y1 = Math.min(hs - 1, (int) Math.ceil(Math.max(sw[a], Math.max(sw[b], sw[c]))));
            for (int y = y0; y <= y1; y++) {
                double py = y + 0.5;
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    // Barycentric weights of the pixel centre (signed areas over the face's).
                    double wa = ((su[b] - px) * (sw[c] - py) - (sw[b] - py) * (su[c] - px)) / area;
                    double wb = ((su[c] - px) * (sw[a] - py) - (sw[c] - py) * (su[a] - px)) / area;
                    double wc = 1 - wa - wb;
                    if (wa < 0 || wb < 0 || wc < 0) {
                        continue;
                    }
                    float z = (float) (wa * sz[a] + wb * sz[b] + wc * sz[c]);
                    int k = y * hs + x;
                    // Strict '>' keeps the earlier face on ties: the image depends only on the mesh's face order.
                    if (z > zbuf[k]) {
                        zbuf[k] = z;
                        lit[k] = shade;
                    }
                }
            }
        }
        float[] pixels = new float[s * s];
        float norm = 1f / (SUPERSAMPLE * SUPERSAMPLE);
        for (int y = 0; y < hs; y++) {
            for (int x = 0; x < hs; x++) {
                pixels[(y / SUPERSAMPLE) * s + x / SUPERSAMPLE] += lit[y * hs + x] * norm;
            }
        }
        return new DepthImage(s, s, pixels);
    }

    /** @return the mesh mode's constants, part of {@link RenderConfig#key()} */
    static String meshKey() {
        return String.format(java.util.Locale.ROOT, "(ss=%d,frame=bbox-unit-sphere)%s", SUPERSAMPLE, DepthRenderer.shadingKey());
    }
}
