package io.recon4j.cli;

import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.Teachers;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The text teacher and the feature cache, shared by {@code pretrain} and {@code zeroshot}. */
final class TeacherOptions {

    @Option(names = "--text-teacher", defaultValue = "minilm",
            description = "Text teacher: minilm (all-MiniLM-L6-v2, 384-d, built in) or none (default ${DEFAULT-VALUE}).")
    String textTeacher;

    @Mixin
    FeatureCacheOption cache;

    /** @return the text teacher, or null for none */
    TextTeacher text() {
        return Teachers.text(textTeacher);
    }

    /** @return the feature cache, warning on stderr about entries it had to recompute */
    FeatureCache featureCache() throws IOException {
        return cache.open();
    }
}
