package io.recon4j;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import io.recon4j.model.ReconClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds the DJL block of a recon4j (or official) checkpoint for {@link ai.djl.repository.zoo.Criteria}: the file is
 * the model path DJL resolved ({@code optModelPath(file)}: the model's directory and its name), read and checked as
 * {@link Recon#load} reads it. For checkpoints without a model card, pass the configuration as criteria arguments:
 * {@code size} (nano, tiny, small, base), {@code classNames} (comma-separated), {@code upAxis} (y or z).
 */
public final class ReconBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path file = checkpoint(modelPath, model.getName());
        ReconCheckpoint checkpoint = ReconCheckpoint.read(file, options(arguments));
        ReconClassifier net = checkpoint.build(model.getNDManager());
        return new CheckpointBlock(net, checkpoint);
    }

    private static Path checkpoint(Path modelPath, String name) throws IOException {
        if (Files.isRegularFile(modelPath)) {
            return modelPath;
        }
        for (String candidate : new String[] {name, name + ".pth"}) {
            Path p = modelPath.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(modelPath.resolve(name).toString(), null,
                "no recon4j checkpoint: give optModelPath the .pth file itself");
    }

    private static Recon.Options options(Map<String, ?> arguments) {
        Recon.Options.Builder b = Recon.Options.builder();
        if (arguments.get("size") != null) {
            b.size(arguments.get("size").toString());
        }
        if (arguments.get("classNames") != null) {
            b.classNames(Arrays.stream(arguments.get("classNames").toString().split(",")).map(String::strip).toList());
        }
        if (arguments.get("upAxis") != null) {
            b.upAxis(arguments.get("upAxis").toString());
        }
        return b.build();
    }
}
