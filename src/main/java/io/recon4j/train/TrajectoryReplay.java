package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.cloud.Npy;
import io.recon4j.cloud.NpyArray;
import io.recon4j.model.HeadType;
import io.recon4j.model.ImportReport;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import io.recon4j.teacher.DistillationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays a training-trajectory fixture of the official code ({@code ../shared/fixtures/recon-trajectory/}) through
 * recon4j's own training step ({@link TrainStep}, the optimizer and groups of {@link Pretraining} and
 * {@link FineTuning}) and writes what it measured under the fixture's file names and layouts, so that the fixture's
 * {@code check.py} (or {@code TrajectoryParityTest}) can compare them file by file.
 *
 * <p>Per phase ({@code pre}: ReCon pretraining with fixed masks and teacher features, no clipping; {@code ft}: the
 * classifier with a {@code full} head, Dropout 0, official clipping), from the fixture's initial weights, for each
 * step s: forward in train mode, backward, global gradient norm (and clipping), AdamW. Written: {@code P_losses.npy},
 * {@code P_grad_norm.npy}, {@code P_grads_step0.pth} (every parameter's gradient after the first backward, before
 * clipping), {@code P_after_step0.pth}, {@code P_final.pth} (parameters, buffers and counters), and for fine-tuning
 * {@code ft_acc.npy} and {@code ft_logits.npy}. Drop path is 0, the learning rate is constant (the fixture's base
 * rate), every other optimizer setting is recon4j's official recipe; the fixture's parameter groups are checked
 * against recon4j's before the first step.
 */
public final class TrajectoryReplay {

    /** A phase of the fixture: its file prefix. */
    public enum Phase {
        /** ReCon pretraining ({@code pre_*}). */
        PRE("pre"),
        /** Fine-tuning the classifier ({@code ft_*}). */
        FT("ft");

        private final String prefix;

        Phase(String prefix) {
            this.prefix = prefix;
        }

        /** @return the file prefix, e.g. {@code pre} */
        public String prefix() {
            return prefix;
        }

