package io.recon4j.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.Batch;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.data.Seeds;
import io.recon4j.render.RenderConfig;
import io.recon4j.util.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * The frozen teacher features of one pretraining dataset, computed (or read from the {@link FeatureCache})
 * before training so that a step only copies rows.
 *
 * <ul>
 *   <li>Text: the feature of every prompt of every category ({@link Prompts}: K × 60 × D_text). Each step draws
 *       one prompt per sample, prefix and suffix uniform as the official code, from a generator seeded by
 *       (run seed, epoch, dataset index), so a resumed run draws the same prompts.</li>
 *   <li>Image: one feature per shape, from the image teacher over V fixed views of the pc_norm-ed cloud (the
 *       official images are also one fixed picture per shape, independent of the point augmentation).</li>
 * </ul>
 *
 * <p>Cache keys: text {@code "prompt|<text>"}; image {@code "<dataset name>|<sample id>|<cloud SHA-256>|<render
 * key>"}: the cloud hash makes an entry stale as soon as the data behind a name changes.
 */
public final class DistillationTargets {

    private static final long PROMPT_SALT = 0x50524F4D5054L;

    private final String textIdentity;
    private final String imageIdentity;
    private final RenderConfig render;
    private final int textDim;
    private final int imageDim;
    /** (K, 60, D_text) row-major, or null. */
    private final float[] prompts;
    private final int classes;
    /** (N, D_img) row-major by dataset index, or null. */
    private final float[] images;
    private final int samples;

    private DistillationTargets(String textIdentity, String imageIdentity, RenderConfig render, int textDim, int imageDim,
                                float[] prompts, int classes, float[] images, int samples) {
        this.textIdentity = textIdentity;
        this.imageIdentity = imageIdentity;
        this.render = render;
        this.textDim = textDim;
        this.imageDim = imageDim;
        this.prompts = prompts;
        this.classes = classes;
        this.images = images;
        this.samples = samples;
    }

    /**
     * Computes or loads every teacher feature the dataset needs.
     *
     * @param data training shapes; the text teacher needs their labels and class names
     * @param text text teacher, or null
     * @param image image teacher, or null
     * @param render views for the image teacher (its size must be the teacher's input size); ignored without one
     * @param cache the feature cache
     * @throws IOException if a sample or a cache entry cannot be read or written
     */
    public static DistillationTargets prepare(PointCloudDataset data, TextTeacher text, ImageTeacher image,
                                              RenderConfig render, FeatureCache cache) throws IOException {
        float[] prompts = null;
        int k = data.classNames().size();
        if (text != null) {
            prompts = new float[k * Prompts.COUNT * text.dimension()];
            try (ProgressBar bar = Progress.bar("text teacher", (long) k * Prompts.COUNT, "prompts")) {
                for (int c = 0; c < k; c++) {
                    List<String> all = Prompts.all(data.classNames().get(c));
                    for (int j = 0; j < all.size(); j++) {
                        String p = all.get(j);
                        float[] f = cachedPrompt(text, cache, p);
                        System.arraycopy(f, 0, prompts, (c * Prompts.COUNT + j) * text.dimension(), text.dimension());
                        bar.step();
                    }
                }
            }
        }
        float[] images = null;
        if (image != null) {
            if (render == null || render.size() != image.input().size()) {
                throw new IllegalArgumentException("the image teacher expects " + image.input().size() + "-pixel images, "
                        + "the renderer is set to " + (render == null ? "nothing" : render.size() + " pixels"));
            }
            ShapeViews views = new ShapeViews(data, render);
            images = new float[data.size() * image.dimension()];
            try (ProgressBar bar = Progress.bar("image teacher", data.size(), "shapes")) {
                for (int i = 0; i < data.size(); i++) {
                    float[] f = cachedImage(image, cache, views, i, data.get(i));
                    System.arraycopy(f, 0, images, i * image.dimension(), image.dimension());
                    bar.step();
                }
            }
        }
        return new DistillationTargets(text == null ? "" : text.identity(), image == null ? "" : image.identity(),
                image == null ? null : render, text == null ? 0 : text.dimension(), image == null ? 0 : image.dimension(),
                prompts, k, images, data.size());
    }

    /**
     * @return the image feature of sample {@code index} ({@code s}), through the cache (key {@link ShapeViews#key},
     *     shared with {@code recon teacher inspect})
     */
    static float[] cachedImage(ImageTeacher image, FeatureCache cache, ShapeViews views, int index, Sample s)
            throws IOException {
        try {
            return cache.get(image, views.key(index, s), () -> {
                try {
                    return image.embed(views.render(index, s));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // a mesh file that cannot be read, named in the message
        }
    }

    /** @return the feature of one prompt, through the cache (key {@code "prompt|<text>"}, shared with zero-shot) */
    static float[] cachedPrompt(TextTeacher text, FeatureCache cache, String prompt) throws IOException {
        return cache.get(text, "prompt|" + prompt, () -> text.embed(prompt));
    }

    /** @return the text teacher's identity, "" without one */
    public String textIdentity() {
        return textIdentity;
    }

    /** @return the image teacher's identity, "" without one */
    public String imageIdentity() {
        return imageIdentity;
    }

    /** @return the views given to the image teacher, null without one */
    public RenderConfig render() {
        return render;
    }

    /** @return D_text, 0 without a text teacher */
    public int textDim() {
        return textDim;
    }

    /** @return D_img, 0 without an image teacher */
    public int imageDim() {
        return imageDim;
    }

    /**
     * How much a teacher's features vary from sample to sample, relative to their size: a teacher whose features hardly
     * vary gives a SmoothL1 target the student meets by predicting the mean, i.e. almost no signal.
     *
     * @param meanAbs mean |x| over all rows and dimensions
     * @param meanStd per-dimension standard deviation over the rows, averaged over dimensions
     */
    public record Spread(double meanAbs, double meanStd) {

        /** @return meanStd / meanAbs (0 when every row is the same) */
        public double relative() {
            return meanAbs == 0 ? 0 : meanStd / meanAbs;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "mean |x| %.4g, per-dimension std %.4g (%.2f%% of |x|)", meanAbs, meanStd,
                    100 * relative());
        }

        /**
         * @param which "text" or "image"
         * @param standardized whether the features are standardised per dimension (--img-standardize)
         * @return the spread line, and a warning line when the distillation target is nearly one constant vector
         */
        public List<String> report(String which, boolean standardized) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(java.util.Locale.ROOT, "%s teacher features over the training set: %s%s", which, this,
                    standardized ? "; standardised per dimension (--img-standardize)" : ""));
            if (relative() < 0.01 && !standardized) {
                lines.add(String.format(java.util.Locale.ROOT, "warning: the %s teacher's features barely vary from shape to "
                        + "shape; distilling them carries little signal%s", which, which.equals("image")
                        ? " (see --img-standardize)" : ""));
            }
            return lines;
        }

        static Spread of(float[] rows, int dim) {
            double[][] ms = columnStats(rows, dim);
            double abs = 0;
            for (float x : rows) {
                abs += Math.abs(x);
            }
            return new Spread(abs / rows.length, java.util.Arrays.stream(ms[1]).average().orElse(0));
        }
    }

    /** @return {per-dimension mean, per-dimension population std} of (rows.length / dim, dim) row-major rows */
    private static double[][] columnStats(float[] rows, int dim) {
        int n = rows.length / dim;
        double[] mean = new double[dim];
        double[] std = new double[dim];
        for (int i = 0; i < rows.length; i++) {
            mean[i % dim] += rows[i];
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        for (int i = 0; i < rows.length; i++) {
            double e = rows[i] - mean[i % dim];
            std[i % dim] += e * e;
        }
        for (int d = 0; d < dim; d++) {
            std[d] = Math.sqrt(std[d] / n);
        }
        return new double[][] {mean, std};
    }

    /** @return the spread of the image features over the dataset, null without an image teacher */
    public Spread imageSpread() {
        return images == null ? null : Spread.of(images, imageDim);
    }

    /** @return the spread of the text features over every prompt of every category, null without a text teacher */
    public Spread textSpread() {
        return prompts == null ? null : Spread.of(prompts, textDim);
    }

    /**
     * Not in the official code (its ViT teacher's features vary widely): these targets with every image-feature
     * dimension standardised over the dataset (mean 0, std 1), so that a teacher whose features barely vary
     * still gives a signal. The image identity records it (a resumed run cannot mix the two).
     *
     * @return standardised copy; this object if there is no image teacher
     */
    public DistillationTargets withStandardizedImages() {
        if (images == null) {
            return this;
        }
        double[][] ms = columnStats(images, imageDim);
        float[] out = new float[images.length];
        for (int i = 0; i < images.length; i++) {
            double sd = ms[1][i % imageDim];
            // a constant dimension becomes 0, not noise
            out[i] = sd > 1e-12 ? (float) ((images[i] - ms[0][i % imageDim]) / sd) : 0f;
        }
        return new DistillationTargets(textIdentity, imageIdentity + "|standardized", render, textDim, imageDim, prompts,
                classes, out, samples);
    }

    /** @return the feature of prompt {@code prompt} (see {@link Prompts#prompt}) of category {@code label} */
    public float[] promptFeature(int label, int prompt) {
        int from = (label * Prompts.COUNT + prompt) * textDim;
        return java.util.Arrays.copyOfRange(prompts, from, from + textDim);
    }

    /** @return the image feature of dataset sample {@code index} */
    public float[] imageFeature(int index) {
        return java.util.Arrays.copyOfRange(images, index * imageDim, (index + 1) * imageDim);
    }

    /** @return the prompt index drawn for dataset sample {@code index} in {@code epoch} of a run seeded {@code seed} */
    public static int promptIndex(long seed, int epoch, int index) {
        return Prompts.draw(Seeds.random(Seeds.mix(seed ^ PROMPT_SALT, epoch, index)));
    }

    /**
     * @param batch a training batch (labels and dataset indices)
     * @param seed the run seed
     * @return (B, D_text) text features of one random prompt per sample, or null without a text teacher
     */
    public NDArray text(Batch batch, long seed, NDManager manager) {
        if (prompts == null) {
            return null;
        }
        float[] out = new float[batch.size() * textDim];
        for (int b = 0; b < batch.size(); b++) {
            int label = batch.labels()[b];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("sample '" + batch.ids().get(b) + "' has label " + label
                        + "; the text teacher needs category labels in 0.." + (classes - 1));
            }
            int j = promptIndex(seed, batch.epoch(), batch.sampleIndices()[b]);
            System.arraycopy(prompts, (label * Prompts.COUNT + j) * textDim, out, b * textDim, textDim);
        }
        return manager.create(out, new Shape(batch.size(), textDim));
    }

    /**
     * @param batch a training batch (dataset indices)
     * @return (B, D_img) image features, or null without an image teacher
     */
    public NDArray image(Batch batch, NDManager manager) {
        if (images == null) {
            return null;
        }
        float[] out = new float[batch.size() * imageDim];
        for (int b = 0; b < batch.size(); b++) {
            int index = batch.sampleIndices()[b];
            if (index < 0 || index >= samples) {
                throw new IllegalArgumentException("sample index " + index + " is outside the " + samples
                        + " shapes the image features were prepared for");
            }
            System.arraycopy(images, index * imageDim, out, b * imageDim, imageDim);
        }
        return manager.create(out, new Shape(batch.size(), imageDim));
    }

}
