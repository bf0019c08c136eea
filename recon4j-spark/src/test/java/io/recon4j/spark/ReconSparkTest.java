package io.recon4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.recon4j.cloud.PcdWriter;
import io.recon4j.cloud.PlyWriter;
import io.recon4j.cloud.PointCloud;
import io.recon4j.embed.EmbedInputs;
import io.recon4j.embed.EmbedJob;
import io.recon4j.embed.EmbedParquet;
import io.recon4j.embed.EmbedRow;
import io.recon4j.embed.Embedder;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] gives {@code recon embed}'s rows, row for row, to 1e-5, with the same Parquet schema. */
class ReconSparkTest {

    static final Path MODELNET10 = Path.of("../../shared/data/modelnet10").toAbsolutePath().normalize();
    static final ReconConfig TINY = new ReconConfig(48, 1, 2, 1, 2, 16, 8, 256, 0.6f, 0.1f);
    static final List<String> NAMES = List.of("w", "x", "y");

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path checkpoint;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("recon4j-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        checkpoint = checkpoint(TINY, 3, dir.resolve("tiny.pth"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Path checkpoint(ReconConfig cfg, int classes, Path file) throws IOException {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier c = ReconClassifier.builder(cfg).setClasses(classes).build();
            c.initialize(m);
            Weights.save(c, file);
        }
        return file;
    }

    /** Good clouds in two formats and folders, a corrupt file and an empty one. */
    static Path generatedFolder() throws IOException {
        Path folder = dir.resolve("generated");
        Files.createDirectories(folder.resolve("sub"));
        Random r = new Random(5);
        for (int f = 0; f < 7; f++) {
            float[] xyz = new float[(300 + 100 * f) * 3];
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] = (float) r.nextGaussian() * (1 + (i + f) % 3) + f;
            }
            PointCloud c = new PointCloud(xyz);
            if (f % 2 == 0) {
                PcdWriter.write(folder.resolve("cloud" + f + ".pcd"), c, PcdWriter.Encoding.BINARY);
            } else {
                PlyWriter.binary().write(folder.resolve("sub/cloud" + f + ".ply"), c);
            }
        }
        Files.writeString(folder.resolve("sub/corrupt.pcd"), "FIELDS x y z\nnot a header\n");
        Files.createFile(folder.resolve("empty.ply"));
        return folder;
    }

    /** @return recon embed's rows for every file under {@code folder}, by file path */
    static Map<String, EmbedRow> reconEmbed(Path folder, ReconConfig cfg, Path ckpt, boolean classify, List<String> names,
                                            Path out) throws IOException {
        try (Embedder e = Embedder.builder().checkpoint(ckpt).config(cfg).optClassify(classify).optTopK(2)
                .optClassNames(names).build()) {
            EmbedJob.builder().optProgress(false).optBatchSize(4).build().run(e, EmbedInputs.of(folder), "spark-test", out);
        }
        Map<String, EmbedRow> rows = new HashMap<>();
        EmbedParquet.forEach(out, r -> rows.put(Path.of(r.path()).toAbsolutePath().normalize().toString(), r));
        return rows;
    }

    static void assertSameRows(Map<String, EmbedRow> want, List<Row> got) {
        assertEquals(want.size(), got.size(), "one row per file");
        for (Row row : got) {
            String path = EmbedPartition.localPath(row.getString(0)).toAbsolutePath().normalize().toString();
            EmbedRow w = want.get(path);
            assertTrue(w != null, "unexpected row " + path);
            assertEquals(w.status(), row.getString(1), path);
            assertEquals(w.error(), row.isNullAt(5) ? null : row.getString(5), path);
            if (w.ok()) {
                assertArrayEquals(w.embedding(), floats(row.getList(2)), 1e-5f, path);
                if (w.topClasses() != null) {
                    assertEquals(w.topClasses(), row.getList(3), path);
                    assertArrayEquals(w.topProbabilities(), floats(row.getList(4)), 1e-5f, path);
                }
            }
        }
    }

    static float[] floats(List<Object> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Float) list.get(i);
        }
        return out;
    }

    @Test
    void binaryFilesGiveReconEmbedsRowsIncludingErrors() throws IOException {
        Path folder = generatedFolder();
        Map<String, EmbedRow> want = reconEmbed(folder, TINY, checkpoint, true, NAMES, dir.resolve("generated.parquet"));
        assertEquals(2, want.values().stream().filter(r -> !r.ok()).count());
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", ReconSparkJob.SUPPORTED).load(folder.toString()).repartition(2);
        List<Row> got = ReconSpark.embed(files, ReconSpark.options(checkpoint).config(TINY).classify(true).topK(2)
                .classNames(NAMES).batchSize(3)).collectAsList();
        // Spark's file sources skip zero-length files, so the empty file has no row here (docs/spark.md).
        String empty = folder.resolve("empty.ply").toString();
        assertTrue(want.remove(empty) != null, want.keySet().toString());
        assertSameRows(want, got);
        assertTrue(got.stream().anyMatch(row -> row.getString(0).endsWith("corrupt.pcd") && "error".equals(row.getString(1))));
    }

    @Test
    void aColumnOfPathsGivesTheSameRows() throws IOException {
        Path folder = dir.resolve("generated");
        if (!Files.isDirectory(folder)) {
            generatedFolder();
        }
        Map<String, EmbedRow> want = reconEmbed(folder, TINY, checkpoint, false, null, dir.resolve("paths.parquet"));
        List<Row> paths = new ArrayList<>();
        for (EmbedInputs.Input in : EmbedInputs.of(folder)) {
            paths.add(RowFactory.create(in.file().toString()));
        }
        StructType schema = new StructType().add("file", DataTypes.StringType);
        Dataset<Row> table = spark.createDataFrame(paths, schema).repartition(2);
        List<Row> got = ReconSpark.embed(table, ReconSpark.options(checkpoint).config(TINY).pathColumn("file"))
                .collectAsList();
        assertSameRows(want, got);
        assertTrue(got.stream().allMatch(r -> r.isNullAt(3)), "no classes without classify");
    }

    @Test
    void theSubmitEntryPointWritesTheSchemaOfReconEmbed() throws IOException {
        Path folder = dir.resolve("modelnet-like/chair/test");
        Files.createDirectories(folder);
        Random r = new Random(9);
        for (int f = 0; f < 3; f++) {
            float[] xyz = new float[600 * 3];
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] = (float) r.nextGaussian();
            }
            PcdWriter.write(folder.resolve("chair_000" + f + ".pcd"), new PointCloud(xyz), PcdWriter.Encoding.BINARY);
        }
        Path ckpt = checkpoint(ReconConfig.NANO, 10, dir.resolve("nano.pth"));
        Path out = dir.resolve("job-out");
        int code = new picocli.CommandLine(new ReconSparkJob()).execute("--checkpoint", ckpt.toString(), "--input",
                dir.resolve("modelnet-like").toString(), "--out", out.toString(), "--classify", "--top-k", "2", "--batch-size", "2");
        assertEquals(0, code);
        Dataset<Row> written = spark.read().parquet(out.toString());
        assertEquals(3, written.count());
        Path core = dir.resolve("core-schema.parquet");
        reconEmbed(dir.resolve("modelnet-like"), ReconConfig.NANO, ckpt, true, null, core);
        StructType coreSchema = spark.read().parquet(core.toString()).schema();
        // Same names, types and element nullability; Spark reads its own top-level fields back as nullable.
        assertEquals(coreSchema.simpleString(), written.schema().simpleString());
        assertEquals(ReconSpark.SCHEMA.simpleString(), coreSchema.simpleString());
        assertSameRows(reconEmbed(dir.resolve("modelnet-like"), ReconConfig.NANO, ckpt, true, null,
                dir.resolve("core-rows.parquet")), written.collectAsList());
    }

    @Test
    void modelNet10TestFilesGiveReconEmbedsRows() throws IOException {
        assumeTrue(Files.isDirectory(MODELNET10.resolve("chair/test")),
                MODELNET10 + " not present: skipping the ModelNet10 Spark test");
        // A small subset: the first 6 test files of three classes.
        Path subset = dir.resolve("mn10");
        for (String c : List.of("bathtub", "chair", "toilet")) {
            Files.createDirectories(subset.resolve(c));
            try (Stream<Path> s = Files.list(MODELNET10.resolve(c).resolve("test"))) {
                for (Path f : s.sorted().limit(6).toList()) {
                    Files.createSymbolicLink(subset.resolve(c).resolve(f.getFileName()), f);
                }
            }
        }
        Path ckpt = checkpoint(ReconConfig.NANO, 10, dir.resolve("mn10.pth"));
        List<String> names = List.of("bathtub", "bed", "chair", "desk", "dresser", "monitor", "night_stand", "sofa", "table",
                "toilet");
        Map<String, EmbedRow> want = reconEmbed(subset, ReconConfig.NANO, ckpt, true, names, dir.resolve("mn10.parquet"));
        assertEquals(18, want.values().stream().filter(EmbedRow::ok).count(), "every ModelNet10 file embeds");
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .option("pathGlobFilter", ReconSparkJob.SUPPORTED).load(subset.toString());
        // binaryFile resolves the links' targets' bytes under the links' names: the rows keep the subset's paths.
        List<Row> got = ReconSpark.embed(files, ReconSpark.options(ckpt).classify(true).topK(2).classNames(names))
                .collectAsList();
        assertSameRows(want, got);
    }
}
