package io.recon4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.NumericPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * {@code recon bench model}: training and inference throughput of the ReCon models against the matmul peak,
 * as Markdown tables; {@link SideBySide} runs the official code beside it.
 *
 * <p>Each (size, phase) runs in its own JVM, so that its peak RSS (VmHWM) is its own, and measures its own
 * matmul peak; the parent pools the peaks (median of the per-process medians) and formats the tables. Steps
 * run on random normalised clouds with the real grouping, model, loss, backward and optimizer (see
 * {@link ModelStep}); times are medians over the timed steps.
 */
public final class ModelBenchmark {

    /**
     * What to run.
     *
     * @param sizes model sizes
     * @param phases step kinds
     * @param batch B
     * @param warmup untimed steps per configuration
     * @param iters timed steps per configuration (medians reported)
     * @param classes classes of the classifier head (the peer used 40)
     * @param peakSize n of the n×n GEMM that defines the peak
     * @param peakReps timed GEMMs (after 3 untimed)
     * @param latencyIters timed batch-1 inference passes (with the infer phase)
     * @param fork run each configuration in its own JVM (false: in this process; peak RSS is then the process's)
     * @param childHeap -Xmx of the child JVMs (e.g. 512m)
     * @param seed seed of the clouds, labels, initialisation and random draws
     */
    public record Options(List<BenchSize> sizes, List<Phase> phases, int batch, int warmup, int iters, int classes,
                          int peakSize, int peakReps, int latencyIters, boolean fork, String childHeap, long seed) {

        public Options {
            sizes = List.copyOf(sizes);
            phases = List.copyOf(phases);
            if (sizes.isEmpty() || phases.isEmpty()) {
                throw new IllegalArgumentException("need at least one size and one phase");
            }
            if (batch < 1 || warmup < 0 || iters < 1 || classes < 2 || peakSize < 1 || peakReps < 1 || latencyIters < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "need batch >= 1, warmup >= 0, iters >= 1, "
                        + "classes >= 2, peak size and reps >= 1, latency iters >= 1; got batch %d, warmup %d, iters %d, "
                        + "classes %d, peak %d×%d, latency %d", batch, warmup, iters, classes, peakSize, peakReps, latencyIters));
            }
            if (!childHeap.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("child heap '" + childHeap + "' is not a JVM size like 512m or 2g");
            }
        }

        /** @return the defaults of {@code recon bench model}: all sizes and phases, B=32, 2+5 steps, forked */
        public static Options defaults() {
            return new Options(List.of(BenchSize.parse("nano"), BenchSize.parse("tiny"), BenchSize.parse("small"),
                    BenchSize.parse("base")), List.of(Phase.values()), 32, 2, 5, 40, MatmulPeak.DEFAULT_SIZE, 10, 20, true,
                    "512m", 42);
        }

        /** @return the same options for other sizes and phases */
        public Options with(List<BenchSize> newSizes, List<Phase> newPhases) {
            return new Options(newSizes, newPhases, batch, warmup, iters, classes, peakSize, peakReps, latencyIters, fork,
                    childHeap, seed);
        }

        /** @return the same options with other step counts */
        public Options withSteps(int newBatch, int newWarmup, int newIters) {
            return new Options(sizes, phases, newBatch, newWarmup, newIters, classes, peakSize, peakReps, latencyIters, fork,
                    childHeap, seed);
        }

        /** @return the same options with another peak GEMM and latency repetitions, in or out of process */
        public Options withRuns(int newPeakSize, int newPeakReps, int newLatencyIters, boolean newFork) {
            return new Options(sizes, phases, batch, warmup, iters, classes, newPeakSize, newPeakReps, newLatencyIters,
                    newFork, childHeap, seed);
        }

        /** @return the arguments of {@link ModelBenchmark#main} for one configuration */
        List<String> childArgs(BenchSize size, Phase phase) {
            return List.of(size.spec(), phase.id(), Integer.toString(batch), Integer.toString(warmup), Integer.toString(iters),
                    Integer.toString(classes), Integer.toString(peakSize), Integer.toString(peakReps),
                    Integer.toString(latencyIters), Long.toString(seed));
        }

        static Options fromChildArgs(String[] a) {
            if (a.length != 10) {
                throw new IllegalArgumentException("expected 10 arguments (size phase batch warmup iters classes peakSize "
                        + "peakReps latencyIters seed), got " + a.length);
            }
            int[] n = new int[8];
            for (int i = 0; i < 8; i++) {
                n[i] = Integer.parseInt(a[i + 2]);
            }
            return new Options(List.of(BenchSize.parse(a[0])), List.of(Phase.parse(a[1])), n[0], n[1], n[2], n[3], n[4], n[5],
                    n[6], false, "512m", Long.parseLong(a[9]));
        }
    }

    /** Untimed GEMMs before the peak is timed. */
    private static final int PEAK_WARMUP = 3;

    private ModelBenchmark() {
    }

    /**
     * Child-process entry: measures one configuration in this JVM and prints one {@link Measurement} line on stdout.
     *
     * @param args size spec, phase, batch, warmup, iters, classes, peak size, peak reps, latency iters, seed
     */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        Options o = Options.fromChildArgs(args);
        Measurement m = measure(o.sizes().get(0), o.phases().get(0), o, System.err);
        System.out.println(m.toLine());
        System.out.flush();
    }

    /**
     * Runs every (size, phase) and formats the report.
     *
     * @param o what to run
     * @param command the command line to print in the report
     * @param progress receives one line per configuration
     * @return Markdown: machine header, a table per phase, latency, peaks, FLOP cross-check and memory
     */
    public static String run(Options o, String command, PrintStream progress) {
        String loadStart = ProcStats.loadAverage();
        List<Measurement> rows = new ArrayList<>();
        int total = o.sizes().size() * o.phases().size();
        for (Phase phase : o.phases()) {
            for (BenchSize size : o.sizes()) {
                progress.printf(Locale.ROOT, "[%d/%d] %s/%s ...%n", rows.size() + 1, total, phase.id(), size.name());
                Measurement m = o.fork() ? fork(size, phase, o) : measure(size, phase, o, progress);
                progress.printf(Locale.ROOT, "        %.3f s/step, %.2f samples/s, peak RSS %.0f MB%n", m.step(),
                        m.samplesPerSecond(), m.peakRssMb());
                rows.add(m);
            }
        }
        return Report.format(rows, o, command, loadStart, ProcStats.loadAverage());
    }

    /**
     * Measures one configuration in this process.
     *
     * @param progress receives a line per stage
     * @return the measurement
     */
    public static Measurement measure(BenchSize size, Phase phase, Options o, PrintStream progress) {
        ReconConfig c = size.config();
        double fwd = (phase == Phase.PRETRAIN ? ModelFlops.pretraining(c) : ModelFlops.classifier(c, o.classes())).gflop();
        try (NDManager root = NDManager.newBaseManager()) {
            ProcStats.CpuSample p0 = ProcStats.CpuSample.now();
            MatmulPeak.Result peak = MatmulPeak.measure(root, o.peakSize(), PEAK_WARMUP, o.peakReps());
            double peakOther = ProcStats.CpuSample.now().otherCoresSince(p0);
            Random rnd = new Random(o.seed());
            int pool = Math.min(o.warmup() + o.iters(), 4);
            float[][] clouds = new float[pool][];
            long[][] labels = new long[pool][];
            for (int i = 0; i < pool; i++) {
                clouds[i] = RandomClouds.normalised(rnd, o.batch(), c.numPoints());
                labels[i] = RandomClouds.labels(rnd, o.batch(), o.classes());
            }
            try (ModelStep step = new ModelStep(c, phase, o.classes(), o.batch(), root, o.seed())) {
                for (int i = 0; i < o.warmup(); i++) {
                    progress.printf(Locale.ROOT, "  %s/%s warm-up %d/%d%n", phase.id(), size.name(), i + 1, o.warmup());
                    step.step(clouds[i % pool], labels[i % pool]);
                }
                double rssWarm = ProcStats.rssMb();
                ModelStep.Times[] t = new ModelStep.Times[o.iters()];
                ProcStats.CpuSample s0 = ProcStats.CpuSample.now();
                for (int i = 0; i < o.iters(); i++) {
                    int j = (o.warmup() + i) % pool;
                    t[i] = step.step(clouds[j], labels[j]);
                }
                double other = ProcStats.CpuSample.now().otherCoresSince(s0);
                double rssEnd = ProcStats.rssMb();
                double[] lat = {Double.NaN, Double.NaN, Double.NaN};
                if (phase == Phase.INFER) {
                    lat = latency(step, c, o, rnd);
                }
                return new Measurement(size.name(), phase, step.parameterCount(), fwd, o.batch(), o.warmup(), o.iters(),
                        median(t, ModelStep.Times::group), median(t, ModelStep.Times::forward),
                        median(t, ModelStep.Times::backward), median(t, ModelStep.Times::optimizer),
                        median(t, ModelStep.Times::total), peak.median(), peak.best(), peakOther, other,
                        ProcStats.peakRssMb(), rssWarm, rssEnd, lat[0], lat[1], lat[2]);
            }
        }
    }

    /** Batch-1 inference: median group, forward and total milliseconds. */
    private static double[] latency(ModelStep step, ReconConfig c, Options o, Random rnd) {
        float[] one = RandomClouds.normalised(rnd, 1, c.numPoints());
        long[] label = {0};
        for (int i = 0; i < Math.max(2, o.warmup()); i++) {
            step.step(one, label);
        }
        ModelStep.Times[] t = new ModelStep.Times[o.latencyIters()];
        for (int i = 0; i < t.length; i++) {
            t[i] = step.step(one, label);
        }
        return new double[] {1e3 * median(t, ModelStep.Times::group), 1e3 * median(t, ModelStep.Times::forward),
            1e3 * median(t, ModelStep.Times::total)};
    }

    private static double median(ModelStep.Times[] t, Function<ModelStep.Times, Double> f) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = f.apply(t[i]);
        }
        return Stats.median(v);
    }

    /**
     * Measures one configuration in a child JVM with this process's class path.
     *
     * @throws IllegalStateException with the tail of the child's error output if it fails
     */
    static Measurement fork(BenchSize size, Phase phase, Options o) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + o.childHeap());
        cmd.add("-Dai.djl.offline=true");
        for (String prop : List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ModelBenchmark.class.getName());
        cmd.addAll(o.childArgs(size, phase));
        Path err = null;
        try {
            err = Files.createTempFile("recon-bench-", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            Measurement result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(Measurement.LINE_PREFIX)) {
                        result = Measurement.parse(line);
                    }
                }
            }
            int exit = p.waitFor();
            if (exit != 0 || result == null) {
                throw new IllegalStateException(String.format(Locale.ROOT, "benchmark of %s/%s failed (child exit code %d%s):%n%s",
                        phase.id(), size.name(), exit, result == null ? ", no result line" : "", tail(err, 20)));
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the child JVM for " + phase.id() + "/" + size.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking " + phase.id() + "/" + size.name(), e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException e) {
                    // A left-over temp log is harmless.
                }
            }
        }
    }

    /** @return the last {@code lines} lines of a log file, or why it could not be read */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(error output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Machine and software description for the report header. */
    static String machine() {
        String torch;
        String threads;
        try {
            torch = Engine.getEngine("PyTorch").getVersion();
            threads = Integer.toString(ai.djl.pytorch.jni.JniUtils.getNumThreads());
        } catch (RuntimeException e) {
            torch = "unavailable (" + e.getMessage() + ")";
            threads = "?";
        }
        return String.format(Locale.ROOT, "%s, %d cores; Java %s (%s); DJL %s; libtorch %s, %s intra-op threads; MKL shim %s",
                NumericPath.cpu(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Engine.getDjlVersion(), torch, threads,
                NumericPath.shimPreloaded() ? "preloaded" : "not preloaded");
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
    }
}
