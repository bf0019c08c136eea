package io.recon4j.teacher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Zero-shot through a classifier's label space, for class names no training ever showed (a named deviation from
 * the paper, which has CLIP's joint text-image space instead): each target class name is matched to the K
 * source labels (e.g. ImageNet's 1,000) whose names the text teacher finds most similar, and a shape's score for
 * the class is the similarity-weighted sum of the probabilities the image side gives those labels. The image side
 * may be the image teacher itself (an upper bound of what distillation can reach) or a student's image query
 * distilled into the teacher's logits.
 *
 * <p>Names are embedded as {@code "a photo of a <name>."} with underscores read as spaces ({@code night_stand} →
 * "night stand"), on both sides, so that matching compares like with like.
 */
public final class LabelBridge {

    /** The one prompt both sides are embedded with. */
    static final String TEMPLATE = "a photo of a %s.";

    private final List<String> targets;
    private final ClassLabels source;
    /** (T, K) matched source label indices, most similar first. */
    private final int[][] matched;
    /** (T, K) weights summing to 1 per target. */
    private final double[][] weights;
    /** (T, K) cosine similarities, for {@link #describe()}. */
    private final double[][] similarity;

    private LabelBridge(List<String> targets, ClassLabels source, int[][] matched, double[][] weights, double[][] similarity) {
        this.targets = targets;
        this.source = source;
        this.matched = matched;
        this.weights = weights;
        this.similarity = similarity;
    }

    /**
     * @param source the classifier's label names (e.g. ImageNet's)
     * @param targets the class names to recognise
     * @param text the text teacher that matches names
     * @param cache feature cache for the name embeddings
     * @param k source labels per target (≥ 1)
     * @param temperature softmax temperature over the k similarities (&gt; 0; small: the best match dominates)
     * @return the bridge
     * @throws IOException if the cache cannot be read or written
     */
    public static LabelBridge match(ClassLabels source, List<String> targets, TextTeacher text, FeatureCache cache, int k,
                                    double temperature) throws IOException {
        Objects.requireNonNull(text, "text teacher");
        if (k < 1 || k > source.size()) {
            throw new IllegalArgumentException("labels per class must be in 1.." + source.size() + ", got " + k);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no class names to recognise");
        }
        float[][] src = new float[source.size()][];
        for (int j = 0; j < src.length; j++) {
            src[j] = unit(embed(text, cache, source.name(j)));
        }
        int t = targets.size();
        int[][] matched = new int[t][k];
        double[][] weights = new double[t][k];
        double[][] sims = new double[t][k];
        for (int c = 0; c < t; c++) {
            float[] q = unit(embed(text, cache, targets.get(c)));
            double[] sim = new double[src.length];
            for (int j = 0; j < src.length; j++) {
                double dot = 0;
                for (int d = 0; d < q.length; d++) {
                    dot += (double) q[d] * src[j][d];
                }
                sim[j] = dot;
            }
            Integer[] order = new Integer[src.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
            double z = 0;
            for (int i = 0; i < k; i++) {
                matched[c][i] = order[i];
                sims[c][i] = sim[order[i]];
                weights[c][i] = Math.exp((sim[order[i]] - sim[order[0]]) / temperature);
                z += weights[c][i];
            }
            for (int i = 0; i < k; i++) {
                weights[c][i] /= z;
            }
        }
        return new LabelBridge(List.copyOf(targets), source, matched, weights, sims);
    }

    /**
     * @param logits the source classifier's logits for one shape (one per source label)
     * @return one score per target class: the weighted probability of its matched labels
     */
    public double[] scores(float[] logits) {
        if (logits.length != source.size()) {
            throw new IllegalArgumentException("expected " + source.size() + " logits (one per source label), got " + logits.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double z = 0;
        for (float l : logits) {
            z += Math.exp(l - max);
        }
        double[] out = new double[targets.size()];
        for (int c = 0; c < out.length; c++) {
            for (int i = 0; i < matched[c].length; i++) {
                out[c] += weights[c][i] * Math.exp(logits[matched[c][i]] - max) / z;
            }
        }
        return out;
    }

    /**
     * @param logits the source classifier's logits for one shape
     * @return the logarithms of {@link #scores}: a cluster's mean of them is the log of a geometric mean, so one
     *     shape's confident label cannot outvote the rest (what {@link ZeroShot#scoreTransductive} averages)
     */
    public double[] logScores(float[] logits) {
        double[] p = scores(logits);
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.log(Math.max(p[i], 1e-300));
        }
        return p;
    }

    /** @return the target class with the highest {@link #scores} (ties: the lower index) */
    public int predict(float[] logits) {
        return rank(logits)[0];
    }

    /** @return the target classes by decreasing {@link #scores} (ties: the lower index first) */
    public int[] rank(float[] logits) {
        return ZeroShot.byScore(scores(logits));
    }

    /** @return the target class names */
    public List<String> targets() {
        return targets;
    }

    /** @return one Markdown line per target: its matched source labels with similarity and weight */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < targets.size(); c++) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < matched[c].length; i++) {
                parts.add(String.format(Locale.ROOT, "%s (cos %.2f, w %.2f)", source.name(matched[c][i]), similarity[c][i],
                        weights[c][i]));
            }
            sb.append("- ").append(targets.get(c)).append(" → ").append(String.join(", ", parts)).append('\n');
        }
        return sb.toString();
    }

    private static float[] embed(TextTeacher text, FeatureCache cache, String name) throws IOException {
        return DistillationTargets.cachedPrompt(text, cache, String.format(Locale.ROOT, TEMPLATE, name.replace('_', ' ')));
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(n), 1e-12));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
