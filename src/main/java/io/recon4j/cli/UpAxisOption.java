package io.recon4j.cli;

import io.recon4j.render.RenderConfig;
import picocli.CommandLine.Option;

/** {@code --up y|z}: the up axis of the stored clouds (every command that reads clouds). */
final class UpAxisOption {

    @Option(names = "--up", defaultValue = "y", description = {"Up axis of the stored clouds: y (ShapeNet, the embedded dataset;",
        "as the official code) or z (raw ModelNet, most robot/CAD scans; turned y-up on load so that",
        "augmentation and rendering turn shapes about their vertical). Give every command the same --up."})
    String up;

    /** @return whether {@code --up z} turns the clouds y-up on load */
    boolean zUp() {
        return RenderConfig.Axis.parse(up == null ? "y" : up) == RenderConfig.Axis.Z;
    }
}
