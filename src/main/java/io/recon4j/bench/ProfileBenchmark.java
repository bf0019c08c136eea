package io.recon4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Where a step's time goes, operator by operator: a few steps of one configuration (as {@code recon bench model}
 * runs them) under libtorch's profiler, summed per operator by {@link OpProfile}. The profiler adds a few µs per
 * operator call, so absolute times run high; the shares are what this is for.
 */
public final class ProfileBenchmark {

    /**
     * What to profile.
     *
     * @param size model size
     * @param phase pretrain, finetune or infer
     * @param batch B
     * @param classes classifier head width
     * @param warmup unprofiled steps first
     * @param steps profiled steps
     * @param top operators listed
     * @param seed seed of the model and the random clouds
     */
    public record Options(BenchSize size, Phase phase, int batch, int classes, int warmup, int steps, int top, long seed) {
        /** Checks the ranges before any model is built. */
        public Options {
            if (batch < 1 || classes < 2 || warmup < 0 || steps < 1 || top < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "profile needs batch >= 1, classes >= 2, "
                        + "warmup >= 0, steps >= 1, top >= 1; got %d, %d, %d, %d, %d", batch, classes, warmup, steps, top));
            }
        }

        /** @return the {@code recon bench profile} command line that runs these options (for the report) */
        public String commandLine() {
            return String.format(Locale.ROOT, "recon bench profile --size %s --phase %s --batch %d --warmup %d "
                    + "--steps %d --top %d --seed %d", size.spec(), phase.id(), batch, warmup, steps, top, seed);
        }
    }

    private ProfileBenchmark() {
    }

    /**
     * Profiles and writes {@code trace.json} (open it in chrome://tracing or Perfetto) and {@code profile.md}.
     *
     * @param o what to profile
     * @param out output folder (created)
     * @param command the command line, recorded in the report
     * @param progress receives a line per step
     * @return the report (markdown)
     */
    public static String run(Options o, Path out, String command, PrintStream progress) {
        ReconConfig c = o.size().config();
        try {
            Files.createDirectories(out);
            Random rnd = new Random(o.seed());
            float[] clouds = RandomClouds.normalised(rnd, o.batch(), c.numPoints());
            long[] labels = RandomClouds.labels(rnd, o.batch(), o.classes());
            Path trace = out.resolve("trace.json");
            ModelStep.Times[] t = new ModelStep.Times[o.steps()];
            double other;
            try (NDManager root = NDManager.newBaseManager();
                    ModelStep step = new ModelStep(c, o.phase(), o.classes(), o.batch(), root, o.seed())) {
                for (int i = 0; i < o.warmup(); i++) {
                    progress.printf(Locale.ROOT, "  warm-up %d/%d%n", i + 1, o.warmup());
                    step.step(clouds, labels);
                }
                ProcStats.CpuSample s0 = ProcStats.CpuSample.now();
                JniUtils.startProfile(false, false, false);
                try {
                    for (int i = 0; i < o.steps(); i++) {
                        progress.printf(Locale.ROOT, "  profiled step %d/%d%n", i + 1, o.steps());
                        t[i] = step.step(clouds, labels);
                    }
                } finally {
                    JniUtils.stopProfile(trace.toString());
                }
                other = ProcStats.CpuSample.now().otherCoresSince(s0);
            }
            OpProfile p = OpProfile.read(trace);
            String md = report(o, command, t, other, p);
            AtomicFiles.write(out.resolve("profile.md"), w -> w.write(md.getBytes(StandardCharsets.UTF_8)));
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String report(Options o, String command, ModelStep.Times[] t, double other, OpProfile p) {
        double group = 0;
        double forward = 0;
        double backward = 0;
        double optimizer = 0;
        double total = 0;
        for (ModelStep.Times x : t) {
            group += x.group() / t.length;
            forward += x.forward() / t.length;
            backward += x.backward() / t.length;
            optimizer += x.optimizer() / t.length;
            total += x.total() / t.length;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# Profile: %s %s, batch %d%n%n", o.size().name(), o.phase().id(), o.batch()));
        sb.append("Command: `").append(command).append("`  \n");
        sb.append(String.format(Locale.ROOT, "Date: %s; other processes used %.2f cores during the profiled steps; %d warm-up + "
                + "%d profiled steps (means below, profiler overhead included).%n%n", Instant.now(), other, o.warmup(), o.steps()));
        sb.append("| phase | s/step | share |\n|---|---:|---:|\n");
        row(sb, "grouping (FPS + kNN, Java)", group, total);
        row(sb, "forward + loss", forward, total);
        row(sb, "backward", backward, total);
        row(sb, "loss read-out, grad norm/clip, AdamW", optimizer, total);
        row(sb, "**step**", total, total);
        sb.append(String.format(Locale.ROOT, "%nNative operators (libtorch profiler; self time excludes the operators each one "
                + "called; backward operators are autograd's `*Backward0` nodes): %.3f s/step of native self time.%n%n",
                p.selfTotalMicros() / 1e6 / o.steps()));
        sb.append(p.toMarkdown(o.top(), o.steps()));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double s, double total) {
        sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f%% |%n", name, s, 100 * s / total));
    }
}
