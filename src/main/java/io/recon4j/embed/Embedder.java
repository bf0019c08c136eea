package io.recon4j.embed;

import io.recon4j.Recon;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.ModelNetDataset;
import io.recon4j.model.ReconConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Files in, {@link EmbedRow}s out, in two steps so that reading overlaps the model: {@link #prepare} (any thread)
 * reads a file and brings it to the model's input exactly as the ModelNet test split is prepared
 * ({@link ModelNetDataset#readShape}: meshes surface-sampled, FPS to 8192, {@code pc_normalize}; optionally z-up
 * turned y-up; plain FPS to N, as {@code recon test} and {@code recon svm}), then {@link #run} embeds a batch of
 * prepared clouds and, when classifying, adds the top-k classes. A file that cannot be read or prepared becomes an
 * error row; it never stops the batch.
 */
public final class Embedder implements AutoCloseable {

    /** A file after {@link #prepare}: its cloud of N points, or why it failed. */
    public record Prepared(String path, PointCloud cloud, String error) {
    }

    private final BatchModel model;
    private final boolean classify;
    private final int topK;
    private final List<String> classNames;
    private final boolean zUp;
    private final io.recon4j.data.Preprocessing preprocessing;
    private final String settings;

    private Embedder(Builder b, BatchModel model) {
        this.model = model;
        this.classify = b.classify;
        this.zUp = b.zUp;
        this.settings = String.join("|", b.checkpoint.toAbsolutePath().toString(), Long.toString(b.checkpointBytes),
                model.config().toString(), "classify=" + b.classify, "topK=" + b.topK, "names=" + b.classNames, "zUp=" + zUp);
        // The library's own preparation (Recon.embed(Path) reads a file the same way).
        this.preprocessing = new io.recon4j.data.Preprocessing(true, zUp, model.numPoints());
        if (classify) {
            int k = model.classes();
            if (b.classNames != null && b.classNames.size() != k) {
                throw new IllegalArgumentException("--class-names gives " + b.classNames.size() + " names, the checkpoint's"
                        + " head has " + k + " classes");
            }
            this.classNames = b.classNames != null ? List.copyOf(b.classNames) : model.classNames();
            this.topK = Math.min(b.topK, k);
        } else {
            this.classNames = List.of();
            this.topK = 0;
        }
    }

    /** @return a builder; {@link Builder#checkpoint} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return D, the embedding width */
    public int embeddingWidth() {
        return model.embeddingWidth();
    }

    /** @return the architecture the checkpoint was loaded with (the given one, else its model card's) */
    public ReconConfig config() {
        return model.config();
    }

    /** @return whether rows carry top-k classes */
    public boolean classifies() {
        return classify;
    }

    /**
     * Reads and prepares one file; thread-safe. Never throws for a bad file: the failure is in the result.
     *
     * @param path the name the row will carry
     * @param file where to read it (the same file, or a local copy of its bytes)
     */
    public Prepared prepare(String path, Path file) {
        try {
            return new Prepared(path, preprocessing.read(file), null);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Prepared(path, null, e instanceof java.nio.file.NoSuchFileException ? file + ": no such file" : m);
        }
    }

    /** @return one row per item, in order: the embedding (and top-k) of each prepared cloud, error rows for the rest */
    public List<EmbedRow> run(List<Prepared> batch) {
        List<Integer> good = new ArrayList<>();
        List<PointCloud> clouds = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).cloud() != null) {
                good.add(i);
                clouds.add(batch.get(i).cloud());
            }
        }
        EmbedRow[] rows = new EmbedRow[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).cloud() == null) {
                rows[i] = EmbedRow.failed(batch.get(i).path(), batch.get(i).error());
            }
        }
        if (!clouds.isEmpty()) {
            try {
                List<float[]> embeddings = model.embedBatch(clouds);
                List<BatchModel.Prediction> predictions = classify ? model.classifyBatch(clouds) : null;
                for (int j = 0; j < good.size(); j++) {
                    String path = batch.get(good.get(j)).path();
                    rows[good.get(j)] = predictions == null ? EmbedRow.ok(path, embeddings.get(j), null, null)
                            : withTopK(path, embeddings.get(j), predictions.get(j).probabilities());
                }
            } catch (RuntimeException e) {
                for (int i : good) {
                    rows[i] = EmbedRow.failed(batch.get(i).path(), "model failed on its batch: " + e.getMessage());
                }
            }
        }
        return Arrays.asList(rows);
    }

    private EmbedRow withTopK(String path, float[] embedding, float[] p) {
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        // Stable on ties: the lower class index first, as torch.topk on CPU.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        List<String> names = new ArrayList<>(topK);
        float[] probs = new float[topK];
        for (int i = 0; i < topK; i++) {
            names.add(classNames.get(order[i]));
            probs[i] = p[order[i]];
        }
        return EmbedRow.ok(path, embedding, names, probs);
    }

    /**
     * @return everything besides the inputs that decides the rows (checkpoint file and size, architecture, options), for
     *     {@link EmbedJob#run}: a resumed run must have the same
     */
    public String settings() {
        return settings;
    }

    /** @return a one-line description for logs: width, classification */
    public String describe() {
        return "embedding width " + embeddingWidth() + (classify ? ", top-" + topK + " of " + classNames.size() + " classes" : "");
    }

    @Override
    public void close() {
        model.close();
    }

    /** Options of an {@link Embedder}. */
    public static final class Builder {
        private Path checkpoint;
        private Recon.Options options = Recon.Options.defaults();
        private boolean classify;
        private int topK = 5;
        private List<String> classNames;
        private boolean zUp;
        private long checkpointBytes;

        private Builder() {
        }

        /** Pretrained or fine-tuned weights (recon4j or official). */
        public Builder checkpoint(Path checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** The architecture of the checkpoint (size and overrides). */
        public Builder config(ReconConfig config) {
            return options(Recon.Options.builder().config(config).build());
        }

        /** How to load the checkpoint (default: everything from its model card, as {@code Recon.load}). */
        public Builder options(Recon.Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Also classify with the checkpoint's head (default off). */
        public Builder optClassify(boolean classify) {
            this.classify = classify;
            return this;
        }

        /** Classes kept per row when classifying (default 5, capped at K). */
        public Builder optTopK(int topK) {
            if (topK < 1) {
                throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
            }
            this.topK = topK;
            return this;
        }

        /** Names of the head's classes in label order (default: the label numbers). */
        public Builder optClassNames(List<String> classNames) {
            this.classNames = classNames == null || classNames.isEmpty() ? null : List.copyOf(classNames);
            return this;
        }

        /** Turn z-up input y-up on load ({@code --up z}). */
        public Builder optZUp(boolean zUp) {
            this.zUp = zUp;
            return this;
        }

        /** Loads the model. */
        public Embedder build() throws IOException {
            Objects.requireNonNull(checkpoint, "checkpoint");
            BatchModel model = BatchModel.load(checkpoint, options, classify);
            try {
                checkpointBytes = java.nio.file.Files.size(checkpoint);
                return new Embedder(this, model);
            } catch (RuntimeException | IOException e) {
                model.close();
                throw e;
            }
        }
    }
}
