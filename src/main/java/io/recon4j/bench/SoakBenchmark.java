package io.recon4j.bench;

import ai.djl.ndarray.NDManager;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code recon bench soak}: resident memory (VmRSS) sampled over many training steps, then many inference batches,
 * in one process, to show whether memory stays flat. Writes {@code soak.csv}, {@code soak.png} (RSS against time,
 * with the ±tolerance band of each phase) and {@code summary.md} with a verdict per phase: flat when every sample
 * after the warm-up lies within ±tolerance of the first sample after it.
 *
 * <p>Each step is {@link ModelStep}'s (grouping, model, loss, backward, AdamW; or eval forward), on fresh random
 * clouds every step, so the Java side allocates as a data loader would.
 */
public final class SoakBenchmark {

    /** Classes of the classifier head (as {@code recon bench model}). */
    private static final int CLASSES = 40;
    /** Samples between rewrites of the CSV while running (it is always written at the end of a phase). */
    private static final int CSV_EVERY = 50;

    /**
     * What to run.
     *
     * @param size model size
     * @param trainPhase pretrain or finetune: what a training step is
     * @param trainSteps training steps (0: none)
     * @param inferBatches inference batches (0: none)
     * @param sampleEvery steps between RSS samples (the first and last step of a phase are always sampled)
     * @param batch B
     * @param warmupFraction leading fraction of each phase's steps not judged (in [0, 1))
     * @param tolerance allowed relative deviation from the reference after the warm-up (0.05 = ±5%)
     * @param seed seed of the clouds, labels and model
     */
    public record Options(BenchSize size, Phase trainPhase, int trainSteps, int inferBatches, int sampleEvery, int batch,
                          double warmupFraction, double tolerance, long seed) {

        public Options {
            if (!trainPhase.training()) {
                throw new IllegalArgumentException("--train-phase must be pretrain or finetune, not " + trainPhase.id());
            }
            if (trainSteps < 0 || inferBatches < 0 || trainSteps + inferBatches == 0) {
                throw new IllegalArgumentException("need training steps and/or inference batches >= 0, not both 0; got "
                        + trainSteps + " and " + inferBatches);
            }
            if (sampleEvery < 1 || batch < 1) {
                throw new IllegalArgumentException("need --sample-every >= 1 and --batch >= 1; got " + sampleEvery + ", " + batch);
            }
            if (!(warmupFraction >= 0 && warmupFraction < 1) || !(tolerance > 0)) {
                throw new IllegalArgumentException("need 0 <= warm-up fraction < 1 and tolerance > 0; got " + warmupFraction
                        + ", " + tolerance);
            }
        }

        /** @return the {@code recon bench soak} command line that runs these options into {@code dir} (for the report) */
        public String commandLine(Path dir) {
            return String.format(Locale.ROOT, "recon bench soak --size %s --train-phase %s --train-steps %d "
                    + "--infer-batches %d --sample-every %d --batch %d --warmup-fraction %s --tolerance %s --seed %d --out %s",
                    size.spec(), trainPhase.id(), trainSteps, inferBatches, sampleEvery, batch, warmupFraction, tolerance,
                    seed, dir);
        }
    }

    /**
     * One RSS reading.
     *
     * @param phase {@code train} or {@code infer}
     * @param step steps (batches) of this phase completed
     * @param seconds since the soak started
     * @param rssMb VmRSS
     * @param hwmMb VmHWM (peak so far)
     * @param heapUsedMb Java heap in use
     */
    record Sample(String phase, long step, double seconds, double rssMb, double hwmMb, double heapUsedMb) {
    }

    /**
     * The judgement of one phase.
     *
     * @param phase {@code train} or {@code infer}
     * @param steps steps of the phase
     * @param warmupSteps steps not judged
     * @param judged samples after the warm-up
     * @param referenceMb RSS of the first sample after the warm-up
     * @param minMb smallest RSS after the warm-up
     * @param maxMb largest RSS after the warm-up
     * @param lastMb RSS at the end of the phase
     * @param slopeMbPer1k least-squares slope of RSS after the warm-up, MB per 1000 steps
     * @param flat every judged sample within ±tolerance of the reference
     */
    record Verdict(String phase, int steps, long warmupSteps, int judged, double referenceMb, double minMb, double maxMb,
                   double lastMb, double slopeMbPer1k, boolean flat) {
    }