        /** @return the phase with this prefix */
        public static Phase parse(String s) {
            for (Phase p : values()) {
                if (p.prefix.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown phase '" + s + "': expected pre or ft");
        }
    }

    private static final List<String> PRE_INPUTS = List.of("pre_init.pth", "pre_inputs.npy", "pre_masks.npy",
            "pre_teacher_img.npy", "pre_teacher_text.npy", "pre_param_groups.json");
    private static final List<String> FT_INPUTS = List.of("ft_init.pth", "ft_inputs.npy", "ft_labels.npy",
            "ft_param_groups.json");
    /** The loss terms of a pretraining step, in the fixture's column order (the total is the 4th column). */
    private static final List<String> PRE_TERMS = List.of("mdm", "csc_img", "csc_text");

    private final Path fixture;
    private final Path out;
    private final ReconConfig config;
    private final int classes;
    private final Consumer<String> log;

    /**
     * @param fixture the fixture folder (e.g. {@code ../shared/fixtures/recon-trajectory/tiny})
     * @param out output folder (created)
     * @param config the architecture of the fixture's models (drop path is forced to 0)
     * @param classes the classifier's class count (fine-tuning)
     * @param log receives one line per step (may be null)
     */
    public TrajectoryReplay(Path fixture, Path out, ReconConfig config, int classes, Consumer<String> log) {
        this.fixture = fixture;
        this.out = out;
        this.config = config.withDropPath(0f);
        this.classes = classes;
        this.log = log == null ? s -> { } : log;
    }

    /**
     * Replays the given phases; checks that every input file is there before any work.
     *
     * @param phases which phases
     * @param parent parent manager; each phase's model lives in a sub-manager closed after the phase
     */
    public void run(Set<Phase> phases, NDManager parent) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Phase p : phases) {
            for (String f : p == Phase.PRE ? PRE_INPUTS : FT_INPUTS) {
                if (!Files.isRegularFile(fixture.resolve(f))) {
                    missing.add(f);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(fixture + " is not a recon-trajectory fixture folder: missing " + missing);
        }
        Files.createDirectories(out);
        if (phases.contains(Phase.PRE)) {
            pretraining(parent);
        }
        if (phases.contains(Phase.FT)) {
            fineTuning(parent);
        }
    }

    private void pretraining(NDManager parent) throws IOException {
        NpyArray inputs = clouds("pre_inputs.npy");
        NpyArray masks = Npy.read(fixture.resolve("pre_masks.npy"));
        NpyArray img = Npy.read(fixture.resolve("pre_teacher_img.npy"));
        NpyArray text = Npy.read(fixture.resolve("pre_teacher_text.npy"));
        int steps = (int) inputs.dim(0);
        int b = (int) inputs.dim(1);
        int g = config.numGroups();
        expectShape("pre_masks.npy", masks, steps, b, g);
        expectRank("pre_teacher_img.npy", img, steps, b);
        expectRank("pre_teacher_text.npy", text, steps, b);
        int imgDim = (int) img.dim(2);
        int textDim = (int) text.dim(2);
        float[] points = inputs.toFloatArray();
        boolean[] mask = masks.toBooleanArray();
        float[] imgF = img.toFloatArray();
        float[] textF = text.toFloatArray();

        float[] losses = new float[steps * 4];
        float[] norms = new float[steps];
        try (NDManager manager = parent.newSubManager()) {
            ReconPretrainer model = ReconPretrainer.builder(config).optImageTeacher(imgDim).optTextTeacher(textDim)
                    .build();
            model.initialize(manager);
            load(model, "pre_init.pth");
            OptimizerSettings os = OptimizerSettings.read(fixture.resolve("pre_param_groups.json"));
            try (GroupedAdamW optimizer = Pretraining.optimizer(model, (float) os.weightDecay(), manager)) {
                os.check("pre_param_groups.json", optimizer);
                ParameterStore ps = new ParameterStore(manager, false);
                replay(model, Phase.PRE, steps, manager, (s, sm, probe) -> {
                    float[] stepPoints = slice(points, s, b);
                    boolean[] stepMask = Arrays.copyOfRange(mask, s * b * g, (s + 1) * b * g);
                    NDArray teacherImg = sm.create(Arrays.copyOfRange(imgF, s * b * imgDim, (s + 1) * b * imgDim), new Shape(b, imgDim));
                    NDArray teacherText = sm.create(Arrays.copyOfRange(textF, s * b * textDim, (s + 1) * b * textDim),
                            new Shape(b, textDim));
                    // The official pretraining runner does not clip.
                    TrainStep.Outcome o = TrainStep.run(optimizer, (m, logs) -> Pretraining.objective(
                                    model.forward(ps, model.patching().patchify(stepPoints, b, m), stepMask, teacherImg, teacherText, true),
                                    null, DistillationConfig.NONE, ps, null, logs),
                            os.lr(), 0, sm, probe, "pre step " + s, "");
                    for (int t = 0; t < PRE_TERMS.size(); t++) {
                        losses[s * 4 + t] = term(o, PRE_TERMS.get(t));
                    }
                    losses[s * 4 + 3] = (float) o.loss();
                    norms[s] = (float) o.gradNorm();
                    return o;
                });
            }
        }
        Npy.write(out.resolve("pre_losses.npy"), losses, steps, 4);
        Npy.write(out.resolve("pre_grad_norm.npy"), norms, steps);
    }

    private void fineTuning(NDManager parent) throws IOException {
        NpyArray inputs = clouds("ft_inputs.npy");
        NpyArray labelArray = Npy.read(fixture.resolve("ft_labels.npy"));
        int steps = (int) inputs.dim(0);
        int b = (int) inputs.dim(1);
        expectShape("ft_labels.npy", labelArray, steps, b);
        int[] labels = labelArray.toIntArray();
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("ft_labels.npy has label " + label + " but the head has " + classes
                        + " classes (--classes)");
            }
        }
        float[] points = inputs.toFloatArray();
        FineTuneConfig recipe = FineTuneConfig.modelNet(config, HeadType.FULL);

