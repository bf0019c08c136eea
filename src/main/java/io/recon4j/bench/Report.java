package io.recon4j.bench;

import io.recon4j.model.ReconConfig;
import java.util.List;
import java.util.Locale;

/** Formats {@link Measurement}s as the Markdown tables of {@code spec/performance.md} (the official code runs beside ours only in {@link SideBySide}). */
final class Report {

    private Report() {
    }

    static String format(List<Measurement> rows, ModelBenchmark.Options o, String command, String loadStart, String loadEnd) {
        double pooled = Stats.median(rows.stream().mapToDouble(Measurement::peakMedian).toArray());
        StringBuilder sb = new StringBuilder();
        sb.append("## recon bench model, ").append(ModelBenchmark.now()).append("\n\n");
        sb.append("Command: `").append(command).append("`  \n");
        sb.append("Machine: ").append(ModelBenchmark.machine()).append("  \n");
        sb.append("Load average (1/5/15 min): ").append(loadStart).append(" at start, ").append(loadEnd).append(" at end  \n");
        sb.append(String.format(Locale.ROOT, "Batch %d, random normalised clouds, fp32, %d-class head; median of %d steps after "
                + "%d warm-up; %s. \"other procs\" = cores used by other processes during the timed steps.%n%n",
                o.batch(), o.classes(), o.iters(), o.warmup(), o.fork()
                        ? "each (size, phase) in its own JVM (-Xmx" + o.childHeap() + "), peak RSS = its VmHWM"
                        : "all in one JVM, so peak RSS is the process's running VmHWM"));
        for (Phase phase : Phase.values()) {
            List<Measurement> ph = rows.stream().filter(m -> m.phase() == phase).toList();
            if (!ph.isEmpty()) {
                sb.append(phaseTable(phase, ph, pooled)).append('\n');
            }
        }
        List<Measurement> lat = rows.stream().filter(Measurement::hasLatency).toList();
        if (!lat.isEmpty()) {
            sb.append(latencyTable(lat, o.latencyIters())).append('\n');
        }
        sb.append(peakTable(rows, pooled, o.peakSize())).append('\n');
        sb.append(flopTable(rows, o)).append('\n');
        sb.append(memoryTable(rows));
        return sb.toString();
    }

    static String title(Phase phase) {
        return switch (phase) {
            case PRETRAIN -> "Pretraining step (ReCon, fwd+bwd+AdamW)";
            case FINETUNE -> "Fine-tuning step (PointTransformer, fwd+bwd+clip+AdamW)";
            case INFER -> "Inference (PointTransformer, eval, no grad)";
        };
    }

    private static String phaseTable(Phase phase, List<Measurement> rows, double pooled) {
        StringBuilder sb = new StringBuilder("### ").append(title(phase)).append("\n\n");
        if (phase.training()) {
            sb.append("| size | params | fwd GFLOP/sample | group (s) | forward excl. group (s) | backward (s) | optimizer (s) "
                    + "| step (s) | samples/s | achieved GFLOP/s (3x fwd) | % of peak (pooled / own-process) | peak RSS (MB) "
                    + "| other procs (cores) | iters |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        } else {
            sb.append("| size | params | fwd GFLOP/sample | group (s) | forward excl. group (s) | total (s) | samples/s "
                    + "| achieved GFLOP/s | % of peak (pooled / own-process) | peak RSS (MB) | other procs (cores) | iters |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        }
        for (Measurement m : rows) {
            double gflops = m.achievedGflops();
            sb.append(String.format(Locale.ROOT, "| %s | %.2fM | %.3f | %.3f | %.3f | ", m.size(), m.params() / 1e6, m.fwdGflop(),
                    m.group(), m.forward()));
            if (phase.training()) {
                sb.append(String.format(Locale.ROOT, "%.3f | %.3f | ", m.backward(), m.optimizer()));
            }
            sb.append(String.format(Locale.ROOT, "%.3f | %.2f | %.1f | %.1f / %.1f | %.0f | %.2f | %d+%d |%n", m.step(),
                    m.samplesPerSecond(), gflops, 100 * gflops / pooled, 100 * gflops / m.peakMedian(), m.peakRssMb(),
                    m.otherCores(), m.warmup(), m.iters()));
        }
        return sb.toString();
    }

    private static String latencyTable(List<Measurement> rows, int iters) {
        StringBuilder sb = new StringBuilder("### Single-cloud latency (batch 1 inference, median of ")
                .append(iters).append(")\n\n");
        sb.append("| size | group (ms) | forward (ms) | total (ms) | clouds/s |\n|---|---|---|---|---|\n");
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f |%n", m.size(), m.latGroupMs(),
                    m.latForwardMs(), m.latTotalMs(), 1e3 / m.latTotalMs()));
        }
        return sb.toString();
    }

    private static String peakTable(List<Measurement> rows, double pooled, int n) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "### fp32 matmul peak (%d² GEMM through DJL, per process)%n%n", n));
        sb.append("| process | median GFLOP/s | best GFLOP/s | other procs (cores) |\n|---|---|---|---|\n");
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "| %s/%s | %.1f | %.1f | %.2f |%n", m.phase().id(), m.size(), m.peakMedian(),
                    m.peakBest(), m.peakOtherCores()));
        }
        sb.append(String.format(Locale.ROOT, "%nPooled peak (median of the per-process medians): **%.1f GFLOP/s**%n", pooled));
        return sb.toString();
    }

    private static String flopTable(List<Measurement> rows, ModelBenchmark.Options o) {
        StringBuilder sb = new StringBuilder("### Forward FLOPs per sample (analytic count; ModelFlopsTest checks it against the "
                + "official code's)\n\n");
        sb.append("| phase | size | GFLOP | mini-PointNet share |\n|---|---|---|---|\n");
        for (Measurement m : rows) {
            ReconConfig c = o.sizes().stream().filter(s -> s.name().equals(m.size())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("measured size " + m.size() + " is not among the options"))
                    .config();
            ModelFlops f = m.phase() == Phase.PRETRAIN ? ModelFlops.pretraining(c) : ModelFlops.classifier(c, o.classes());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.0f%% |%n", m.phase().id(), m.size(), m.fwdGflop(),
                    100.0 * f.parts().get(ModelFlops.MINI_POINTNET) / f.total()));
        }
        return sb.toString();
    }

    private static String memoryTable(List<Measurement> rows) {
        StringBuilder sb = new StringBuilder("### Resident memory (MB)\n\n");
        sb.append("| process | after warm-up | after the timed steps | peak (VmHWM) |\n|---|---|---|---|\n");
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "| %s/%s | %.0f | %.0f | %.0f |%n", m.phase().id(), m.size(), m.rssWarmMb(),
                    m.rssEndMb(), m.peakRssMb()));
        }
        return sb.toString();
    }
}
