package io.recon4j.spark;

import io.recon4j.model.ReconConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point (docs/spark.md): reads point files with Spark's {@code binaryFile} source (or
 * a Parquet table with a column of paths), embeds them with {@link ReconSpark#embed}, writes Parquet.
 */
@Command(name = "recon4j-spark", mixinStandardHelpOptions = true,
        description = {"Embed point-cloud files on a Spark cluster; writes the rows of recon embed as Parquet."})
public final class ReconSparkJob implements Callable<Integer> {

    /** The extensions {@code recon embed} walks a folder for (lower case, as {@code CloudIO} knows them). */
    static final String SUPPORTED = "*.{pcd,ply,off,obj,xyz,txt,pts,csv,npy}";

    @Option(names = "--checkpoint", required = true, description = "Weights, read on the driver and broadcast.")
    Path checkpoint;

    @Option(names = "--input", required = true, description = {"Folder or glob of point files, any Hadoop file system",
        "(read recursively with the binaryFile source); or, with --paths-column, a Parquet table of paths."})
    String input;

    @Option(names = "--paths-column", description = "Read --input as a Parquet table whose column COL holds file paths.")
    String pathsColumn;

    @Option(names = "--out", required = true, description = "Output folder (Parquet); must not exist.")
    String out;

    @Option(names = "--classify", description = "Also classify with the checkpoint's head.")
    boolean classify;

    @Option(names = "--top-k", defaultValue = "5", description = "Classes per row with --classify (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--class-names", split = ",", description = "The head's class names in label order.")
    List<String> classNames;

    @Option(names = "--batch-size", defaultValue = "32", description = "Clouds per model call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--partitions", description = "Repartition the input into N partitions first (default: as read).")
    Integer partitions;

    @Option(names = "--size", defaultValue = "nano", description = "Model size: nano, tiny, small or base (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the stored clouds: y or z (turned y-up on load).")
    String up;

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        int code = new CommandLine(new ReconSparkJob()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!up.equals("y") && !up.equals("z")) {
            throw new IllegalArgumentException("--up must be y or z, got '" + up + "'");
        }
        ReconConfig config = ReconConfig.size(size);
        SparkSession spark = SparkSession.builder().appName("recon4j embed").getOrCreate();
        Dataset<Row> files;
        ReconSpark.Options options = ReconSpark.options(checkpoint).config(config).classify(classify).topK(topK)
                .classNames(classNames).zUp(up.equals("z")).batchSize(batchSize);
        if (pathsColumn != null) {
            files = spark.read().parquet(input);
            options.pathColumn(pathsColumn).contentColumn(null);
        } else {
            files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", SUPPORTED).load(input).select("path", "content");
        }
        if (partitions != null) {
            files = files.repartition(partitions);
        }
        Dataset<Row> rows = ReconSpark.embed(files, options);
        rows.write().parquet(out);
        Dataset<Row> written = spark.read().parquet(out);
        long ok = written.filter(functions.col("status").equalTo("ok")).count();
        long all = written.count();
        System.out.printf("recon4j-spark: embedded %d of %d files, %d failed -> %s%n", ok, all, all - ok, out);
        return 0;
    }
}
