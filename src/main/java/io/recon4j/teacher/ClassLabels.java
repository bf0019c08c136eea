package io.recon4j.teacher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class names of a classifier's logits, one per line in logit order (e.g. the 1000 ImageNet-1k names), and
 * the top-k of one logit vector under a softmax.
 */
public final class ClassLabels {

    /** One ranked class: its logit index, name and softmax probability. */
    public record Prediction(int index, String label, double probability) {
    }

    private final List<String> names;

    private ClassLabels(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * @param file one name per line; blank lines at the end are ignored
     * @throws IOException if unreadable or empty, or a blank line sits among the names
     */
    public static ClassLabels read(Path file) throws IOException {
        ExternalModels.requireReadableFile(file, "class label file");
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new IOException(file + ": no class names");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new IOException(file + ": line " + (i + 1) + " is blank; one class name per line");
            }
            lines.set(i, lines.get(i).strip());
        }
        return new ClassLabels(lines);
    }

    /** @return labels from names in logit order */
    public static ClassLabels of(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("need at least one class name");
        }
        return new ClassLabels(names);
    }

    /** @return the number of classes */
    public int size() {
        return names.size();
    }

    /** @return the name of logit {@code index} */
    public String name(int index) {
        return names.get(index);
    }

    /**
     * @param logits one value per class
     * @param k how many to return (clamped to the class count)
     * @return the k most probable classes under softmax(logits), most probable first; ties keep the lower index
     */
    public List<Prediction> top(float[] logits, int k) {
        if (logits.length != names.size()) {
            throw new IllegalArgumentException(logits.length + " logits for " + names.size() + " class names");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int c = order[i];
            out.add(new Prediction(c, names.get(c), Math.exp(logits[c] - max) / sum));
        }
        return out;
    }
}
