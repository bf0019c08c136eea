package io.recon4j.util;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What decides a run's floating-point bits besides its seed and options: the engine, its intra-op thread count, the
 * device, the CPU and whether the launcher's oneMKL shim is preloaded (it switches oneMKL to other GEMM kernels on
 * non-Intel CPUs, so the same seed gives other weights: measured 2026-12-06, docs/results.md). Two runs on the same
 * path are bit-identical, whatever else the machine is doing; runs on different paths agree only statistically.
 */
public final class NumericPath {

    /** The preloaded library the {@code recon} launcher builds from {@code src/main/native/mkl_shim.c}. */
    public static final String MKL_SHIM = "libmklshim.so";

    private NumericPath() {
    }

    /**
     * @param device the device the run computes on
     * @return one line, e.g. "PyTorch 2.7.1 on cpu(), 2 intra-op threads, oneMKL shim preloaded; AMD EPYC (family 26,
     *     model 2; AVX2, AVX-512, VNNI)"
     */
    public static String describe(Device device) {
        String engine;
        String threads;
        try {
            Engine e = Engine.getEngine("PyTorch");
            engine = e.getEngineName() + " " + e.getVersion();
            threads = Integer.toString(ai.djl.pytorch.jni.JniUtils.getNumThreads());
        } catch (RuntimeException | LinkageError e) {
            engine = "PyTorch unavailable (" + e.getMessage() + ")";
            threads = "?";
        }
        return describe(engine, device.toString(), threads, shimPreloaded(), cpu());
    }

    static String describe(String engine, String device, String threads, boolean shim, String cpu) {
        return String.format(Locale.ROOT, "%s on %s, %s intra-op threads, oneMKL shim %s; %s", engine, device, threads,
                shim ? "preloaded" : "not preloaded", cpu);
    }

    /** @return true when the launcher's oneMKL shim is mapped into this process */
    public static boolean shimPreloaded() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.anyMatch(l -> l.contains(MKL_SHIM));
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: no shim either
        }
    }

    /** @return the CPU as {@link #describeCpu} names it, or the architecture where /proc/cpuinfo is unreadable */
    public static String cpu() {
        try {
            return describeCpu(Files.readString(Path.of("/proc/cpuinfo")), System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch"); // informational only
        }
    }

    /**
     * "AMD EPYC" names several generations whose speed and int8 arithmetic differ (docs/teachers.md), so the family,
     * model and the SIMD levels that matter here are named too.
     *
     * @return e.g. "AMD EPYC (family 26, model 2; AVX2, AVX-512, VNNI)"; {@code arch} when cpuinfo names no model
     */
    static String describeCpu(String cpuinfo, String arch) {
        String name = null;
        String family = null;
        String model = null;
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && name == null) {
                name = value;
            } else if (key.equals("cpu family") && family == null) {
                family = value;
            } else if (key.equals("model") && model == null) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Set.of(value.split("\\s+"));
            }
        }
        if (name == null) {
            return arch;
        }
        List<String> simd = new ArrayList<>();
        if (flags.contains("avx2")) {
            simd.add("AVX2");
        }
        if (flags.contains("avx512f")) {
            simd.add("AVX-512");
        }
        if (flags.contains("avx512_vnni") || flags.contains("avx_vnni")) {
            simd.add("VNNI");
        }
        List<String> parts = new ArrayList<>();
        if (family != null) {
            parts.add("family " + family + (model == null ? "" : ", model " + model));
        }
        if (!simd.isEmpty()) {
            parts.add(String.join(", ", simd));
        }
        return parts.isEmpty() ? name : name + " (" + String.join("; ", parts) + ")";
    }

    /**
     * Appends this process's path to a run folder's {@code numerics.txt}, one line per start or resume, so a run's
     * numbers can be reproduced bit for bit on the same path.
     *
     * @param event e.g. "start" or "resume at step 120"
     * @return the path a resumed run last ran on when it differs from {@code path} (its bits will differ from an
     *     uninterrupted run's from here on), else {@code null}
     */
    public static String record(RunFolder run, String event, String path) throws IOException {
        Path file = run.resolve("numerics.txt");
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        String previous = null;
        for (int i = lines.size() - 1; i >= 0 && previous == null; i--) {
            int sep = lines.get(i).indexOf(": ");
            previous = sep < 0 ? null : lines.get(i).substring(sep + 2);
        }
        lines.add(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + event + ": " + path);
        run.writeText("numerics.txt", String.join("\n", lines) + "\n");
        return previous != null && !previous.equals(path) ? previous : null;
    }
}