    private SoakBenchmark() {
    }

    /**
     * Runs the soak and writes its files.
     *
     * @param o what to run
     * @param out output folder (created)
     * @param command the command line, for the summary
     * @param progress receives a line about every tenth of a phase
     * @return the summary (Markdown), also written to {@code out/summary.md}
     */
    public static String run(Options o, Path out, String command, PrintStream progress) {
        BenchFiles.folder(out);
        String date = ModelBenchmark.now();
        String loadStart = ProcStats.loadAverage();
        List<Sample> samples = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        long t0 = System.nanoTime();
        Random rnd = new Random(o.seed());
        try (NDManager root = NDManager.newBaseManager()) {
            if (o.trainSteps() > 0) {
                verdicts.add(phase("train", o.trainPhase(), o.trainSteps(), o, root, rnd, samples, t0, out, progress));
            }
            if (o.inferBatches() > 0) {
                verdicts.add(phase("infer", Phase.INFER, o.inferBatches(), o, root, rnd, samples, t0, out, progress));
            }
        }
        String summary = summary(o, verdicts, command, date, loadStart, ProcStats.loadAverage());
        try {
            plot(samples, verdicts, o, out.resolve("soak.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("soak.png"), e);
        }
        BenchFiles.writeText(out.resolve("summary.md"), summary);
        return summary;
    }

    private static Verdict phase(String name, Phase phase, int steps, Options o, NDManager root, Random rnd,
                                 List<Sample> samples, long t0, Path out, PrintStream progress) {
        int first = samples.size();
        int batch = o.batch();
        int points = o.size().config().numPoints();
        try (ModelStep step = new ModelStep(o.size().config(), phase, CLASSES, batch, root, o.seed())) {
            samples.add(sample(name, 0, t0));
            int report = Math.max(1, steps / 10);
            for (int i = 1; i <= steps; i++) {
                step.step(RandomClouds.normalised(rnd, batch, points), RandomClouds.labels(rnd, batch, CLASSES));
                if (i % o.sampleEvery() == 0 || i == steps) {
                    samples.add(sample(name, i, t0));
                    if ((samples.size() - first) % CSV_EVERY == 0) {
                        writeCsv(samples, out.resolve("soak.csv"));
                    }
                }
                if (i % report == 0 || i == steps) {
                    Sample s = samples.get(samples.size() - 1);
                    progress.printf(Locale.ROOT, "%s %d/%d: RSS %.0f MB (peak %.0f), heap %.0f MB, %.0f s%n", name, i, steps,
                            s.rssMb(), s.hwmMb(), s.heapUsedMb(), s.seconds());
                }
            }
        }
        writeCsv(samples, out.resolve("soak.csv"));
        return judge(name, steps, samples.subList(first, samples.size()), o.warmupFraction(), o.tolerance());
    }

    private static Sample sample(String phase, long step, long t0) {
        Runtime rt = Runtime.getRuntime();
        return new Sample(phase, step, (System.nanoTime() - t0) / 1e9, ProcStats.rssMb(), ProcStats.peakRssMb(),
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }

    /**
     * @param phaseSamples the samples of one phase, in step order
     * @return flat or not: every sample from step {@code ceil(warmupFraction·steps)} on within ±tolerance of the first of them
     */
    static Verdict judge(String phase, int steps, List<Sample> phaseSamples, double warmupFraction, double tolerance) {
        long warm = (long) Math.ceil(warmupFraction * steps);
        List<Sample> judged = phaseSamples.stream().filter(s -> s.step() >= warm).toList();
        if (judged.size() < 2) {
            return new Verdict(phase, steps, warm, judged.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    false);
        }
        double ref = judged.get(0).rssMb();
        double min = judged.stream().mapToDouble(Sample::rssMb).min().orElseThrow();
        double max = judged.stream().mapToDouble(Sample::rssMb).max().orElseThrow();
        double mx = judged.stream().mapToDouble(Sample::step).average().orElseThrow();
        double my = judged.stream().mapToDouble(Sample::rssMb).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (Sample s : judged) {
            sxy += (s.step() - mx) * (s.rssMb() - my);
            sxx += (s.step() - mx) * (s.step() - mx);
        }
        boolean flat = min >= ref * (1 - tolerance) && max <= ref * (1 + tolerance);
        return new Verdict(phase, steps, warm, judged.size(), ref, min, max, judged.get(judged.size() - 1).rssMb(),
                sxx > 0 ? 1000 * sxy / sxx : 0, flat);
    }

    private static void writeCsv(List<Sample> samples, Path csv) {
        StringBuilder sb = new StringBuilder("phase,step,seconds,rss_mb,hwm_mb,heap_used_mb\n");
        for (Sample s : samples) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%.2f,%.1f,%.1f,%.1f%n", s.phase(), s.step(), s.seconds(), s.rssMb(),
                    s.hwmMb(), s.heapUsedMb()));
        }
        BenchFiles.writeText(csv, sb.toString());
    }

