package io.recon4j.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The folder one run writes into: config, metrics log, checkpoints, plots and report. */
public final class RunFolder {

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code parent/<job>-<yyyyMMdd-HHmmss>} (with a numeric suffix if that exists).
     *
     * @param parent e.g. {@code runs}
     * @param job e.g. {@code quickstart}
     * @return the new folder
     */
    public static RunFolder create(Path parent, String job) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = parent.resolve(job + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(job + "-" + stamp + "-" + i);
        }
        Files.createDirectories(dir);
        return new RunFolder(dir);
    }

    /** Uses an existing or new folder as it is (for --out and --resume). */
    public static RunFolder at(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new RunFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return {@code dir/name} */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Writes a UTF-8 text file atomically. */
    public Path writeText(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        AtomicFiles.write(p, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return p;
    }
}
