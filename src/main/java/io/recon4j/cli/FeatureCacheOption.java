package io.recon4j.cli;

import io.recon4j.teacher.FeatureCache;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache}: the folder of cached teacher features, shared by every command that runs a teacher. */
final class FeatureCacheOption {

    @Option(names = "--cache", defaultValue = "runs/feature-cache",
            description = "Folder of cached teacher features, reused across runs (default ${DEFAULT-VALUE}).")
    Path cache;

    /** @return the feature cache, warning on stderr about entries it had to recompute */
    FeatureCache open() throws IOException {
        return FeatureCache.at(cache);
    }
}