    private static void plot(List<Sample> samples, List<Verdict> verdicts, Options o, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(500).title("recon bench soak: " + o.size().name()
                + ", batch " + o.batch()).xAxisTitle("seconds").yAxisTitle("MB").build();
        chart.getStyler().setMarkerSize(0);
        for (Verdict v : verdicts) {
            List<Sample> ph = samples.stream().filter(s -> s.phase().equals(v.phase())).toList();
            chart.addSeries(v.phase() + " RSS", ph.stream().map(Sample::seconds).toList(), ph.stream().map(Sample::rssMb).toList())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            chart.addSeries(v.phase() + " heap used", ph.stream().map(Sample::seconds).toList(),
                    ph.stream().map(Sample::heapUsedMb).toList()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            if (Double.isFinite(v.referenceMb())) {
                List<Double> xs = ph.stream().filter(s -> s.step() >= v.warmupSteps()).map(Sample::seconds).toList();
                List<Double> span = List.of(xs.get(0), xs.get(xs.size() - 1));
                for (int sign : new int[] {-1, 1}) {
                    double y = v.referenceMb() * (1 + sign * o.tolerance());
                    XYSeries band = chart.addSeries(String.format(Locale.ROOT, "%s %+.0f%%", v.phase(), 100 * sign * o.tolerance()),
                            span, List.of(y, y));
                    band.setLineStyle(SeriesLines.DASH_DASH);
                    band.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        AtomicFiles.write(png, os -> BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG));
    }

    private static String summary(Options o, List<Verdict> verdicts, String command, String date, String loadStart,
                                  String loadEnd) {
        StringBuilder sb = new StringBuilder("## recon bench soak, ").append(date).append("\n\n");
        sb.append("Command: `").append(command).append("`  \n");
        sb.append("Machine: ").append(ModelBenchmark.machine()).append("  \n");
        sb.append("Load average (1/5/15 min): ").append(loadStart).append(" at start, ").append(loadEnd).append(" at end  \n");
        sb.append(String.format(Locale.ROOT, "Size %s, batch %d, training = %s steps; RSS (VmRSS) every %d steps; judged after "
                + "the first %.0f%% of each phase's steps: flat = every later sample within ±%.0f%% of the first of them.%n%n",
                o.size().name(), o.batch(), o.trainPhase().id(), o.sampleEvery(), 100 * o.warmupFraction(), 100 * o.tolerance()));
        sb.append("| phase | steps | warm-up steps | samples judged | reference RSS (MB) | min (MB) | max (MB) | last (MB) "
                + "| slope (MB / 1000 steps) | verdict |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Verdict v : verdicts) {
            String verdict = v.judged() < 2 ? "too few samples after the warm-up" : v.flat() ? "**flat**"
                    : String.format(Locale.ROOT, "**not flat** (%+.1f%% / %+.1f%%)", 100 * (v.minMb() / v.referenceMb() - 1),
                    100 * (v.maxMb() / v.referenceMb() - 1));
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f | %.0f | %.0f | %+.1f | %s |%n", v.phase(),
                    v.steps(), v.warmupSteps(), v.judged(), v.referenceMb(), v.minMb(), v.maxMb(), v.lastMb(),
                    v.slopeMbPer1k(), verdict));
        }
        sb.append("\nFiles: `soak.csv` (phase, step, seconds, rss_mb, hwm_mb, heap_used_mb), `soak.png`, this `summary.md`.\n");
        return sb.toString();
    }
}
