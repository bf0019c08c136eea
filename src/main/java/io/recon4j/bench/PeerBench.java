package io.recon4j.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peer: the official ReCon code timed on this CPU by {@code ../shared/peer-bench/run.sh} (Debian's PyTorch
 * with OpenBLAS, one Python process per configuration). Runs one (size, phase) at a time, so that
 * {@link SideBySide} can interleave it with ours.
 */
final class PeerBench {

    /** The sizes the peer's {@code bench.py} knows; ours must be the same architectures. */
    static final List<String> SIZES = List.of("nano", "tiny", "small", "base");

    private final Path dir;

    private PeerBench(Path dir) {
        this.dir = dir;
    }

    /**
     * Checks that {@code dir} holds the peer benchmark and that the official sources can be found, before any
     * configuration is timed.
     *
     * @param dir the peer-bench folder (with {@code run.sh} and {@code bench.py})
     * @return the peer
     * @throws IllegalArgumentException naming what is missing
     */
    static PeerBench at(Path dir) {
        for (String f : List.of("run.sh", "bench.py")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException("--peer " + dir + ": no " + f + " there (expected ../shared/peer-bench)");
            }
        }
        String src = System.getenv().getOrDefault("RECON_SRC", "/tmp/recon-official");
        String mirror = System.getenv("RECON_MIRROR");
        if (!Files.isRegularFile(Path.of(src, "models", "ReCon.py")) && (mirror == null || !Files.isDirectory(Path.of(mirror)))) {
            throw new IllegalArgumentException("--peer: the official sources are not extracted at " + src
                    + " and RECON_MIRROR is not a directory (" + mirror + "); set RECON_MIRROR to a bare git copy of "
                    + "github:qizekun/ReCon");
        }
        return new PeerBench(dir);
    }

    /** @throws IllegalArgumentException unless the peer knows {@code size} as the same architecture */
    static void checkSize(BenchSize size) {
        if (!SIZES.contains(size.name()) || !size.config().equals(io.recon4j.model.ReconConfig.size(size.name()))) {
            throw new IllegalArgumentException("size " + size.name() + ": the peer benchmarks only the named sizes " + SIZES);
        }
    }

    /**
     * Times one configuration of the official code in its own process.
     *
     * @param logs folder for the peer's raw JSON line and its logs (created if missing)
     * @return the peer's result object ({@code samples_per_s}, {@code peak_rss_mb}, {@code matmul_gflops_median}, ...)
     * @throws IllegalStateException with the tail of the peer's output if it fails
     */
    JsonObject measure(BenchSize size, Phase phase, int batch, int warmup, int iters, Path logs) {
        String tag = phase.id() + "-" + size.name();
        Path jsonl = logs.resolve("peer-" + tag + ".jsonl");
        Path log = logs.resolve("peer-" + tag + ".out");
        List<String> cmd = new ArrayList<>(List.of("bash", dir.resolve("run.sh").toString(), "--sizes", size.name(),
                "--phases", phase.id(), "--batch", Integer.toString(batch), "--warmup", Integer.toString(warmup),
                "--iters", Integer.toString(iters), "--out", jsonl.toString()));
        try {
            Files.createDirectories(logs);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.remove("LD_PRELOAD"); // our MKL shim means nothing to the peer (OpenBLAS); keep its process as run.sh sets it
            int exit = pb.start().waitFor();
            List<String> lines = Files.isRegularFile(jsonl)
                    ? Files.readAllLines(jsonl, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList() : List.of();
            if (exit != 0 || lines.isEmpty()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "peer benchmark of %s failed (exit code %d%s); "
                        + "log %s:%n%s", tag, exit, lines.isEmpty() ? ", no result" : "", log, ModelBenchmark.tail(log, 20)));
            }
            return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the peer benchmark for " + tag + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the peer benchmark for " + tag, e);
        }
    }
}
