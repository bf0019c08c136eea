package io.recon4j.spark;

import io.recon4j.embed.EmbedRow;
import io.recon4j.embed.Embedder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One partition of input rows to embedding rows, lazily, a batch at a time: the input row's path (and, from the
 * {@code binaryFile} source, its bytes, written to a task-local file under the same name because the file name seeds
 * the mesh sampling and the FPS start) goes through the executor's {@link Embedder}.
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final Broadcast<byte[]> checkpoint;
    private final String pathColumn;
    private final String contentColumn;

    /** @param contentColumn the column of file bytes, or null to read each path from a file system all executors see */
    EmbedPartition(ModelSpec spec, Broadcast<byte[]> checkpoint, String pathColumn, String contentColumn) {
        this.spec = spec;
        this.checkpoint = checkpoint;
        this.pathColumn = pathColumn;
        this.contentColumn = contentColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws IOException {
        Embedder embedder = ExecutorModels.get(spec, checkpoint);
        Path scratch = Files.createTempDirectory("recon4j-embed-");
        scratch.toFile().deleteOnExit();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && input.hasNext()) {
                    fill();
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void fill() {
                List<Embedder.Prepared> batch = new ArrayList<>(spec.batchSize);
                while (input.hasNext() && batch.size() < spec.batchSize) {
                    batch.add(prepare(embedder, input.next(), scratch, batch.size()));
                }
                for (EmbedRow r : embedder.run(batch)) {
                    ready.add(toRow(r));
                }
            }
        };
    }

    private Embedder.Prepared prepare(Embedder embedder, Row row, Path scratch, int slot) {
        String path = row.getString(row.fieldIndex(pathColumn));
        if (contentColumn == null) {
            return embedder.prepare(path, localPath(path));
        }
        byte[] bytes = row.getAs(contentColumn);
        Path file = null;
        try {
            Path dir = Files.createDirectories(scratch.resolve(Integer.toString(slot)));
            file = dir.resolve(fileName(path));
            Files.write(file, bytes);
            Embedder.Prepared p = embedder.prepare(path, file);
            // Errors name the file as recon embed would, not the staged copy.
            String shown = path.startsWith("file:") ? localPath(path).toString() : path;
            return p.error() == null ? p : new Embedder.Prepared(path, null, p.error().replace(file.toString(), shown));
        } catch (IOException e) {
            return new Embedder.Prepared(path, null, "could not stage the file's bytes: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover scratch file is removed with the JVM's temp folder
                }
            }
        }
    }

    /** @return a {@code file:} URI or a plain path as a local path */
    static Path localPath(String path) {
        return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
    }

    private static String fileName(String path) {
        String s = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    static Row toRow(EmbedRow r) {
        return RowFactory.create(r.path(), r.status(), r.embedding() == null ? null : boxed(r.embedding()),
                r.topClasses() == null ? null : r.topClasses().toArray(new String[0]),
                r.topProbabilities() == null ? null : boxed(r.topProbabilities()), r.error());
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
