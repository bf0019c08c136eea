package io.recon4j.spark;

import io.recon4j.embed.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * One {@link Embedder} per executor JVM and model: the first task to need it writes the broadcast checkpoint bytes to
 * a local file and loads it; later tasks (and concurrent ones, which wait) reuse it until the JVM ends. The model
 * serialises its own calls, so tasks on several cores share it while they read files in parallel.
 */
final class ExecutorModels {

    private static final Map<String, Embedder> MODELS = new HashMap<>();

    private ExecutorModels() {
    }

    static synchronized Embedder get(ModelSpec spec, Broadcast<byte[]> checkpoint) {
        return MODELS.computeIfAbsent(spec.key(), k -> load(spec, checkpoint.value()));
    }

    private static Embedder load(ModelSpec spec, byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory("recon4j-model-");
            Path file = dir.resolve(spec.checkpointName);
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return Embedder.builder().checkpoint(file).config(spec.config()).optClassify(spec.classify).optTopK(spec.topK)
                    .optClassNames(spec.classNames).optZUp(spec.zUp).build();
        } catch (IOException e) {
            throw new UncheckedIOException("recon4j: could not load the checkpoint on this executor", e);
        }
    }
}
