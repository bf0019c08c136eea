package io.recon4j.render;

import java.util.Locale;

/**
 * How {@link DepthRenderer} draws a cloud: image size, the fixed viewpoints, the splat size and what a
 * pixel holds. Views are spaced evenly in azimuth around the up axis, all at one elevation, starting at
 * {@code azimuthDeg} (an oblique front-left view by default, like a product shot).
 *
 * @param size image width and height in pixels
 * @param views number of viewpoints V
 * @param elevationDeg camera elevation above the horizontal plane, in degrees (-90..90)
 * @param azimuthDeg azimuth of the first view, in degrees
 * @param pointRadius splat radius in pixels (each point covers a disc of this radius)
 * @param up which input axis points up
 * @param mode depth (nearer is brighter), silhouette (1 where covered), shaded (lit grey object on white) or mesh
 *     (the mesh surface, lit as shaded)
 */
public record RenderConfig(int size, int views, double elevationDeg, double azimuthDeg, double pointRadius, Axis up,
                           Mode mode) {

    /** The input axis that points up (ShapeNet and the embedded dataset: y; raw ModelNet meshes: z). */
    public enum Axis {
        Y,
        Z;

        /** @return Y or Z from "y"/"z" (any case) */
        public static Axis parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "y" -> Y;
                case "z" -> Z;
                default -> throw new IllegalArgumentException("up axis must be y or z, got '" + s + "'");
            };
        }
    }

    /** What a covered pixel holds. */
    public enum Mode {
        /** 0.2 (farthest possible) .. 1 (nearest possible) for a cloud inside the unit sphere. */
        DEPTH,
        /** 1 wherever a point lands. */
        SILHOUETTE,
        /** A grey Lambertian-lit object on a white background (normals from local PCA), for photo-trained encoders. */
        SHADED,
        /** The shape's mesh surface, shaded as SHADED (needs mesh files, e.g. ModelNet's OFF; see {@link MeshRenderer}). */
        MESH;

        /** @return DEPTH, SILHOUETTE, SHADED or MESH from "depth"/"silhouette"/"shaded"/"mesh" (any case) */
        public static Mode parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "depth" -> DEPTH;
                case "silhouette" -> SILHOUETTE;
                case "shaded" -> SHADED;
                case "mesh" -> MESH;
                default -> throw new IllegalArgumentException("render mode must be depth, silhouette, shaded or mesh, got '" + s + "'");
            };
        }

        /** @return the lower-case name used on the command line */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RenderConfig {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("image size must be in 8..4096 pixels, got " + size);
        }
        if (views < 1 || views > 64) {
            throw new IllegalArgumentException("views must be in 1..64, got " + views);
        }
        if (!(elevationDeg >= -90 && elevationDeg <= 90)) {
            throw new IllegalArgumentException("elevation must be in -90..90 degrees, got " + elevationDeg);
        }
        if (!Double.isFinite(azimuthDeg)) {
            throw new IllegalArgumentException("azimuth must be finite, got " + azimuthDeg);
        }
        if (!(pointRadius >= 0.5 && pointRadius <= size / 4.0)) {
            throw new IllegalArgumentException("point radius must be in 0.5.." + size / 4.0 + " pixels, got " + pointRadius);
        }
        if (up == null || mode == null) {
            throw new IllegalArgumentException("up axis and mode are required");
        }
    }

    /**
     * @param size image size
     * @param views number of views
     * @return depth views at 30° elevation starting at 45° azimuth, y up, splat radius size/112 (2 px at 224)
     */
    public static RenderConfig of(int size, int views) {
        return new RenderConfig(size, views, 30, 45, Math.max(0.5, size / 112.0), Axis.Y, Mode.DEPTH);
    }

    /** @return this config with another up axis */
    public RenderConfig withUp(Axis newUp) {
        return new RenderConfig(size, views, elevationDeg, azimuthDeg, pointRadius, newUp, mode);
    }

    /** @return this config with another splat radius in pixels */
    public RenderConfig withPointRadius(double newRadius) {
        return new RenderConfig(size, views, elevationDeg, azimuthDeg, newRadius, up, mode);
    }

    /** @return this config with another mode */
    public RenderConfig withMode(Mode newMode) {
        return new RenderConfig(size, views, elevationDeg, azimuthDeg, pointRadius, up, newMode);
    }

    /** @return a short stable description, part of feature-cache keys */
    public String key() {
        return String.format(Locale.ROOT, "render(size=%d,views=%d,elev=%s,azim=%s,r=%s,up=%s,mode=%s)", size, views,
                elevationDeg, azimuthDeg, pointRadius, up, switch (mode) {
                    case DEPTH -> "DEPTH";
                    case SILHOUETTE -> "SILHOUETTE" + DepthRenderer.fillKey();
                    case SHADED -> "SHADED" + DepthRenderer.shadingKey();
                    case MESH -> "MESH" + MeshRenderer.meshKey();
                });
    }
}
