package io.recon4j.embed;

import ai.djl.ndarray.NDManager;
import io.recon4j.Recon;
import io.recon4j.ReconCheckpoint;
import io.recon4j.cloud.PointCloud;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model behind batch embedding, in one place: a checkpoint loaded into a {@link ReconClassifier} in eval mode,
 * giving the encoder's SVM feature (recon.md §1.9: 2C per tower, as {@code recon svm} embeds) and, when the checkpoint
 * has a classifier head, class probabilities (as {@code recon test} classifies). Its two methods mirror the library
 * front door ({@code Recon.embedBatch}/{@code classifyBatch}); this class is the single place to swap for it.
 *
 * <p>Input clouds are already prepared ({@link Embedder#prepare}: read, FPS to 8192, {@code pc_normalize}, FPS to N),
 * all with N = {@code config.numPoints()} points. Calls are serialised: one model per JVM serves every thread
 * (libtorch's intra-op threads use the cores).
 */
final class BatchModel implements AutoCloseable {

    /** Softmax probabilities of one cloud, shape (K). */
    record Prediction(float[] probabilities) {
    }

    private final NDManager manager;
    private final ReconClassifier net;
    private final CloudFunction features;
    private final CloudFunction logits;
    private final List<String> classNames;

    private BatchModel(NDManager manager, ReconClassifier net, boolean hasHead, List<String> classNames) {
        this.manager = manager;
        this.net = net;
        this.classNames = classNames;
        ModelClassifier mc = new ModelClassifier(net, manager);
        this.features = mc.svmFeatures();
        this.logits = hasHead ? mc.logits() : null;
    }

    /**
     * Loads through the front door's reader ({@link ReconCheckpoint}, strict: every weight of the architecture).
     *
     * @param classify load the classifier head too; refused when the checkpoint has none
     * @throws IllegalArgumentException if the checkpoint does not fit {@code options} or lacks what is asked
     */
    static BatchModel load(Path checkpoint, Recon.Options options, boolean classify) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + ": no such file");
        }
        ReconCheckpoint c = ReconCheckpoint.read(checkpoint, options);
        if (classify && !c.hasHead()) {
            throw new IllegalArgumentException(checkpoint + " has no classifier head (cls_head_finetune.*): fine-tune it"
                    + " first with recon finetune, or embed without --classify");
        }
        NDManager manager = NDManager.newBaseManager(Devices.best());
        try {
            return new BatchModel(manager, c.load(manager).model(), classify, c.card().classNames());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return D, the embedding width */
    int embeddingWidth() {
        return features.width();
    }

    /** @return K, the classes of the head; 0 without one */
    int classes() {
        return logits == null ? 0 : net.classes();
    }

    /** @return the head's class names from the checkpoint (its model card, else the label numbers); empty without a head */
    List<String> classNames() {
        return classNames;
    }

    /** @return the architecture the checkpoint was loaded with */
    ReconConfig config() {
        return net.config();
    }

    /** @return N, the points each cloud must have */
    int numPoints() {
        return net.config().numPoints();
    }

    /** @return one embedding (D) per cloud */
    synchronized List<float[]> embedBatch(List<PointCloud> clouds) {
        return rows(features, clouds);
    }

    /** @return one prediction (K probabilities) per cloud */
    synchronized List<Prediction> classifyBatch(List<PointCloud> clouds) {
        if (logits == null) {
            throw new IllegalStateException("the model was loaded without its classifier head");
        }
        List<Prediction> out = new ArrayList<>();
        for (float[] z : rows(logits, clouds)) {
            out.add(new Prediction(softmax(z)));
        }
        return out;
    }

    private List<float[]> rows(CloudFunction f, List<PointCloud> clouds) {
        int n = numPoints();
        float[] points = new float[clouds.size() * n * 3];
        for (int b = 0; b < clouds.size(); b++) {
            PointCloud c = clouds.get(b);
            if (c.size() != n) {
                throw new IllegalArgumentException("cloud " + b + " has " + c.size() + " points, the model takes " + n);
            }
            System.arraycopy(c.xyz(), 0, points, b * n * 3, n * 3);
        }
        float[] flat = f.apply(points, clouds.size(), n);
        int d = f.width();
        List<float[]> out = new ArrayList<>(clouds.size());
        for (int b = 0; b < clouds.size(); b++) {
            float[] row = new float[d];
            System.arraycopy(flat, b * d, row, 0, d);
            out.add(row);
        }
        return out;
    }

    /** Softmax in double (max-shifted), so probabilities sum to 1 within float rounding. */
    static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    @Override
    public void close() {
        manager.close();
    }
}
