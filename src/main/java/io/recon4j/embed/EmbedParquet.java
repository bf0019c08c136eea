package io.recon4j.embed;

import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * {@link EmbedRow}s to and from Parquet files of {@link EmbedSchema}, written atomically through
 * {@link AtomicFiles} (a reader never sees half a file) and without a Hadoop file system: parquet-hadoop writes to
 * a plain stream and reads local files.
 */
public final class EmbedParquet {

    /** Snappy: fast, and what Spark writes by default. */
    private static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;
    private static final long ROW_GROUP_BYTES = 64L << 20;

    private EmbedParquet() {
    }

    /** A Parquet file being written; rows go in as they come, {@link #commit()} makes the file appear. */
    public static final class Writer implements AutoCloseable {
        private final AtomicFiles.Pending pending;
        private final ParquetWriter<EmbedRow> writer;
        private long rows;
        private boolean closed;

        private Writer(Path target) throws IOException {
            pending = AtomicFiles.begin(target);
            try {
                writer = new Builder(new StreamOutputFile(pending.stream())).withCompressionCodec(CODEC)
                        .withConf(new PlainParquetConfiguration()).withRowGroupSize(ROW_GROUP_BYTES).build();
            } catch (IOException | RuntimeException e) {
                pending.close();
                throw e;
            }
        }

        /** Appends one row. */
        public void write(EmbedRow row) throws IOException {
            writer.write(row);
            rows++;
        }

        /** @return rows written so far */
        public long rows() {
            return rows;
        }

        /** Finishes the file (footer), syncs it and moves it into place. */
        public void commit() throws IOException {
            closed = true;
            writer.close();
            pending.commit();
        }

        /** Discards the file unless committed. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    writer.close();
                } finally {
                    pending.close();
                }
            }
        }
    }

    /** @return a writer of {@code target}, which appears only on {@link Writer#commit()} */
    public static Writer open(Path target) throws IOException {
        return new Writer(target);
    }

    /**
     * Writes {@code target} atomically as the concatenation of {@code parts} (their row groups copied as they are,
     * nothing decoded), in the given order.
     */
    public static void concatenate(List<Path> parts, Path target) throws IOException {
        try (AtomicFiles.Pending p = AtomicFiles.begin(target)) {
            ParquetFileWriter w = new ParquetFileWriter(new StreamOutputFile(p.stream()), EmbedSchema.parquet(),
                    ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0);
            w.start();
            for (Path part : parts) {
                w.appendFile(new LocalInputFile(part));
            }
            w.end(new HashMap<>());
            p.commit();
        }
    }

    /** Calls {@code action} for every row of {@code file}, in order, holding one row group at a time. */
    public static void forEach(Path file, Consumer<EmbedRow> action) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    action.accept(fromGroup(records.read()));
                }
            }
        }
    }

    /** @return every row of {@code file} (for tests and small files; large ones: {@link #forEach}) */
    public static List<EmbedRow> read(Path file) throws IOException {
        List<EmbedRow> rows = new ArrayList<>();
        forEach(file, rows::add);
        return rows;
    }

    private static EmbedRow fromGroup(Group g) {
        String path = g.getString(EmbedSchema.PATH, 0);
        if (!EmbedRow.OK.equals(g.getString(EmbedSchema.STATUS, 0))) {
            return EmbedRow.failed(path, g.getString(EmbedSchema.ERROR, 0));
        }
        float[] embedding = floats(g, EmbedSchema.EMBEDDING);
        if (g.getFieldRepetitionCount(EmbedSchema.TOP_CLASSES) == 0) {
            return EmbedRow.ok(path, embedding, null, null);
        }
        Group classes = g.getGroup(EmbedSchema.TOP_CLASSES, 0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes.getFieldRepetitionCount(0); i++) {
            names.add(classes.getGroup(0, i).getString(0, 0));
        }
        return EmbedRow.ok(path, embedding, names, floats(g, EmbedSchema.TOP_PROBABILITIES));
    }

    private static float[] floats(Group g, String field) {
        Group list = g.getGroup(field, 0);
        float[] out = new float[list.getFieldRepetitionCount(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.getGroup(0, i).getFloat(0, 0);
        }
        return out;
    }

    // ---------------------------------------------------------------- writing rows

    private static final class Builder extends ParquetWriter.Builder<EmbedRow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<EmbedRow> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport();
        }

        @Override
        protected WriteSupport<EmbedRow> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport();
        }
    }

    /** Emits an {@link EmbedRow} as record events in {@link EmbedSchema}'s field order. */
    private static final class RowWriteSupport extends WriteSupport<EmbedRow> {
        private RecordConsumer out;

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(EmbedSchema.parquet(), new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(EmbedSchema.parquet(), new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(EmbedRow row) {
            out.startMessage();
            string(0, EmbedSchema.PATH, row.path());
            string(1, EmbedSchema.STATUS, row.status());
            if (row.embedding() != null) {
                floatList(2, EmbedSchema.EMBEDDING, row.embedding());
            }
            if (row.topClasses() != null) {
                out.startField(EmbedSchema.TOP_CLASSES, 3);
                out.startGroup();
                if (!row.topClasses().isEmpty()) {
                    out.startField("list", 0);
                    for (String c : row.topClasses()) {
                        out.startGroup();
                        string(0, "element", c);
                        out.endGroup();
                    }
                    out.endField("list", 0);
                }
                out.endGroup();
                out.endField(EmbedSchema.TOP_CLASSES, 3);
                floatList(4, EmbedSchema.TOP_PROBABILITIES, row.topProbabilities());
            }
            if (row.error() != null) {
                string(5, EmbedSchema.ERROR, row.error());
            }
            out.endMessage();
        }

        private void string(int index, String name, String value) {
            out.startField(name, index);
            out.addBinary(Binary.fromString(value));
            out.endField(name, index);
        }

        private void floatList(int index, String name, float[] values) {
            out.startField(name, index);
            out.startGroup();
            if (values.length > 0) {
                out.startField("list", 0);
                for (float v : values) {
                    out.startGroup();
                    out.startField("element", 0);
                    out.addFloat(v);
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
            out.endField(name, index);
        }
    }

    /** A Parquet {@link OutputFile} over an already open stream (the temporary file of an atomic write). */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream stream;

        StreamOutputFile(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    stream.write(b, off, len);
                    pos += len;
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }

                @Override
                public void close() throws IOException {
                    stream.flush(); // the atomic write syncs and closes the file on commit
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
