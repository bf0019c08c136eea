package io.recon4j.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one (size, phase) configuration measured, in one process. Times are medians in seconds.
 *
 * @param size size name
 * @param phase phase
 * @param params trainable parameters
 * @param fwdGflop analytic forward GFLOP per sample
 * @param batch B
 * @param warmup untimed steps
 * @param iters timed steps
 * @param group grouping (FPS + kNN)
 * @param forward forward pass and loss, excluding grouping
 * @param backward backward pass (0 for inference)
 * @param optimizer loss read-out, gradient norm/clip and AdamW (0 for inference)
 * @param step whole step
 * @param peakMedian this process's matmul peak, median GFLOP/s
 * @param peakBest this process's matmul peak, best GFLOP/s
 * @param peakOtherCores cores used by other processes while the peak was measured
 * @param otherCores cores used by other processes during the timed steps
 * @param peakRssMb peak resident memory of the process (VmHWM) in MB
 * @param rssWarmMb resident memory after the warm-up steps, MB
 * @param rssEndMb resident memory after the timed steps, MB
 * @param latGroupMs batch-1 inference: grouping, ms (NaN unless measured)
 * @param latForwardMs batch-1 inference: forward, ms
 * @param latTotalMs batch-1 inference: total, ms
 */
public record Measurement(String size, Phase phase, long params, double fwdGflop, int batch, int warmup, int iters,
                          double group, double forward, double backward, double optimizer, double step,
                          double peakMedian, double peakBest, double peakOtherCores, double otherCores,
                          double peakRssMb, double rssWarmMb, double rssEndMb,
                          double latGroupMs, double latForwardMs, double latTotalMs) {

    /** Prefix of the line a child process prints. */
    static final String LINE_PREFIX = "RECON_BENCH_RESULT";

    /** @return samples per second of the step */
    public double samplesPerSecond() {
        return batch / step;
    }

    /** @return achieved GFLOP/s: 3× forward FLOPs for training, 1× for inference */
    public double achievedGflops() {
        return phase.flopMultiplier() * fwdGflop * samplesPerSecond();
    }

    /** @return true if batch-1 latency was measured */
    public boolean hasLatency() {
        return !Double.isNaN(latTotalMs);
    }

    /** @return one machine-readable line: the prefix, then key=value pairs separated by spaces */
    String toLine() {
        StringBuilder sb = new StringBuilder(LINE_PREFIX);
        fields().forEach((k, v) -> sb.append(' ').append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v));
        return sb.toString();
    }

    /** @return every field by name, in declaration order (the keys of {@link #toLine()} and of the JSONL records) */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("size", size);
        f.put("phase", phase.id());
        f.put("params", params);
        f.put("fwdGflop", fwdGflop);
        f.put("batch", batch);
        f.put("warmup", warmup);
        f.put("iters", iters);
        f.put("group", group);
        f.put("forward", forward);
        f.put("backward", backward);
        f.put("optimizer", optimizer);
        f.put("step", step);
        f.put("peakMedian", peakMedian);
        f.put("peakBest", peakBest);
        f.put("peakOtherCores", peakOtherCores);
        f.put("otherCores", otherCores);
        f.put("peakRssMb", peakRssMb);
        f.put("rssWarmMb", rssWarmMb);
        f.put("rssEndMb", rssEndMb);
        f.put("latGroupMs", latGroupMs);
        f.put("latForwardMs", latForwardMs);
        f.put("latTotalMs", latTotalMs);
        return f;
    }

    /**
     * @param line a line written by {@link #toLine()}
     * @return the measurement
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    static Measurement parse(String line) {
        if (!line.startsWith(LINE_PREFIX + " ")) {
            throw new IllegalArgumentException("not a result line (expected '" + LINE_PREFIX + " ...'): " + line);
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : line.substring(LINE_PREFIX.length() + 1).trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed field '" + kv + "' in result line: " + line);
            }
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Fields r = new Fields(f, line);
        return new Measurement(r.text("size"), Phase.parse(r.text("phase")), r.whole("params"), r.real("fwdGflop"),
                (int) r.whole("batch"), (int) r.whole("warmup"), (int) r.whole("iters"),
                r.real("group"), r.real("forward"), r.real("backward"), r.real("optimizer"), r.real("step"),
                r.real("peakMedian"), r.real("peakBest"), r.real("peakOtherCores"), r.real("otherCores"),
                r.real("peakRssMb"), r.real("rssWarmMb"), r.real("rssEndMb"),
                r.real("latGroupMs"), r.real("latForwardMs"), r.real("latTotalMs"));
    }

    /** Typed access to the parsed fields, with errors that name the field. */
    private record Fields(Map<String, String> f, String line) {
        String text(String key) {
            String v = f.get(key);
            if (v == null) {
                throw new IllegalArgumentException("result line lacks '" + key + "': " + line);
            }
            return v;
        }

        long whole(String key) {
            try {
                return Long.parseLong(text(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' is not an integer in result line: " + line, e);
            }
        }

        double real(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' is not a number in result line: " + line, e);
            }
        }
    }
}
