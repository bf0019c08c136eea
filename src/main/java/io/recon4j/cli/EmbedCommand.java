package io.recon4j.cli;

import io.recon4j.embed.EmbedInputs;
import io.recon4j.embed.EmbedJob;
import io.recon4j.embed.Embedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon embed}: one Parquet row per point file (embedding, optional top-k classes), resumable. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed every point or mesh file of a folder (recursively) or a list file (one path per line) with a",
            "frozen encoder, prepared as the ModelNet test split (FPS to 8192, pc_normalize, FPS to --points) and embedded",
            "with the SVM feature (2C), optionally classified by the checkpoint's head. Writes one Parquet row per file:",
            "path, status (ok/error), embedding, top_classes, top_probabilities, error. A file that cannot be read is an",
            "error row, never a stop. Rows are committed in parts under OUT.parts/; after a kill the same command goes",
            "on where it stopped; OUT appears, atomically, when every file is done. Prints a summary."})
final class EmbedCommand extends ReconCommand {

    @Option(names = "--checkpoint", required = true, description = "Pretrained or fine-tuned weights (recon4j or official).")
    Path checkpoint;

    @Option(names = "--input", required = true, paramLabel = "DIR|LIST",
            description = "A folder of point files (walked recursively) or a list file of paths (relative to its folder).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.parquet", description = "The Parquet file to write (must not exist).")
    Path out;

    @Option(names = "--classify", description = "Also classify with the checkpoint's classifier head (top-k classes and probabilities).")
    boolean classify;

    @Option(names = "--top-k", defaultValue = "5", description = "Classes kept per row with --classify (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--class-names", split = ",", description = {"Names of the head's classes in label order (comma-separated;",
        "default: the checkpoint's, else the label numbers). For ModelNet10: bathtub,bed,chair,desk,dresser,monitor,night_stand,sofa,table,toilet"})
    List<String> classNames;

    @Mixin
    BatchSize batch = BatchSize.of("32", "Clouds per model call");

    @Option(names = "--part-rows", defaultValue = "1024", description = "Rows per committed part: the most a kill loses (default ${DEFAULT-VALUE}).")
    int partRows;

    @Option(names = "--readers", description = "Threads reading files while the model runs (default: half the cores, at least 1).")
    Integer readers;

    @Mixin
    CheckpointLoading model;

    @Mixin
    UpAxisOption up;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        // Every check that needs no model before loading one.
        InputFiles.checkpoint(checkpoint);
        EmbedJob.checkOut(out);
        int threads = readers != null ? readers : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        EmbedJob job = EmbedJob.builder().optBatchSize(batch.batchSize).optPartRows(partRows).optReaders(threads).build();
        List<EmbedInputs.Input> inputs = EmbedInputs.of(input);
        try (Embedder embedder = Embedder.builder().checkpoint(checkpoint).options(model.options().build())
                .optClassify(classify).optTopK(topK).optClassNames(classNames).optZUp(up.zUp()).build()) {
            pw.printf(Locale.ROOT, "embed: %d files from %s with %s (%s, %d points), batch %d, %d reader thread(s) -> %s%n",
                    inputs.size(), input, checkpoint, embedder.describe(), embedder.config().numPoints(), batch.batchSize,
                    threads, out);
            pw.flush();
            pw.print(job.run(embedder, inputs, embedder.settings(), out).toText(inputs.size(), out));
        }
        pw.flush();
        return 0;
    }
}
