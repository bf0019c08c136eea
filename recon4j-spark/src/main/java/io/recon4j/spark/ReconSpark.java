package io.recon4j.spark;

import io.recon4j.embed.EmbedSchema;
import io.recon4j.model.ReconConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * recon4j's batch embedding as a Spark transformation: a table of point-cloud files in, the rows of
 * {@code recon embed} out (same columns, same values: {@link #SCHEMA}).
 *
 * <pre>{@code
 * Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load("s3a://scans/");
 * Dataset<Row> rows = ReconSpark.embed(files, ReconSpark.options(Path.of("ckpt-best.pth")).classify(true));
 * rows.write().parquet("s3a://scans-embedded/");
 * }</pre>
 *
 * <p>The input has a string column of paths ({@code path} by default) and, optionally, the files' bytes ({@code content},
 * as the {@code binaryFile} source gives them); without bytes every executor reads the paths itself (a shared file
 * system or {@code file:} URIs). The checkpoint is read once on the driver and broadcast; each executor JVM loads it
 * once. Rows keep the input order within each partition.
 */
public final class ReconSpark {

    /** The columns of {@link io.recon4j.embed.EmbedSchema} as Spark types; Spark writes them as that Parquet schema. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(EmbedSchema.PATH, DataTypes.StringType, false),
        DataTypes.createStructField(EmbedSchema.STATUS, DataTypes.StringType, false),
        DataTypes.createStructField(EmbedSchema.EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(EmbedSchema.TOP_CLASSES, DataTypes.createArrayType(DataTypes.StringType, false), true),
        DataTypes.createStructField(EmbedSchema.TOP_PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(EmbedSchema.ERROR, DataTypes.StringType, true),
    });

    private ReconSpark() {
    }

    /** @return options for the checkpoint at {@code checkpoint} (read on the driver), Nano size by default */
    public static Options options(Path checkpoint) {
        return new Options(checkpoint);
    }

    /**
     * @param files a table with the path column and, optionally, the content column
     * @return one row of {@link #SCHEMA} per input row
     * @throws IllegalArgumentException if the checkpoint is missing or the path column is absent
     */
    public static Dataset<Row> embed(Dataset<Row> files, Options options) throws IOException {
        List<String> columns = Arrays.asList(files.columns());
        if (!columns.contains(options.pathColumn)) {
            throw new IllegalArgumentException("the input has no column '" + options.pathColumn + "' of file paths; it has "
                    + columns);
        }
        if (!Files.isRegularFile(options.checkpoint)) {
            throw new IllegalArgumentException("checkpoint " + options.checkpoint + ": no such file");
        }
        String content = options.contentColumn != null && columns.contains(options.contentColumn) ? options.contentColumn : null;
        byte[] bytes = Files.readAllBytes(options.checkpoint);
        ModelSpec spec = new ModelSpec(options.config, options.classify, options.topK, options.classNames, options.zUp,
                options.batchSize, sha256(bytes), options.checkpoint.getFileName().toString());
        SparkSession spark = files.sparkSession();
        Broadcast<byte[]> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        return files.mapPartitions(new EmbedPartition(spec, shipped, options.pathColumn, content), Encoders.row(SCHEMA));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options of {@link #embed}: those of {@code recon embed}, plus the input's column names. */
    public static final class Options {
        private final Path checkpoint;
        private ReconConfig config = ReconConfig.NANO;
        private boolean classify;
        private int topK = 5;
        private List<String> classNames;
        private boolean zUp;
        private int batchSize = 32;
        private String pathColumn = "path";
        private String contentColumn = "content";

        private Options(Path checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        }

        /** The checkpoint's architecture (default Nano). */
        public Options config(ReconConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Also classify with the checkpoint's head. */
        public Options classify(boolean classify) {
            this.classify = classify;
            return this;
        }

        /** Classes per row when classifying (default 5). */
        public Options topK(int topK) {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            }
            this.topK = topK;
            return this;
        }

        /** The head's class names in label order (default: label numbers). */
        public Options classNames(List<String> classNames) {
            this.classNames = classNames == null || classNames.isEmpty() ? null : List.copyOf(classNames);
            return this;
        }

        /** Turn z-up clouds y-up on load. */
        public Options zUp(boolean zUp) {
            this.zUp = zUp;
            return this;
        }

        /** Clouds per model call within a partition (default 32). */
        public Options batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The column of file paths (default {@code path}). */
        public Options pathColumn(String column) {
            this.pathColumn = Objects.requireNonNull(column, "column");
            return this;
        }

        /** The column of file bytes, used when present (default {@code content}, as the binaryFile source names it). */
        public Options contentColumn(String column) {
            this.contentColumn = column;
            return this;
        }
    }
}