        float[] losses = new float[steps];
        float[] acc = new float[steps];
        float[] norms = new float[steps];
        float[] logits = new float[steps * b * classes];
        try (NDManager manager = parent.newSubManager()) {
            // Dropout p = 0, as in the fixture: train mode is then deterministic.
            ReconClassifier model = ReconClassifier.builder(config).setClasses(classes)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).optHeadDropout(0f).build();
            model.initialize(manager);
            load(model, "ft_init.pth");
            OptimizerSettings os = OptimizerSettings.read(fixture.resolve("ft_param_groups.json"));
            try (GroupedAdamW optimizer = FineTuning.optimizer(model, (float) os.weightDecay(), recipe.headLrScale(), manager)) {
                os.check("ft_param_groups.json", optimizer);
                ParameterStore ps = new ParameterStore(manager, false);
                replay(model, Phase.FT, steps, manager, (s, sm, probe) -> {
                    float[] stepPoints = slice(points, s, b);
                    int[] stepLabels = Arrays.copyOfRange(labels, s * b, (s + 1) * b);
                    NDArray[] stepLogits = new NDArray[1];
                    TrainStep.Outcome o = TrainStep.run(optimizer, (m, logs) -> {
                        stepLogits[0] = model.forward(ps, model.patching().patchify(stepPoints, b, m), true);
                        return FineTuning.objective(stepLogits[0], stepLabels, m, logs);
                    }, os.lr(), recipe.clipNorm(), sm, probe, "ft step " + s, "");
                    losses[s] = (float) o.loss();
                    acc[s] = term(o, "acc");
                    norms[s] = (float) o.gradNorm();
                    System.arraycopy(stepLogits[0].toFloatArray(), 0, logits, s * b * classes, b * classes);
                    return o;
                });
            }
        }
        Npy.write(out.resolve("ft_losses.npy"), losses, steps);
        Npy.write(out.resolve("ft_acc.npy"), acc, steps);
        Npy.write(out.resolve("ft_grad_norm.npy"), norms, steps);
        Npy.write(out.resolve("ft_logits.npy"), logits, steps, b, classes);
    }

    /** One step of a phase: runs {@link TrainStep} in {@code step} and records what it measured. */
    @FunctionalInterface
    private interface ReplayStep {
        TrainStep.Outcome run(int s, NDManager step, TrainStep.GradientProbe probe);
    }

    /** Runs the steps, saving the step-0 gradients, the weights after step 0 and the final weights. */
    private void replay(ModuleBlock model, Phase phase, int steps, NDManager manager, ReplayStep step) throws IOException {
        String p = phase.prefix();
        for (int s = 0; s < steps; s++) {
            try (NDManager sm = manager.newSubManager()) {
                TrainStep.Outcome o = step.run(s, sm, s == 0 ? grads -> saveGradients(grads, p + "_grads_step0.pth") : null);
                log.accept(String.format(Locale.ROOT, "%s step %d/%d: %s", p, s + 1, steps, o.values()));
            }
            if (s == 0) {
                Weights.save(model, out.resolve(p + "_after_step0.pth"));
            }
        }
        Weights.save(model, out.resolve(p + "_final.pth"));
    }

    /** @return the (B, N, 3) clouds of step {@code s}; the model patches them, as in training */
    private float[] slice(float[] points, int s, int b) {
        int cloud = config.numPoints() * 3;
        return Arrays.copyOfRange(points, s * b * cloud, (s + 1) * b * cloud);
    }

    private static float term(TrainStep.Outcome o, String name) {
        Double v = o.terms().get(name);
        if (v == null) {
            throw new IllegalStateException("the step logged no '" + name + "' term: " + o.terms().keySet());
        }
        return v.floatValue();
    }

    /** Reads (S, B, N, 3) clouds whose N is the configured point count. */
    private NpyArray clouds(String name) throws IOException {
        NpyArray a = Npy.read(fixture.resolve(name));
        if (a.rank() != 4 || a.dim(2) != config.numPoints() || a.dim(3) != 3) {
            throw new IllegalArgumentException(name + ": expected (S, B, " + config.numPoints() + ", 3) clouds (--points "
                    + config.numPoints() + "), got " + Arrays.toString(a.shape()));
        }
        return a;
    }

    private static void expectShape(String name, NpyArray a, long... shape) {
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + " (--groups for masks), got "
                    + Arrays.toString(a.shape()));
        }
    }

    private static void expectRank(String name, NpyArray a, long steps, long batch) {
        if (a.rank() != 3 || a.dim(0) != steps || a.dim(1) != batch) {
            throw new IllegalArgumentException(name + ": expected (" + steps + ", " + batch + ", D), got " + Arrays.toString(a.shape()));
        }
    }

    /** Loads the fixture's initial weights; every tensor of the model must be there and nothing else. */
    private void load(ModuleBlock model, String name) throws IOException {
        ImportReport r = Weights.load(model, StateDict.read(fixture.resolve(name)).removeModulePrefix());
        if (!r.missing().isEmpty() || !r.ignored().isEmpty()) {
            throw new IllegalArgumentException(name + " does not fit the model (check the size options): " + r.describe().strip());
        }
    }

    private void saveGradients(Map<String, Parameter> params, String name) {
        Map<String, PthTensor> grads = new LinkedHashMap<>();
        params.forEach((k, p) -> {
            try (NDArray gr = p.getArray().getGradient()) {
                grads.put(k, PthTensor.ofFloats(gr.toFloatArray(), gr.getShape().getShape()));
            }
        });
        try {
            PthWriter.writeStateDict(out.resolve(name), grads);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The fixture's AdamW groups ({@code P_param_groups.json}): the base learning rate (the smallest group rate),
     * the weight decay, and each parameter's rate and decay, which must be recon4j's.
     */
    private record OptimizerSettings(double lr, double weightDecay, Map<String, double[]> perParameter) {

        static OptimizerSettings read(Path file) throws IOException {
            JsonArray groups = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
            double lr = Double.POSITIVE_INFINITY;
            double wd = 0;
            Map<String, double[]> per = new LinkedHashMap<>();
            for (JsonElement e : groups) {
                JsonObject g = e.getAsJsonObject();
                JsonArray names = g.getAsJsonArray("params");
                double glr = g.get("lr").getAsDouble();
                double gwd = g.get("weight_decay").getAsDouble();
                JsonArray betas = g.getAsJsonArray("betas");
                if (betas.get(0).getAsDouble() != 0.9 || betas.get(1).getAsDouble() != 0.999 || g.get("eps").getAsDouble() != 1e-8) {
                    throw new IllegalArgumentException(file + ": betas " + betas + " / eps " + g.get("eps")
                            + " differ from the official (0.9, 0.999) / 1e-8 that recon4j uses");
                }
                wd = Math.max(wd, gwd);
                if (names.isEmpty()) {
                    continue;
                }
                lr = Math.min(lr, glr);
                for (JsonElement n : names) {
                    per.put(n.getAsString(), new double[] {glr, gwd});
                }
            }
            if (per.isEmpty()) {
                throw new IllegalArgumentException(file + " lists no parameters");
            }
            return new OptimizerSettings(lr, wd, per);
        }

        /** Fails, naming the parameters, if recon4j optimises another set or groups any parameter differently. */
        void check(String name, GroupedAdamW optimizer) {
            List<String> problems = new ArrayList<>();
            Map<String, GroupedAdamW.Group> ours = optimizer.groups();
            for (Map.Entry<String, double[]> e : perParameter.entrySet()) {
                GroupedAdamW.Group g = ours.get(e.getKey());
                if (g == null) {
                    problems.add(e.getKey() + " is not optimised");
                } else if (!close(lr * g.lrScale(), e.getValue()[0]) || !close(g.weightDecay(), e.getValue()[1])) {
                    problems.add(String.format(Locale.ROOT, "%s: lr %.3g wd %.3g, fixture lr %.3g wd %.3g", e.getKey(),
                            lr * g.lrScale(), (double) g.weightDecay(), e.getValue()[0], e.getValue()[1]));
                }
            }
            ours.keySet().stream().filter(k -> !perParameter.containsKey(k)).forEach(k -> problems.add(k + " is not in the fixture's groups"));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(name + ": recon4j's parameter groups differ from the official ones: " + problems);
            }
        }

        private static boolean close(double a, double b) {
            return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
        }
    }
}
