package io.recon4j.embed;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.recon4j.util.AtomicFiles;
import io.recon4j.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;

/**
 * Streams a list of files through an {@link Embedder} into one Parquet file, resumably.
 *
 * <p>Reader threads prepare the next files while the model runs on the current batch (a bounded look-ahead of two
 * batches, so memory does not grow with the input). Rows go into part files of {@code partRows} rows under
 * {@code OUT.parts/}; each part is committed atomically and then recorded in {@code manifest.json} (written atomically
 * too), so after a kill the next run with the same inputs and options keeps every recorded part, deletes anything
 * else in the folder (the part being written), and goes on from the first file not yet covered: no row is lost or
 * written twice. When all parts exist they are concatenated (row groups copied, nothing decoded) into {@code OUT},
 * atomically, and the parts folder is removed.
 */
public final class EmbedJob {

    /**
     * @param ok rows embedded (including those of parts kept from an earlier run)
     * @param failed error rows
     * @param resumed rows taken over from an earlier, stopped run
     * @param firstErrors up to {@value #ERRORS_KEPT} error rows of this run, for the summary
     */
    public record Summary(long ok, long failed, long resumed, List<EmbedRow> firstErrors) {

        /**
         * @param inputs how many files the job had
         * @param out the written Parquet file
         * @return the counts line, then a line per kept error (and a pointer to the error column when there are more)
         */
        public String toText(int inputs, Path out) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "embedded %d of %d files, %d failed%s -> %s%n", ok,
                    inputs, failed, resumed > 0 ? " (" + resumed + " rows kept from the stopped run)" : "", out));
            for (EmbedRow e : firstErrors) {
                sb.append("  failed: ").append(e.path()).append(": ").append(e.error()).append('\n');
            }
            if (failed > firstErrors.size()) {
                sb.append("  ... every failure is in the error column (status = 'error')\n");
            }
            return sb.toString();
        }
    }

    /**
     * Refuses an output that is not a new {@code .parquet} file, before any model is loaded.
     *
     * @throws IllegalArgumentException naming {@code out}
     */
    public static void checkOut(Path out) {
        if (!out.getFileName().toString().endsWith(".parquet")) {
            throw new IllegalArgumentException("--out " + out + ": expected a .parquet file name");
        }
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " already exists; remove it or choose another file");
        }
    }

    private static final int ERRORS_KEPT = 10;
    private static final String MANIFEST = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** manifest.json: which inputs and options the parts belong to, and the committed parts in order. */
    private static final class Manifest {
        String fingerprint;
        int inputs;
        List<Part> parts = new ArrayList<>();

        int end() {
            return parts.isEmpty() ? 0 : parts.get(parts.size() - 1).end;
        }
    }

    /** One committed part: rows for inputs [previous end, end). */
    private static final class Part {
        String file;
        int end;
        long ok;
        long failed;
    }

    private final int batchSize;
    private final int partRows;
    private final int readers;
    private final boolean progress;
    private final IntConsumer onPartCommitted;

    private EmbedJob(Builder b) {
        this.batchSize = b.batchSize;
        this.partRows = b.partRows;
        this.readers = b.readers;
        this.progress = b.progress;
        this.onPartCommitted = b.onPartCommitted;
    }

    /** @return a builder with the defaults: batch 32, parts of 1024 rows, one reader thread, progress bar on */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the folder of committed parts of a run writing {@code out} */
    public static Path partsDir(Path out) {
        return out.resolveSibling(out.getFileName() + ".parts");
    }

    /**
     * @param embedder the model
     * @param inputs the files, in row order
     * @param settings everything else that decides the rows (checkpoint, size, options): a resumed run must match
     * @param out the Parquet file to write; must not exist
     * @throws IllegalArgumentException if {@code out} exists, or parts of a run with other inputs or settings are there
     */
    public Summary run(Embedder embedder, List<EmbedInputs.Input> inputs, String settings, Path out) throws IOException {
        if (Files.exists(out)) {
            checkOut(out);
        }
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path parts = partsDir(abs);
        Manifest manifest = resume(parts, fingerprint(inputs, settings), inputs.size());
        long resumed = manifest.end();
        List<EmbedRow> errors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "embed-reader");
            t.setDaemon(true);
            return t;
        });
        ProgressBar bar = progress ? Progress.bar("embed", inputs.size(), "files", resumed) : null;
        try {
            ArrayDeque<Future<Embedder.Prepared>> ahead = new ArrayDeque<>();
            int next = manifest.end();
            EmbedParquet.Writer part = null;
            long partOk = 0;
            long partFailed = 0;
            List<Embedder.Prepared> batch = new ArrayList<>(batchSize);
            for (int i = manifest.end(); i < inputs.size(); i++) {
                while (next < inputs.size() && ahead.size() < 2 * batchSize) {
                    EmbedInputs.Input in = inputs.get(next++);
                    ahead.add(pool.submit(() -> embedder.prepare(in.path(), in.file())));
                }
                batch.add(take(ahead.poll()));
                boolean partEnds = i + 1 == inputs.size() || (i + 1 - manifest.end()) % partRows == 0;
                if (batch.size() < batchSize && !partEnds) {
                    continue;
                }
                if (part == null) {
                    part = EmbedParquet.open(parts.resolve(partName(manifest.parts.size())));
                }
                for (EmbedRow row : embedder.run(batch)) {
                    part.write(row);
                    if (row.ok()) {
                        partOk++;
                    } else {
                        partFailed++;
                        if (errors.size() < ERRORS_KEPT) {
                            errors.add(row);
                        }
                    }
                }
                if (bar != null) {
                    bar.stepBy(batch.size());
                }
                batch.clear();
                if (partEnds) {
                    part.commit();
                    Part p = new Part();
                    p.file = partName(manifest.parts.size());
                    p.end = i + 1;
                    p.ok = partOk;
                    p.failed = partFailed;
                    manifest.parts.add(p);
                    writeManifest(parts, manifest);
                    part = null;
                    partOk = 0;
                    partFailed = 0;
                    onPartCommitted.accept(manifest.parts.size());
                }
            }
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
        List<Path> files = manifest.parts.stream().map(p -> parts.resolve(p.file)).toList();
        EmbedParquet.concatenate(files, abs);
        deleteParts(parts);
        long ok = manifest.parts.stream().mapToLong(p -> p.ok).sum();
        long failed = manifest.parts.stream().mapToLong(p -> p.failed).sum();
        return new Summary(ok, failed, resumed, List.copyOf(errors));
    }

    private static Embedder.Prepared take(Future<Embedder.Prepared> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading inputs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reader failed: " + e.getCause(), e.getCause());
        }
    }

    /** @return the manifest to go on from: an earlier run's (stray files removed) or a fresh one */
    private static Manifest resume(Path parts, String fingerprint, int inputs) throws IOException {
        Path file = parts.resolve(MANIFEST);
        Manifest m = null;
        if (Files.isRegularFile(file)) {
            m = GSON.fromJson(Files.readString(file), Manifest.class);
            if (m == null || !fingerprint.equals(m.fingerprint) || m.inputs != inputs) {
                throw new IllegalArgumentException(parts + " holds parts of a run with other inputs or options; finish that"
                        + " run with the same command, or delete the folder to start again");
            }
            for (Part p : m.parts) {
                if (!Files.isRegularFile(parts.resolve(p.file))) {
                    throw new IllegalArgumentException(parts + ": committed part " + p.file + " is missing; delete the folder"
                            + " to start again");
                }
            }
        }
        if (m == null) {
            m = new Manifest();
            m.fingerprint = fingerprint;
            m.inputs = inputs;
        }
        Files.createDirectories(parts);
        List<String> kept = new ArrayList<>(m.parts.stream().map(p -> p.file).toList());
        kept.add(MANIFEST);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // Only what this job writes: a part not in the manifest (written when the run stopped) or a temp file.
                boolean ours = name.startsWith("part-") || (name.startsWith(".") && name.endsWith(".tmp"));
                if (!kept.contains(name) && ours) {
                    Files.delete(p);
                }
            }
        }
        return m;
    }

    private static void writeManifest(Path parts, Manifest m) throws IOException {
        byte[] json = GSON.toJson(m).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(parts.resolve(MANIFEST), o -> o.write(json));
    }

    private static void deleteParts(Path parts) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parts)) {
            for (Path p : ds) {
                Files.delete(p);
            }
        }
        Files.delete(parts);
    }

    private static String partName(int index) {
        return String.format(Locale.ROOT, "part-%05d.parquet", index);
    }

    /** @return SHA-256 of the input list and settings: a resumed run must see the same */
    private static String fingerprint(List<EmbedInputs.Input> inputs, String settings) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(settings.getBytes(StandardCharsets.UTF_8));
            for (EmbedInputs.Input in : inputs) {
                d.update((byte) '\n');
                d.update(in.path().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options of an {@link EmbedJob}. */
    public static final class Builder {
        private int batchSize = 32;
        private int partRows = 1024;
        private int readers = 1;
        private boolean progress = true;
        private IntConsumer onPartCommitted = n -> { };

        private Builder() {
        }

        /** Clouds per model call (default 32). */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Rows per committed part: what a kill can lose at most (default 1024). */
        public Builder optPartRows(int partRows) {
            if (partRows < 1) {
                throw new IllegalArgumentException("--part-rows must be >= 1, got " + partRows);
            }
            this.partRows = partRows;
            return this;
        }

        /** Threads reading and preparing files while the model runs (default 1). */
        public Builder optReaders(int readers) {
            if (readers < 1) {
                throw new IllegalArgumentException("--readers must be >= 1, got " + readers);
            }
            this.readers = readers;
            return this;
        }

        /** Show a progress bar with rate and ETA on stderr (default on). */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** Called with the number of committed parts after each part is recorded in the manifest. */
        public Builder optOnPartCommitted(IntConsumer listener) {
            this.onPartCommitted = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the job */
        public EmbedJob build() {
            return new EmbedJob(this);
        }
    }
}
