package io.recon4j.embed;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The columns of an embedding table, shared by {@code recon embed} and the Spark job (which writes the same
 * Parquet schema from its own {@code StructType}: non-null strings {@code path}, {@code status}; nullable
 * {@code array<float>} {@code embedding}, {@code top_probabilities}; {@code array<string>} {@code top_classes};
 * nullable string {@code error}). Lists use Parquet's standard three-level LIST layout, as Spark writes them.
 */
public final class EmbedSchema {

    /** The input file as given. */
    public static final String PATH = "path";
    /** {@code ok} or {@code error}. */
    public static final String STATUS = "status";
    /** D floats (the encoder's SVM feature, recon.md §1.9), null on error. */
    public static final String EMBEDDING = "embedding";
    /** Top-k class names, most probable first; null without classification. */
    public static final String TOP_CLASSES = "top_classes";
    /** Their softmax probabilities. */
    public static final String TOP_PROBABILITIES = "top_probabilities";
    /** Why the file failed; null when ok. */
    public static final String ERROR = "error";

    private static final MessageType PARQUET = MessageTypeParser.parseMessageType(
            "message recon_embedding {\n"
            + "  required binary " + PATH + " (STRING);\n"
            + "  required binary " + STATUS + " (STRING);\n"
            + "  optional group " + EMBEDDING + " (LIST) { repeated group list { required float element; } }\n"
            + "  optional group " + TOP_CLASSES + " (LIST) { repeated group list { required binary element (STRING); } }\n"
            + "  optional group " + TOP_PROBABILITIES + " (LIST) { repeated group list { required float element; } }\n"
            + "  optional binary " + ERROR + " (STRING);\n"
            + "}");

    private EmbedSchema() {
    }

    /** @return the Parquet schema */
    public static MessageType parquet() {
        return PARQUET;
    }
}
