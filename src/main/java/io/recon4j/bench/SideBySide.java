package io.recon4j.bench;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code recon bench model --peer DIR}: ours and the official code (the {@link PeerBench}) timed in the same run,
 * interleaved configuration by configuration, each (size, phase) in its own process on both sides; which side
 * goes first alternates, so a slow drift of the machine does not favour one. Every ratio comes from this one run.
 *
 * <p>Prints one Markdown table (samples/s of both and their ratio, both peak RSS, both GEMM peaks, the load of
 * other processes) and keeps every raw result, ours and the peer's, as JSON lines.
 */
public final class SideBySide {

    /** One configuration: both measurements and which ran first. */
    private record Row(Measurement ours, JsonObject peer, boolean oursFirst) {
    }

    private SideBySide() {
    }

    /**
     * Runs every (phase, size) of {@code o} on both sides, interleaved.
     *
     * @param o what to run (must fork: peak RSS is per process on both sides)
     * @param peerDir the peer-bench folder ({@code ../shared/peer-bench})
     * @param out folder for {@code side-by-side.jsonl} and the peer's logs (created)
     * @param command the command line to print
     * @param progress receives a line per configuration and side
     * @return Markdown: a header (command, date, machine, software of both, load) and the table
     * @throws IllegalArgumentException before any timing, if the options, sizes or the peer do not fit
     */
    public static String run(ModelBenchmark.Options o, Path peerDir, Path out, String command, PrintStream progress) {
        if (!o.fork()) {
            throw new IllegalArgumentException("--peer needs every configuration in its own process (drop --in-process)");
        }
        o.sizes().forEach(PeerBench::checkSize);
        PeerBench peer = PeerBench.at(peerDir);
        Path jsonl = BenchFiles.folder(out).resolve("side-by-side.jsonl");
        String date = ModelBenchmark.now();
        String loadStart = ProcStats.loadAverage();
        List<Row> rows = new ArrayList<>();
        List<String> records = new ArrayList<>();
        int total = o.sizes().size() * o.phases().size();
        for (Phase phase : o.phases()) {
            for (BenchSize size : o.sizes()) {
                boolean oursFirst = rows.size() % 2 == 0;
                String at = String.format(Locale.ROOT, "[%d/%d] %s/%s", rows.size() + 1, total, phase.id(), size.name());
                Measurement m = null;
                JsonObject p = null;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == oursFirst) {
                        progress.printf(Locale.ROOT, "%s recon4j ...%n", at);
                        m = ModelBenchmark.fork(size, phase, o);
                        progress.printf(Locale.ROOT, "        recon4j  %.2f samples/s, peak RSS %.0f MB%n", m.samplesPerSecond(),
                                m.peakRssMb());
                    } else {
                        progress.printf(Locale.ROOT, "%s official ...%n", at);
                        p = peer.measure(size, phase, o.batch(), o.warmup(), o.iters(), out);
                        progress.printf(Locale.ROOT, "        official %.2f samples/s, peak RSS %.0f MB%n", num(p, "samples_per_s"),
                                num(p, "peak_rss_mb"));
                    }
                }
                rows.add(new Row(m, p, oursFirst));
                records.add(record("recon4j", date, oursFirst ? 1 : 2, m.fields()));
                records.add(record("official", date, oursFirst ? 2 : 1, p));
                BenchFiles.writeText(jsonl, String.join("\n", records) + "\n");
            }
        }
        return table(rows, o, command, date, loadStart, ProcStats.loadAverage(), jsonl);
    }

    private static String record(String side, String date, int order, Map<String, Object> fields) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("side", side);
        r.put("date", date);
        r.put("order", order);
        fields.forEach((k, v) -> r.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        return new Gson().toJson(r);
    }

    private static String record(String side, String date, int order, JsonObject peer) {
        JsonObject r = new JsonObject();
        r.addProperty("side", side);
        r.addProperty("date", date);
        r.addProperty("order", order);
        for (Map.Entry<String, JsonElement> e : peer.entrySet()) {
            r.add(e.getKey(), e.getValue());
        }
        return new Gson().toJson(r);
    }

    private static double num(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalStateException("the peer's result lacks '" + key + "': " + o);
        }
        return e.getAsDouble();
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "?" : e.getAsString();
    }

    private static String table(List<Row> rows, ModelBenchmark.Options o, String command, String date, String loadStart,
                        String loadEnd, Path jsonl) {
        JsonObject p0 = rows.get(0).peer();
        String commit = text(p0, "recon_commit");
        StringBuilder sb = new StringBuilder("## recon bench model --peer (side by side), ").append(date).append("\n\n");
        sb.append("Command: `").append(command).append("`  \n");
        sb.append("Machine: ").append(ModelBenchmark.machine()).append("  \n");
        sb.append("Official code: ReCon @ ").append(commit.substring(0, Math.min(12, commit.length()))).append(", torch ")
                .append(text(p0, "torch")).append(", BLAS ").append(text(p0, "blas")).append(", ")
                .append(text(p0, "threads")).append(" threads  \n");
        sb.append("Load average (1/5/15 min): ").append(loadStart).append(" at start, ").append(loadEnd).append(" at end  \n");
        sb.append(String.format(Locale.ROOT, "Batch %d, fp32, random normalised clouds; median of %d steps after %d warm-up; "
                + "each (size, phase) in its own process on both sides (ours: JVM -Xmx%s), interleaved, the side that goes "
                + "first alternating. Raw results: `%s`.%n%n", o.batch(), o.iters(), o.warmup(), o.childHeap(), jsonl));
        sb.append("| size | phase | recon4j samples/s | official samples/s | ratio | recon4j peak RSS (MB) "
                + "| official peak RSS (MB) | RSS ratio | recon4j GEMM GFLOP/s (median / best) "
                + "| official GEMM GFLOP/s (median / best) | other procs, cores (recon4j / official) | first |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            Measurement m = r.ours();
            JsonObject p = r.peer();
            double ps = num(p, "samples_per_s");
            double prss = num(p, "peak_rss_mb");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f× | %.0f | %.0f | %.2f× | %.1f / %.1f "
                            + "| %.1f / %.1f | %.2f / %.2f | %s |%n", m.size(), m.phase().id(), m.samplesPerSecond(), ps,
                    m.samplesPerSecond() / ps, m.peakRssMb(), prss, m.peakRssMb() / prss, m.peakMedian(), m.peakBest(),
                    num(p, "matmul_gflops_median"), num(p, "matmul_gflops_best"), m.otherCores(), num(p, "other_cores"),
                    r.oursFirst() ? "recon4j" : "official"));
        }
        sb.append(String.format(Locale.ROOT, "%nratio = recon4j / official. Peak RSS: ours the child JVM's VmHWM (its 2048² "
                + "GEMM probe runs before the model is built), the official process's ru_maxrss after the timed steps, before "
                + "its GEMM probe. GEMM = 2048² fp32 matmul in each process (ours through DJL's libtorch, theirs through "
                + "torch + the BLAS above). other procs = cores used by other processes during the timed steps.%n"));
        return sb.toString();
    }
}
