package io.recon4j.embed;

import io.recon4j.cloud.CloudIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code recon embed --input} names: a folder, walked recursively for files of a supported extension
 * ({@link CloudIO#isSupported}; hidden files skipped) in sorted path order, or a list file with one path per line
 * (relative paths are relative to the list file's folder; blank lines and lines starting with {@code #} skipped),
 * in its own order. Every listed path is kept, readable or not: a bad one becomes an error row.
 */
public final class EmbedInputs {

    /** One input: the name its row carries and where it is read. */
    public record Input(String path, Path file) {
    }

    private EmbedInputs() {
    }

    /**
     * @throws IllegalArgumentException if {@code input} does not exist or names no file at all
     */
    public static List<Input> of(Path input) throws IOException {
        List<Input> out = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.walk(input)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(CloudIO::isSupported).sorted().forEach(p -> out.add(new Input(p.toString(), p)));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--input " + input + ": no point or mesh files under this folder"
                        + " (supported extensions: .pcd .ply .off .obj .xyz .txt .pts .csv .npy)");
            }
        } else if (Files.isRegularFile(input)) {
            Path base = input.toAbsolutePath().getParent();
            for (String line : Files.readAllLines(input)) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(new Input(s, base.resolve(s)));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--input " + input + ": the list file names no files");
            }
        } else {
            throw new IllegalArgumentException("--input " + input + ": no such folder or list file");
        }
        return out;
    }
}
