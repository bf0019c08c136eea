package io.recon4j;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.Preprocessing;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.HeadType;
import io.recon4j.model.ModelCard;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.nn.NoGrad;
import io.recon4j.teacher.MiniLmTextTeacher;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.ZeroShot;
import io.recon4j.util.Devices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * recon4j's front door: a trained ReCon model behind three calls.
 *
 * <pre>{@code
 * try (Recon model = Recon.load(Path.of("runs/finetune-.../ckpt-best.pth"))) {
 *     System.out.println(model.classify(Path.of("chair.ply")));     // e.g. "chair (0.93)"
 * }
 * }</pre>
 *
 * <p>It owns what a caller could otherwise get subtly wrong: DJL's offline mode, the device (the first GPU when DJL
 * reports one, else the CPU; {@code RECON_DEVICE} or {@link Options.Builder#device} override it), the preprocessing the
 * model was trained with ({@code pc_norm}, up axis, deterministic FPS to N points: what {@code recon test} does to one
 * test sample, read from the checkpoint's model card), eval mode without an autograd graph, and a strict weight check
 * (a missing or mis-shaped tensor refuses the file with what to pass instead).
 *
 * <p>Checkpoints: everything recon4j writes describes itself ({@link ModelCard}). An official checkpoint, or a recon4j
 * one written before model cards, needs its configuration in {@link Options}. A fine-tuned checkpoint
 * ({@code ckpt-best.pth}) can {@link #classify} and {@link #embed}; a pretraining checkpoint ({@code pretrained.pth})
 * can {@link #embed} and, when it was pretrained with the text teacher, {@link #zeroShot}.
 *
 * <p>Thread-safety: an instance may be shared by threads; its calls are serialised (one forward pass at a time), so
 * for parallel throughput use the batch methods or one instance per thread. Close it to free its native memory.
 */
public final class Recon implements AutoCloseable {

    // Softmax scale for zero-shot similarities (CLIP's logit scale); the ranking is the official cosine ranking.
    private static final double ZERO_SHOT_SCALE = 100.0;

    private final ReconCheckpoint checkpoint;
    private final ModelCard card;
    private final Preprocessing preprocessing;
    private final NDManager manager;
    private final ReconClassifier model;
    private final CloudFunction logits;
    private final CloudFunction features;
    private final Object lock = new Object();
    private final Map<String, float[]> classEmbeddings = new HashMap<>();
    private ZeroShotModel zeroShotModel;
    private TextTeacher textTeacher;
    private boolean closed;

    private Recon(ReconCheckpoint checkpoint, Device device) {
        this.checkpoint = checkpoint;
        this.card = checkpoint.card();
        this.preprocessing = checkpoint.preprocessing();
        this.manager = NDManager.newBaseManager(device);
        try {
            model = checkpoint.build(manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        ModelClassifier runner = new ModelClassifier(model, manager);
        logits = runner.logits();
        features = runner.svmFeatures();
    }

    /**
     * Loads a recon4j checkpoint, which describes itself. Loading is deterministic: the one weight a checkpoint may
     * lack (a pretrained two-tower model's cls token, initialised at fine-tuning as officially) is drawn from seed 0.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it does not describe itself (then say what it is with {@link Options}), or its
     *     weights do not fit the architecture it names
     */
    public static Recon load(Path checkpoint) throws IOException {
        return load(checkpoint, Options.defaults());
    }

    /**
     * Loads a checkpoint with explicit configuration (needed for official checkpoints; given values override the
     * model card).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the configuration does not fit the weights (the message names the difference)
     */
    public static Recon load(Path checkpoint, Options options) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(options, "options");
        // Everything ships in the jar: DJL must never reach for the network (read when the engine starts).
        System.setProperty("ai.djl.offline", "true");
        ReconCheckpoint c = ReconCheckpoint.read(checkpoint, options);
        return new Recon(c, options.device() != null ? options.device() : Devices.best());
    }

    // ------------------------------------------------------------------ embeddings

    /**
     * The encoder feature of one cloud: the official linear-SVM feature ([max over the query tokens, max + mean over
     * the local tokens] per tower, as {@code recon svm} uses), in eval mode.
     *
     * @param cloud a cloud with at least N points, any scale and position
     * @return {@link #embeddingDim()} values
     */
    public float[] embed(PointCloud cloud) {
        return embedBatch(List.of(cloud)).get(0);
    }

    /** As {@link #embed(PointCloud)} for a file in any supported format (meshes are surface-sampled). */
    public float[] embed(Path file) throws IOException {
        return embedPrepared(List.of(read(file))).get(0);
    }

    /** @return one embedding per cloud, in order (one forward pass) */
    public List<float[]> embedBatch(List<PointCloud> clouds) {
        return embedPrepared(prepare(clouds));
    }

    private List<float[]> embedPrepared(List<PointCloud> prepared) {
        return rows(run(features, prepared), prepared.size(), features.width());
    }

    /** @return D, the width of {@link #embed}: 2C per tower (4C for two-tower checkpoints) */
    public int embeddingDim() {
        return features.width();
    }

    // ------------------------------------------------------------------ classification

    /**
     * Classifies one cloud with the fine-tuned head.
     *
     * @throws IllegalStateException if the checkpoint has no head (a pretraining checkpoint)
     */
    public Prediction classify(PointCloud cloud) {
        return classifyBatch(List.of(cloud)).get(0);
    }

    /** As {@link #classify(PointCloud)} for a file in any supported format. */
    public Prediction classify(Path file) throws IOException {
        requireHead();
        return classifyPrepared(List.of(read(file))).get(0);
    }

    /** @return one prediction per cloud, in order (one forward pass) */
    public List<Prediction> classifyBatch(List<PointCloud> clouds) {
        requireHead();
        return classifyPrepared(prepare(clouds));
    }

    private List<Prediction> classifyPrepared(List<PointCloud> prepared) {
        requireHead();
        List<Prediction> out = new ArrayList<>();
        for (float[] row : rows(run(logits, prepared), prepared.size(), logits.width())) {
            out.add(Prediction.ofLogits(card.classNames(), row));
        }
        return out;
    }

    /** @return the class names of the head (empty for a pretraining checkpoint) */
    public List<String> classNames() {
        return card.hasHead() ? card.classNames() : List.of();
    }

    private void requireHead() {
        if (!checkpoint.hasHead()) {
            throw new IllegalStateException(checkpoint.file() + " is a pretraining checkpoint without a classification head: "
                    + "fine-tune it (recon finetune) and load ckpt-best.pth, or use embed() / zeroShot()");
        }
    }

    // ------------------------------------------------------------------ zero-shot

    /**
     * Zero-shot classification by text, as {@code recon zeroshot --type text}: each class is the sum of the MiniLM text
     * teacher's features over 60 prompts of its name; the cloud's feature is the pretrained text projection of its text
     * query; classes rank by cosine similarity. Probabilities are the softmax of 100 × cosine (CLIP's scale; the order
     * is the official ranking). Input sampling is the deterministic FPS of {@link #classify} (the CLI draws a seeded
     * random subset of an FPS pool).
     *
     * @param classNames candidate classes, used verbatim in the prompts (e.g. "night_stand")
     * @throws IllegalStateException if the checkpoint has no text projection (fine-tuned, or pretrained without the text
     *     teacher) or was distilled from another text teacher
     */
    public Prediction zeroShot(PointCloud cloud, List<String> classNames) {
        return zeroShotBatch(List.of(cloud), classNames).get(0);
    }

    /** As {@link #zeroShot(PointCloud, List)} for a file in any supported format. */
    public Prediction zeroShot(Path file, List<String> classNames) throws IOException {
        checkZeroShot(classNames);
        return zeroShotPrepared(List.of(read(file)), classNames).get(0);
    }

    /** @return one zero-shot prediction per cloud over {@code classNames}, in order */
    public List<Prediction> zeroShotBatch(List<PointCloud> clouds, List<String> classNames) {
        checkZeroShot(classNames);
        return zeroShotPrepared(prepare(clouds), classNames);
    }

    private void checkZeroShot(List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("zero-shot needs at least one class name");
        }
        if (!checkpoint.hasTextProjection()) {
            throw new IllegalStateException(checkpoint.file() + " has no text projection (text_proj): zero-shot needs the "
                    + "pretraining checkpoint (pretrained.pth) of a run with the text teacher"
                    + (checkpoint.hasHead() ? "; fine-tuning drops the projection" : ""));
        }
        String teacher = card.textTeacher();
        if (!teacher.isEmpty() && !teacher.equals(new MiniLmTextTeacher().identity())) {
            throw new IllegalStateException(checkpoint.file() + " was distilled from the text teacher '" + teacher
                    + "', not recon4j's built-in MiniLM: its class embeddings would not be comparable");
        }
    }

    private List<Prediction> zeroShotPrepared(List<PointCloud> prepared, List<String> classNames) {
        checkZeroShot(classNames);
        synchronized (lock) {
            requireOpen();
            float[][] classes = classEmbeddings(classNames);
            ZeroShotModel zs = zeroShotModel();
            ReconConfig c = card.config();
            float[] f;
            try (NoGrad off = NoGrad.open(); NDManager step = manager.newSubManager()) {
                NDArray points = step.create(preprocessing.stack(prepared), new Shape(prepared.size(), c.numPoints(), 3));
                f = zs.features(new ParameterStore(step, false), points).toFloatArray();
            }
            List<Prediction> out = new ArrayList<>();
            for (float[] row : rows(f, prepared.size(), zs.dimension())) {
                double[] sim = ZeroShot.similarities(row, classes);
                float[] scaled = new float[sim.length];
                for (int k = 0; k < sim.length; k++) {
                    scaled[k] = (float) (ZERO_SHOT_SCALE * sim[k]);
                }
                out.add(Prediction.ofLogits(classNames, scaled));
            }
            return out;
        }
    }

    private ZeroShotModel zeroShotModel() {
        if (zeroShotModel == null) {
            try {
                zeroShotModel = ZeroShotModel.load(checkpoint.file(), card.config(), ZeroShotModel.Type.TEXT, 1f, manager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return zeroShotModel;
    }

    private float[][] classEmbeddings(List<String> names) {
        if (textTeacher == null) {
            textTeacher = new MiniLmTextTeacher();
        }
        float[][] out = new float[names.size()][];
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            float[] e = classEmbeddings.get(name);
            if (e == null) {
                try {
                    e = ZeroShot.classEmbeddings(textTeacher, List.of(name))[0];
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                classEmbeddings.put(name, e);
            }
            out[k] = e;
        }
        return out;
    }

    // ------------------------------------------------------------------ shared

    /** @return what the model is: architecture, method, head, class names, up axis, preprocessing, recon4j version */
    public ModelCard info() {
        return card;
    }

    /** @return the preprocessing applied to every cloud before the model */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    private PointCloud read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return preprocessing.read(file);
    }

    private List<PointCloud> prepare(List<PointCloud> clouds) {
        if (clouds == null || clouds.isEmpty()) {
            throw new IllegalArgumentException("no clouds given");
        }
        List<PointCloud> out = new ArrayList<>(clouds.size());
        for (int i = 0; i < clouds.size(); i++) {
            try {
                out.add(preprocessing.apply(Objects.requireNonNull(clouds.get(i), "cloud " + i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(clouds.size() == 1 ? e.getMessage() : "cloud " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private float[] run(CloudFunction f, List<PointCloud> prepared) {
        synchronized (lock) {
            requireOpen();
            return f.apply(preprocessing.stack(prepared), prepared.size(), preprocessing.numPoints());
        }
    }

    private static List<float[]> rows(float[] flat, int count, int width) {
        List<float[]> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(java.util.Arrays.copyOfRange(flat, b * width, (b + 1) * width));
        }
        return out;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Recon model is closed");
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                manager.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Recon[" + checkpoint.file() + ": " + card.describe() + "]";
    }

    /**
     * Explicit configuration for checkpoints that do not describe themselves (official ones, or recon4j ones written
     * before model cards); every value given overrides the checkpoint's model card. Build with {@link #builder()}.
     */
    public static final class Options {

        private static final Options DEFAULTS = builder().build();

        private final ReconConfig config;
        private final List<String> classNames;
        private final HeadType head;
        private final String upAxis;
        private final String normalization;
        private final Device device;
        private final ReconConfig fallbackConfig;

        private Options(Builder b) {
            config = b.config;
            fallbackConfig = b.fallbackConfig;
            classNames = b.classNames;
            head = b.head;
            upAxis = b.upAxis;
            normalization = b.normalization;
            device = b.device;
        }

        /** @return no explicit configuration: everything from the checkpoint */
        public static Options defaults() {
            return DEFAULTS;
        }

        /** @return a builder with nothing set */
        public static Builder builder() {
            return new Builder();
        }

        ReconConfig config() {
            return config;
        }

        List<String> classNames() {
            return classNames;
        }

        HeadType head() {
            return head;
        }

        String upAxis() {
            return upAxis;
        }

        String normalization() {
            return normalization;
        }

        Device device() {
            return device;
        }

        ReconConfig fallbackConfig() {
            return fallbackConfig;
        }

        /** Builds {@link Options}; every setter is optional. */
        public static final class Builder {
            private ReconConfig config;
            private List<String> classNames;
            private HeadType head;
            private String upAxis;
            private String normalization;
            private Device device;
            private ReconConfig fallbackConfig;

            private Builder() {
            }

            /** @param name a named size: nano, tiny, small or base */
            public Builder size(String name) {
                this.config = ReconConfig.size(name);
                return this;
            }

            /** @param c the full architecture (for sizes other than the named ones) */
            public Builder config(ReconConfig c) {
                this.config = Objects.requireNonNull(c, "config");
                return this;
            }

            /**
             * @param c the architecture when the checkpoint names none (no model card, no run configuration): an
             *     official checkpoint loaded by a caller with a default size, as the CLI's {@code --size nano}
             */
            public Builder fallbackConfig(ReconConfig c) {
                this.fallbackConfig = Objects.requireNonNull(c, "config");
                return this;
            }

            /** @param names the head's class names, indexed by label (their count must be the head's) */
            public Builder classNames(List<String> names) {
                if (names == null || names.isEmpty()) {
                    throw new IllegalArgumentException("class names must be non-empty");
                }
                this.classNames = List.copyOf(names);
                return this;
            }

            /** @param n the head's number of classes; the classes are named "0".."n-1" */
            public Builder numClasses(int n) {
                if (n <= 0) {
                    throw new IllegalArgumentException("number of classes must be positive, got " + n);
                }
                List<String> names = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    names.add(Integer.toString(k));
                }
                this.classNames = List.copyOf(names);
                return this;
            }

            /** @param h the head type (recorded in {@link Recon#info()}; the architecture is read from the weights) */
            public Builder head(HeadType h) {
                this.head = h;
                return this;
            }

            /** @param axis "y" (official, ShapeNet) or "z" (the model was trained with {@code --up z}) */
            public Builder upAxis(String axis) {
                String a = axis.trim().toLowerCase(Locale.ROOT);
                if (!a.equals("y") && !a.equals("z")) {
                    throw new IllegalArgumentException("up axis must be y or z, got '" + axis + "'");
                }
                this.upAxis = a;
                return this;
            }

            /** @param normalize apply {@code pc_norm} (true, default) or feed clouds as they are (ScanObjectNN-trained) */
            public Builder normalize(boolean normalize) {
                this.normalization = normalize ? ModelCard.PC_NORM : ModelCard.NO_NORMALIZATION;
                return this;
            }

            /** @param d the device (default: the first GPU DJL reports, else the CPU; {@code RECON_DEVICE} overrides) */
            public Builder device(Device d) {
                this.device = Objects.requireNonNull(d, "device");
                return this;
            }

            /** @return the options */
            public Options build() {
                return new Options(this);
            }
        }
    }
}
