package io.recon4j.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.recon4j.data.DatasetFormatException;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a classifier said about each test shape, in the test split's order: its id, its label, and one column of
 * predictions per way of classifying it — the two linear probes of {@link SvmProtocol} ({@value #SVM},
 * {@value #LOGISTIC}), or a fine-tuned model's plain and voting passes of {@link VotingTest} ({@value #PLAIN},
 * {@value #VOTE}). Two runs scored on the same test split can then be compared shape by shape
 * ({@link ShapeComparison}) instead of by two accuracies. Written as {@value #FILE} beside svm.md or test.md.
 *
 * @param classes class names, indexed by label
 * @param ids test shape ids (the dataset's, e.g. {@code chair_0890}), in test-split order
 * @param labels true label of each test shape
 * @param predictions column name to the predicted label of each test shape, in the order written
 */
public record TestPredictions(List<String> classes, List<String> ids, int[] labels, Map<String, int[]> predictions) {

    /** The file name in an SVM or test run folder. */
    public static final String FILE = "predictions.json";
    /** Column of the official linear SVM. */
    public static final String SVM = "svm";
    /** Column of the logistic-regression probe on the same features. */
    public static final String LOGISTIC = "logistic";
    /** Column of a fine-tuned model's plain test pass (FPS, no voting). */
    public static final String PLAIN = "plain";
    /** Column of a fine-tuned model's first honest voting pass; further passes are {@code vote-2}, {@code vote-3}, .... */
    public static final String VOTE = "vote";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** @throws IllegalArgumentException when there is no column, the arrays differ in length or a label names no class */
    public TestPredictions {
        classes = List.copyOf(classes);
        ids = List.copyOf(ids);
        predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no column of predictions");
        }
        int n = ids.size();
        check("labels", labels, n, classes.size(), ids);
        for (Map.Entry<String, int[]> column : predictions.entrySet()) {
            check(column.getKey(), column.getValue(), n, classes.size(), ids);
        }
    }

    private static void check(String column, int[] values, int n, int classes, List<String> ids) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException("column " + column + " has " + (values == null ? "no" : values.length)
                    + " entries for " + n + " test shapes");
        }
        for (int i = 0; i < n; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException("shape " + i + " (" + ids.get(i) + ") has class " + values[i] + " in column "
                        + column + ", not one of the " + classes + " classes");
            }
        }
    }

    /** Predictions of the two linear probes, as {@link SvmProtocol} writes them. */
    public static TestPredictions ofProbes(List<String> classes, List<String> ids, int[] labels, int[] svm, int[] logistic) {
        Map<String, int[]> columns = new LinkedHashMap<>();
        columns.put(SVM, svm);
        columns.put(LOGISTIC, logistic);
        return new TestPredictions(classes, ids, labels, columns);
    }

    /**
     * @return the ids of {@code test}'s shapes, in its order
     * @throws IOException when an id has to be read and cannot be
     */
    public static List<String> idsOf(PointCloudDataset test) throws IOException {
        List<String> ids = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            ids.add(test.idOf(i));
        }
        return ids;
    }

    /** @return the number of test shapes */
    public int size() {
        return ids.size();
    }

    /** @return the column names, in the order written */
    public List<String> columns() {
        return List.copyOf(predictions.keySet());
    }

    /**
     * @param column a column name
     * @return 100 where that column got the shape right, 0 where not: the per-shape unit of a paired comparison, in points
     * @throws IllegalArgumentException when there is no such column (names the ones there are)
     */
    public double[] correct(String column) {
        int[] pred = predictions.get(column);
        if (pred == null) {
            throw new IllegalArgumentException("no predictions column '" + column + "'; there are " + columns());
        }
        double[] c = new double[size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = pred[i] == labels[i] ? 100 : 0;
        }
        return c;
    }

    /**
     * @param column a column name
     * @return its test accuracy in percent
     */
    public double accuracy(String column) {
        return Arrays.stream(correct(column)).average().orElse(Double.NaN);
    }

    /** @return how a report names a column: "linear SVM", "voting test", ... */
    public static String describe(String column) {
        return switch (column) {
            case SVM -> "linear SVM";
            case LOGISTIC -> "logistic probe";
            case PLAIN -> "plain test";
            case VOTE -> "voting test";
            default -> column;
        };
    }

    /**
     * Writes {@value #FILE} atomically.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        Raw raw = new Raw();
        raw.classes = classes;
        raw.ids = ids;
        raw.labels = labels;
        raw.predictions = predictions;
        byte[] json = GSON.toJson(raw).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(json));
    }

    /**
     * Reads {@value #FILE}, also in its first form (the columns svm and logistic at the top level, 2026-12-04).
     *
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
            throw new DatasetFormatException(file, "whole file", "not JSON of the form {classes, ids, labels, predictions}", e);
        }
        if (raw != null && raw.predictions == null && (raw.svm != null || raw.logistic != null)) {
            if (raw.svm == null || raw.logistic == null) {
                throw new DatasetFormatException(file, "top level", "a predictions file of the first form needs both svm and logistic");
            }
            raw.predictions = new LinkedHashMap<>(Map.of(SVM, raw.svm));
            raw.predictions.put(LOGISTIC, raw.logistic);
        }
        if (raw == null || raw.classes == null || raw.ids == null || raw.labels == null || raw.predictions == null) {
            throw new DatasetFormatException(file, "top level", "expected the fields classes, ids, labels and predictions"
                    + " (a predictions file of recon svm or recon test)");
        }
        try {
            return new TestPredictions(raw.classes, raw.ids, raw.labels, raw.predictions);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(file, "per-shape arrays", e.getMessage(), e);
        }
    }

    /** The JSON shape, before validation; svm and logistic only in files of the first form. */
    private static final class Raw {
        List<String> classes;
        List<String> ids;
        int[] labels;
        Map<String, int[]> predictions;
        int[] svm;
        int[] logistic;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TestPredictions p) || !classes.equals(p.classes) || !ids.equals(p.ids) || !Arrays.equals(labels, p.labels)
                || !predictions.keySet().equals(p.predictions.keySet())) {
            return false;
        }
        return predictions.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), p.predictions.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(classes, ids, Arrays.hashCode(labels));
        for (Map.Entry<String, int[]> e : predictions.entrySet()) {
            h = 31 * h + e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "TestPredictions[" + size() + " shapes, " + classes.size() + " classes, columns " + columns() + "]";
    }
}
