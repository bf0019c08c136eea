package io.recon4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One cloud's class scores: a probability per class name, summing to 1. {@code toString()} names the top class and its
 * probability, e.g. {@code chair (0.93)}. Immutable.
 */
public final class Prediction {

    /**
     * One class and its probability.
     *
     * @param className the class name
     * @param index the class index (the model's label)
     * @param probability in [0, 1]
     */
    public record Scored(String className, int index, double probability) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%.2f)", className, probability);
        }
    }

    private final List<String> classNames;
    private final double[] probabilities;

    /**
     * @param classNames class names indexed by label
     * @param probabilities one per class, non-negative, summing to 1 (not checked beyond the count)
     */
    public Prediction(List<String> classNames, double[] probabilities) {
        if (classNames.size() != probabilities.length || probabilities.length == 0) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + probabilities.length + " probabilities");
        }
        this.classNames = List.copyOf(classNames);
        this.probabilities = probabilities.clone();
    }

    /**
     * @param classNames class names indexed by label
     * @param logits one score per class (K)
     * @return the softmax of {@code logits}, computed in double precision
     */
    public static Prediction ofLogits(List<String> classNames, float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            p[k] = Math.exp(logits[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return new Prediction(classNames, p);
    }

    /** @return the class names, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return a copy of the probabilities, indexed by label */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** @return the probability of {@code className} */
    public double probability(String className) {
        int k = classNames.indexOf(className);
        if (k < 0) {
            throw new IllegalArgumentException("no class '" + className + "'; classes are " + classNames);
        }
        return probabilities[k];
    }

    /** @return the most probable class (ties: the lower index) */
    public Scored top() {
        return topK(1).get(0);
    }

    /** @return the {@code k} most probable classes, best first (all classes if there are fewer) */
    public List<Scored> topK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        List<Scored> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Scored(classNames.get(i), i, probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparingInt(Scored::index));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    @Override
    public String toString() {
        return top().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && p.classNames.equals(classNames) && Arrays.equals(p.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return classNames.hashCode() * 31 + Arrays.hashCode(probabilities);
    }
}
