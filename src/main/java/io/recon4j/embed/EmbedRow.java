package io.recon4j.embed;

import java.util.List;
import java.util.Objects;

/**
 * One input file's result: its embedding (D floats) and, when classifying, the top-k classes with their
 * probabilities; or the reason it failed. One Parquet row of {@link EmbedSchema}.
 *
 * @param path the input as given (folder walk: the file's path; list file: the line)
 * @param ok whether the file was embedded
 * @param embedding D floats, null when failed
 * @param topClasses the k most probable class names, most probable first; null when failed or not classifying
 * @param topProbabilities their softmax probabilities; null with {@code topClasses}
 * @param error why it failed (one line); null when ok
 */
public record EmbedRow(String path, boolean ok, float[] embedding, List<String> topClasses, float[] topProbabilities,
                       String error) {

    /** Status column value of an embedded file. */
    public static final String OK = "ok";
    /** Status column value of a file that could not be embedded. */
    public static final String ERROR = "error";

    public EmbedRow {
        Objects.requireNonNull(path, "path");
        if (ok == (embedding == null) || ok == (error != null) || (topClasses == null) != (topProbabilities == null)) {
            throw new IllegalArgumentException("inconsistent row for " + path + ": ok=" + ok);
        }
        topClasses = topClasses == null ? null : List.copyOf(topClasses);
    }

    /** @return the row of an embedded file */
    public static EmbedRow ok(String path, float[] embedding, List<String> topClasses, float[] topProbabilities) {
        return new EmbedRow(path, true, Objects.requireNonNull(embedding, "embedding"), topClasses, topProbabilities, null);
    }

    /** @return the row of a file that failed, with a one-line reason */
    public static EmbedRow failed(String path, String error) {
        String line = error == null || error.isBlank() ? "unknown error" : error.strip().replace('\n', ' ');
        return new EmbedRow(path, false, null, null, null, line);
    }

    /** @return {@link #OK} or {@link #ERROR} */
    public String status() {
        return ok ? OK : ERROR;
    }
}
