package io.recon4j.cli;

import io.recon4j.render.RenderConfig;
import picocli.CommandLine.Option;

/** Renderer options shared by {@code render} and the image teacher of {@code pretrain}. */
final class RenderOptions {

    @Option(names = "--views", defaultValue = "6", description = "Viewpoints around the up axis (default ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--image-size", defaultValue = "224", description = "Image width and height in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--elevation", defaultValue = "30", description = "Camera elevation in degrees (default ${DEFAULT-VALUE}).")
    double elevation;

    @Option(names = "--azimuth", defaultValue = "45", description = "Azimuth of the first view in degrees (default ${DEFAULT-VALUE}).")
    double azimuth;

    @Option(names = "--point-radius", description = "Splat radius in pixels (default: image size / 112).")
    Double radius;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the input: y (ShapeNet, embedded data) or z (default ${DEFAULT-VALUE}).")
    String up;

    @Option(names = "--mode", defaultValue = "depth", description = "depth, silhouette or shaded (default ${DEFAULT-VALUE}).")
    String mode;

    /** @return the renderer configuration */
    RenderConfig config() {
        return new RenderConfig(size, views, elevation, azimuth, radius != null ? radius : Math.max(0.5, size / 112.0),
                RenderConfig.Axis.parse(up), RenderConfig.Mode.parse(mode));
    }
}
