package io.recon4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --batch}, {@code --seed} and {@code --out} of the benchmarks that measure one configuration in a folder. */
final class BenchRun {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/${COMMAND-NAME}-<date-time>).")
    Path out;

    /** @return {@code --out}, or runs/PREFIX-date-time */
    Path dir(String prefix) {
        return outDir(out, prefix);
    }

    /** @return {@code out}, or runs/PREFIX-date-time when none was given */
    static Path outDir(Path out, String prefix) {
        return out != null ? out : Path.of("runs", prefix + "-" + LocalDateTime.now().format(STAMP));
    }
}
