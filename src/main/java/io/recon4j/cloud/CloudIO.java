package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point for reading point-cloud and mesh files; picks the reader from the file name.
 *
 * <p>Supported: {@code .pcd}, {@code .ply}, {@code .off}, {@code .obj}, {@code .xyz}/{@code .txt}/{@code .pts}/{@code .csv},
 * {@code .npy}.
 */
public final class CloudIO {

    private static final Map<String, CloudReader> READERS = Map.of(
            "pcd", new PcdReader(),
            "ply", new PlyReader(),
            "off", new OffReader(),
            "obj", new ObjReader(),
            "xyz", new XyzReader(),
            "txt", new XyzReader(),
            "pts", new XyzReader(),
            "csv", new XyzReader(),
            "npy", new NpyReader());

    private CloudIO() {
    }

    /**
     * Reads a file, choosing the format by its extension.
     *
     * @throws CloudFormatException if the content is malformed or the extension is unknown
     * @throws IOException if the file cannot be read
     */
    public static CloudFile read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new CloudFormatException(file, "path", "is a directory, expected a point-cloud file");
        }
        CloudReader reader = READERS.get(extension(file));
        if (reader == null) {
            throw new CloudFormatException(file, "file name", "unsupported extension '." + extension(file)
                    + "', expected one of " + new java.util.TreeSet<>(READERS.keySet()));
        }
        return reader.read(file);
    }

    /** Reads a file and returns its points (mesh vertices for mesh files). */
    public static PointCloud readPoints(Path file) throws IOException {
        return read(file).points();
    }

    /** @return true if {@link #read} knows the file's extension */
    public static boolean isSupported(Path file) {
        return READERS.containsKey(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
