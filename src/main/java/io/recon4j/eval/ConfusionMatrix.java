package io.recon4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs over K classes, with the accuracies derived from them.
 * Accuracies are fractions in [0, 1]. Not thread-safe.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final long[][] counts;

    /** @param classNames the K class names, indexed by label */
    public ConfusionMatrix(List<String> classNames) {
        this.classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        this.counts = new long[classNames.size()][classNames.size()];
    }

    /** @return a matrix over {@code classes} classes named "0", "1", ... */
    public static ConfusionMatrix ofClasses(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return new ConfusionMatrix(names);
    }

    /** @return K */
    public int classes() {
        return counts.length;
    }

    /** @return the class names, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** Counts one sample of class {@code actual} predicted as {@code predicted}. */
    public void add(int actual, int predicted) {
        check(actual, "true label");
        check(predicted, "predicted label");
        counts[actual][predicted]++;
    }

    /** Counts every pair (labels[i], predictions[i]). */
    public void addAll(int[] labels, int[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predictions.length + " predictions");
        }
        for (int i = 0; i < labels.length; i++) {
            add(labels[i], predictions[i]);
        }
    }

    private void check(int label, String what) {
        if (label < 0 || label >= counts.length) {
            throw new IllegalArgumentException(what + " " + label + " is outside [0, " + counts.length + ")");
        }
    }

    /** @return samples of class {@code actual} predicted as {@code predicted} */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return samples of class {@code actual} */
    public long support(int actual) {
        long s = 0;
        for (long v : counts[actual]) {
            s += v;
        }
        return s;
    }

    /** @return all samples counted */
    public long total() {
        long t = 0;
        for (int c = 0; c < counts.length; c++) {
            t += support(c);
        }
        return t;
    }

    /** @return correctly classified samples (the diagonal) */
    public long correct() {
        long t = 0;
        for (int c = 0; c < counts.length; c++) {
            t += counts[c][c];
        }
        return t;
    }

    /** @return overall accuracy (OA): correct / total, NaN when empty */
    public double overallAccuracy() {
        long t = total();
        return t == 0 ? Double.NaN : (double) correct() / t;
    }

    /** @return the recall of class {@code c}, NaN if it has no samples */
    public double classAccuracy(int c) {
        long s = support(c);
        return s == 0 ? Double.NaN : (double) counts[c][c] / s;
    }

    /**
     * @return mean class accuracy (mAcc): the mean of {@link #classAccuracy} over the classes that have
     *     samples (a class absent from the data cannot be scored), NaN when empty
     */
    public double meanClassAccuracy() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            double a = classAccuracy(c);
            if (!Double.isNaN(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** @return the class (other than {@code c}) that samples of {@code c} are most often predicted as, or -1 if none */
    public int mostConfusedWith(int c) {
        int best = -1;
        for (int p = 0; p < counts.length; p++) {
            if (p != c && counts[c][p] > 0 && (best < 0 || counts[c][p] > counts[c][best])) {
                best = p;
            }
        }
        return best;
    }

    /** @return a copy of the counts, [actual][predicted] */
    public long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts[c].clone();
        }
        return out;
    }

    /**
     * @return a Markdown table, one row per class: samples, correct, accuracy, and the most frequent wrong
     *     prediction; then OA and mAcc
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| class | samples | correct | accuracy % | most confused with |\n");
        sb.append("|---|---:|---:|---:|---|\n");
        for (int c = 0; c < counts.length; c++) {
            int other = mostConfusedWith(c);
            double acc = classAccuracy(c);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", classNames.get(c), support(c), counts[c][c],
                    Double.isNaN(acc) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * acc),
                    other < 0 ? "–" : classNames.get(other) + " (" + counts[c][other] + ")"));
        }
        sb.append(String.format(Locale.ROOT, "%nOverall accuracy %.2f %% (%d of %d); mean class accuracy %.2f %%.%n",
                100 * overallAccuracy(), correct(), total(), 100 * meanClassAccuracy()));
        return sb.toString();
    }

    /**
     * @return CSV: a header {@code actual\predicted,name...}, then one row per true class with its counts (class
     *     names must not contain commas or line breaks)
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("actual\\predicted");
        classNames.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (int c = 0; c < counts.length; c++) {
            sb.append(classNames.get(c));
            for (long v : counts[c]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return the matrix {@link #toCsv} wrote */
    public static ConfusionMatrix parseCsv(String csv) {
        String[] lines = csv.strip().split("\\R");
        String[] header = lines[0].split(",", -1);
        List<String> names = List.of(header).subList(1, header.length);
        if (lines.length != names.size() + 1) {
            throw new IllegalArgumentException("confusion CSV: " + names.size() + " classes but " + (lines.length - 1) + " rows");
        }
        ConfusionMatrix m = new ConfusionMatrix(names);
        for (int c = 0; c < names.size(); c++) {
            String[] cells = lines[c + 1].split(",", -1);
            if (cells.length != names.size() + 1 || !cells[0].equals(names.get(c))) {
                throw new IllegalArgumentException("confusion CSV: row " + (c + 1) + " is not class " + names.get(c) + " with "
                        + names.size() + " counts");
            }
            for (int p = 0; p < names.size(); p++) {
                m.counts[c][p] = Long.parseLong(cells[p + 1].trim());
            }
        }
        return m;
    }
}
