package io.recon4j.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.recon4j.data.DatasetFormatException;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the two linear probes of {@link SvmProtocol} said about each test shape, in the test split's order: its id,
 * its label, the SVM's and the logistic probe's prediction. Two encoders scored on the same test split can then be
 * compared shape by shape ({@link SvmComparison}) instead of by two accuracies. Written as {@value #FILE} beside
 * svm.md.
 *
 * @param classes class names, indexed by label
 * @param ids test shape ids (the dataset's, e.g. {@code chair_0890}), in test-split order
 * @param labels true label of each test shape
 * @param svm the linear SVM's prediction for each test shape
 * @param logistic the logistic probe's prediction for each test shape
 */
public record TestPredictions(List<String> classes, List<String> ids, int[] labels, int[] svm, int[] logistic) {

    /** The file name in an SVM run folder. */
    public static final String FILE = "predictions.json";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** Which of the two probes a comparison reads. */
    public enum Probe {
        /** the official linear SVM */
        SVM,
        /** the logistic-regression probe on the same features */
        LOGISTIC
    }

    /** @throws IllegalArgumentException when the arrays differ in length or a label or prediction names no class */
    public TestPredictions {
        classes = List.copyOf(classes);
        ids = List.copyOf(ids);
        int n = ids.size();
        if (labels.length != n || svm.length != n || logistic.length != n) {
            throw new IllegalArgumentException("per-shape arrays differ in length: " + n + " ids, " + labels.length + " labels, "
                    + svm.length + " SVM and " + logistic.length + " logistic predictions");
        }
        for (int[] column : new int[][] {labels, svm, logistic}) {
            for (int i = 0; i < n; i++) {
                if (column[i] < 0 || column[i] >= classes.size()) {
                    throw new IllegalArgumentException("shape " + i + " (" + ids.get(i) + ") has class " + column[i] + ", not one of the "
                            + classes.size() + " classes");
                }
            }
        }
    }

    /** @return the number of test shapes */
    public int size() {
        return ids.size();
    }

    /**
     * @param probe which probe
     * @return 100 where that probe got the shape right, 0 where not: the per-shape unit of a paired comparison, in points
     */
    public double[] correct(Probe probe) {
        int[] pred = probe == Probe.SVM ? svm : logistic;
        double[] c = new double[size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = pred[i] == labels[i] ? 100 : 0;
        }
        return c;
    }

    /**
     * @param probe which probe
     * @return its test accuracy in percent
     */
    public double accuracy(Probe probe) {
        return java.util.Arrays.stream(correct(probe)).average().orElse(Double.NaN);
    }

    /**
     * Writes {@value #FILE} atomically.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        byte[] json = GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(json));
    }

    /**
     * @param file a {@value #FILE} written by {@link #write(Path)}
     * @return its predictions
     * @throws DatasetFormatException when the file is not such a file (names the missing or inconsistent field)
     * @throws IOException when it cannot be read
     */
    public static TestPredictions read(Path file) throws IOException {
        Raw raw;
        try {
            raw = GSON.fromJson(Files.readString(file), Raw.class);
        } catch (JsonParseException e) {
            throw new DatasetFormatException(file, "whole file", "not JSON of the form {classes, ids, labels, svm, logistic}", e);
        }
        if (raw == null || raw.classes == null || raw.ids == null || raw.labels == null || raw.svm == null || raw.logistic == null) {
            throw new DatasetFormatException(file, "top level", "expected the fields classes, ids, labels, svm and logistic"
                    + " (a predictions file of recon svm)");
        }
        try {
            return new TestPredictions(raw.classes, raw.ids, raw.labels, raw.svm, raw.logistic);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(file, "per-shape arrays", e.getMessage(), e);
        }
    }

    /** The JSON shape, before validation. */
    private static final class Raw {
        List<String> classes;
        List<String> ids;
        int[] labels;
        int[] svm;
        int[] logistic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestPredictions p && classes.equals(p.classes) && ids.equals(p.ids)
                && java.util.Arrays.equals(labels, p.labels) && java.util.Arrays.equals(svm, p.svm)
                && java.util.Arrays.equals(logistic, p.logistic);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(classes, ids, java.util.Arrays.hashCode(labels), java.util.Arrays.hashCode(svm),
                java.util.Arrays.hashCode(logistic));
    }

    @Override
    public String toString() {
        return "TestPredictions[" + size() + " shapes, " + classes.size() + " classes]";
    }
}
