package io.recon4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.recon4j.cloud.NpyWriter;
import io.recon4j.cloud.PcdWriter;
import io.recon4j.cloud.PlyWriter;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.ModelNetDataset;
import io.recon4j.data.Transforms;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon embed}'s job: rows and errors, embeddings equal to the model's, resume after a kill, list files. */
@Tag("slow")
@Tag("shared")
class EmbedJobTest {

    static final ReconConfig CFG = new ReconConfig(48, 1, 2, 1, 2, 16, 8, 256, 0.6f, 0.1f);
    static final int CLASSES = 4;

    @TempDir
    static Path shared;
    static Path checkpoint;
    static Path encoderOnly;
    static Path folder;
    static List<Path> good = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier c = ReconClassifier.builder(CFG).setClasses(CLASSES).build();
            c.initialize(m);
            checkpoint = shared.resolve("ckpt-best.pth");
            Weights.save(c, checkpoint);
            // The same encoder without its head: what a pretraining run leaves.
            encoderOnly = shared.resolve("pretrained.pth");
            java.util.Map<String, io.recon4j.pth.PthTensor> sd = new java.util.LinkedHashMap<>(Weights.toStateDict(c));
            sd.keySet().removeIf(k -> k.startsWith("cls_head_finetune"));
            io.recon4j.pth.PthWriter.writeStateDict(encoderOnly, sd);
        }
        folder = shared.resolve("scans");
        Files.createDirectories(folder.resolve("a/b"));
        Random r = new Random(3);
        good.add(write(folder.resolve("a/box.pcd"), cloud(r, 700, 1, 2, 3), "pcd"));
        good.add(write(folder.resolve("a/b/flat.ply"), cloud(r, 900, 4, 4, 0.2f), "ply"));
        good.add(write(folder.resolve("c.npy"), cloud(r, 400, 1, 5, 1), "npy"));
        good.add(write(folder.resolve("d.pcd"), cloud(r, 1200, 2, 2, 2), "pcd"));
        good.add(write(folder.resolve("e.ply"), cloud(r, 300, 3, 1, 1), "ply"));
        Files.write(folder.resolve("a/corrupt.pcd"), "VERSION .7\nFIELDS x y z\nthis is not a pcd header\n".getBytes());
        Files.createFile(folder.resolve("empty.ply"));
        Files.writeString(folder.resolve("notes.md"), "not a point file: skipped by the walk");
    }

    static PointCloud cloud(Random r, int n, float sx, float sy, float sz) {
        float[] xyz = new float[n * 3];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = sx * (float) r.nextGaussian() + 10;
            xyz[3 * i + 1] = sy * (float) r.nextGaussian();
            xyz[3 * i + 2] = sz * (float) r.nextGaussian() - 5;
        }
        return new PointCloud(xyz);
    }

    static Path write(Path file, PointCloud c, String format) throws IOException {
        switch (format) {
            case "pcd" -> PcdWriter.write(file, c, PcdWriter.Encoding.BINARY);
            case "ply" -> PlyWriter.binary().write(file, c);
            default -> NpyWriter.write(file, c);
        }
        return file;
    }

    static Embedder embedder(boolean classify) throws IOException {
        return Embedder.builder().checkpoint(checkpoint).config(CFG).optClassify(classify).optTopK(3)
                .optClassNames(List.of("w", "x", "y", "z")).build();
    }

    static EmbedJob.Summary run(Path input, Path out, boolean classify, EmbedJob.Builder job) throws IOException {
        try (Embedder e = embedder(classify)) {
            return job.optProgress(false).build().run(e, EmbedInputs.of(input), "test|" + classify, out);
        }
    }

    @Test
    void everyFileGetsARowAndBadFilesAnError(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rows.parquet");
        EmbedJob.Summary s = run(folder, out, true, EmbedJob.builder().optBatchSize(2).optPartRows(4).optReaders(2));
        assertEquals(5, s.ok());
        assertEquals(2, s.failed());
        assertFalse(Files.exists(EmbedJob.partsDir(out)), "parts folder removed once the file is complete");
        List<EmbedRow> rows = EmbedParquet.read(out);
        List<String> paths = rows.stream().map(EmbedRow::path).toList();
        List<String> expected = EmbedInputs.of(folder).stream().map(EmbedInputs.Input::path).toList();
        assertEquals(expected, paths, "one row per supported file, in walk order");
        assertEquals(7, rows.size());
        for (EmbedRow row : rows) {
            boolean bad = row.path().endsWith("corrupt.pcd") || row.path().endsWith("empty.ply");
            assertEquals(bad ? "error" : "ok", row.status(), row.path());
            if (bad) {
                assertNull(row.embedding());
                assertTrue(row.error().contains(Path.of(row.path()).getFileName().toString()), row.error());
            } else {
                assertEquals(2 * CFG.transDim(), row.embedding().length, "the SVM feature: 2C");
                assertEquals(3, row.topClasses().size());
                assertTrue(row.topProbabilities()[0] >= row.topProbabilities()[1]
                        && row.topProbabilities()[1] >= row.topProbabilities()[2], row.path());
            }
        }
    }

    @Test
    void embeddingsAndClassesEqualTheModelOnEachCloud(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rows.parquet");
        run(folder, out, true, EmbedJob.builder().optBatchSize(3));
        java.util.Map<String, EmbedRow> byPath = new java.util.HashMap<>();
        EmbedParquet.read(out).forEach(r -> byPath.put(r.path(), r));
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier net = ReconClassifier.builder(CFG).setClasses(CLASSES)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            net.initialize(m);
            Weights.loadIntoClassifier(net, checkpoint);
            ModelClassifier mc = new ModelClassifier(net, m);
            CloudFunction features = mc.svmFeatures();
            CloudFunction logits = mc.logits();
            for (Path f : good) {
                // One cloud at a time, prepared by hand as recon svm / test prepare the ModelNet test split.
                PointCloud c = Transforms.fps(CFG.numPoints()).apply(ModelNetDataset.readShape(f), new SplittableRandom(1));
                float[] want = features.apply(c.xyz(), 1, CFG.numPoints());
                EmbedRow row = byPath.get(f.toString());
                assertArrayEquals(want, row.embedding(), 1e-5f, f.toString());
                float[] p = BatchModel.softmax(logits.apply(c.xyz(), 1, CFG.numPoints()));
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    best = p[k] > p[best] ? k : best;
                }
                assertEquals(List.of("w", "x", "y", "z").get(best), row.topClasses().get(0), f.toString());
                assertEquals(p[best], row.topProbabilities()[0], 1e-5f);
            }
        }
    }

    @Test
    void rowsEqualTheLibraryFrontDoor(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rows.parquet");
        run(folder, out, true, EmbedJob.builder().optBatchSize(2));
        java.util.Map<String, EmbedRow> byPath = new java.util.HashMap<>();
        EmbedParquet.read(out).forEach(r -> byPath.put(r.path(), r));
        io.recon4j.Recon.Options o = io.recon4j.Recon.Options.builder().config(CFG).classNames(List.of("w", "x", "y", "z"))
                .build();
        try (io.recon4j.Recon model = io.recon4j.Recon.load(checkpoint, o)) {
            for (Path f : good) {
                EmbedRow row = byPath.get(f.toString());
                assertArrayEquals(model.embed(f), row.embedding(), 1e-5f, "recon embed = Recon.embed for " + f);
                io.recon4j.Prediction p = model.classify(f);
                assertEquals(p.top().className(), row.topClasses().get(0), f.toString());
                assertEquals(p.top().probability(), row.topProbabilities()[0], 1e-5, f.toString());
            }
        }
    }

    @Test
    void modelNet10TestFilesEqualTheFrontDoor(@TempDir Path dir) throws IOException {
        Path mn10 = Path.of("../shared/data/modelnet10");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(mn10),
                "../shared/data/modelnet10 is absent: the real-file check of recon embed against Recon.embed is skipped");
        List<Path> files = new ArrayList<>();
        for (String c : List.of("chair", "toilet", "monitor")) {
            try (java.util.stream.Stream<Path> s = Files.list(mn10.resolve(c).resolve("test"))) {
                s.sorted().limit(3).forEach(files::add);
            }
        }
        Path list = dir.resolve("list.txt");
        Files.write(list, files.stream().map(p -> p.toAbsolutePath().toString()).toList());
        Path out = dir.resolve("rows.parquet");
        try (Embedder e = Embedder.builder().checkpoint(checkpoint).config(CFG).optZUp(true).build()) {
            EmbedJob.builder().optProgress(false).optBatchSize(4).build().run(e, EmbedInputs.of(list), "mn10", out);
        }
        List<EmbedRow> rows = EmbedParquet.read(out);
        assertEquals(files.size(), rows.size());
        io.recon4j.Recon.Options o = io.recon4j.Recon.Options.builder().config(CFG).numClasses(CLASSES).upAxis("z").build();
        try (io.recon4j.Recon model = io.recon4j.Recon.load(checkpoint, o)) {
            for (EmbedRow row : rows) {
                assertEquals("ok", row.status(), row.path());
                assertArrayEquals(model.embed(Path.of(row.path())), row.embedding(), 1e-5f, row.path());
            }
        }
    }

    @Test
    void aKilledRunResumesKeepingItsRowsWithoutDuplicates(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rows.parquet");
        Path parts = EmbedJob.partsDir(out);
        RuntimeException kill = new RuntimeException("simulated kill");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> run(folder, out, false,
                EmbedJob.builder().optBatchSize(2).optPartRows(3).optOnPartCommitted(n -> {
                    if (n == 1) {
                        throw kill;
                    }
                })));
        assertEquals(kill, thrown);
        assertFalse(Files.exists(out), "no output before every file is done");
        byte[] firstPart = Files.readAllBytes(parts.resolve("part-00000.parquet"));
        assertEquals(3, EmbedParquet.read(parts.resolve("part-00000.parquet")).size());
        // What a kill mid-part leaves: a half-written temporary file and a part the manifest does not know.
        Files.writeString(parts.resolve(".part-00001.parquet.1234.tmp"), "half");
        Files.writeString(parts.resolve("part-00001.parquet"), "not committed");

        List<Integer> committed = new ArrayList<>();
        EmbedJob.Summary s = run(folder, out, false, EmbedJob.builder().optBatchSize(2).optPartRows(3)
                .optOnPartCommitted(committed::add));
        assertEquals(3, s.resumed());
        assertEquals(List.of(2, 3), committed, "the resumed run wrote only the remaining parts");
        assertEquals(5, s.ok());
        assertEquals(2, s.failed());
        List<EmbedRow> rows = EmbedParquet.read(out);
        List<String> paths = rows.stream().map(EmbedRow::path).toList();
        assertEquals(EmbedInputs.of(folder).stream().map(EmbedInputs.Input::path).toList(), paths);
        assertEquals(paths.size(), new HashSet<>(paths).size(), "no duplicates");
        assertFalse(Files.exists(parts));
        // The first part's rows are the ones written before the kill, byte for byte through the concatenation.
        List<EmbedRow> before = new ArrayList<>();
        Path copy = dir.resolve("first.parquet");
        Files.write(copy, firstPart);
        EmbedParquet.forEach(copy, before::add);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).path(), rows.get(i).path());
            if (before.get(i).ok()) {
                assertArrayEquals(before.get(i).embedding(), rows.get(i).embedding(), 0f);
            }
        }
        // And a straight run gives the same rows.
        Path straight = dir.resolve("straight.parquet");
        run(folder, straight, false, EmbedJob.builder().optBatchSize(2));
        List<EmbedRow> want = EmbedParquet.read(straight);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).status(), rows.get(i).status());
            if (want.get(i).ok()) {
                assertArrayEquals(want.get(i).embedding(), rows.get(i).embedding(), 1e-5f, want.get(i).path());
            }
        }
    }

    @Test
    void partsOfAnotherRunAreNotMixedIn(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rows.parquet");
        assertThrows(RuntimeException.class, () -> run(folder, out, false, EmbedJob.builder().optPartRows(2)
                .optOnPartCommitted(n -> {
                    throw new IllegalStateException("stop");
                })));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(folder, out, true, EmbedJob.builder().optPartRows(2)));
        assertTrue(e.getMessage().contains("other inputs or options"), e.getMessage());
    }

    @Test
    void aListFileNamesFilesRelativeToItsFolder(@TempDir Path dir) throws IOException {
        Path list = shared.resolve("list.txt");
        Files.writeString(list, "# three scans\nscans/d.pcd\n\nscans/missing.pcd\n" + good.get(0).toAbsolutePath() + "\n");
        Path out = dir.resolve("rows.parquet");
        EmbedJob.Summary s = run(list, out, false, EmbedJob.builder());
        assertEquals(2, s.ok());
        List<EmbedRow> rows = EmbedParquet.read(out);
        assertEquals(List.of("scans/d.pcd", "scans/missing.pcd", good.get(0).toAbsolutePath().toString()),
                rows.stream().map(EmbedRow::path).toList());
        assertTrue(rows.get(1).error().contains("no such file"), rows.get(1).error());
        assertNull(rows.get(0).topClasses(), "no classes without --classify");
    }

    @Test
    void classifyingWithoutAHeadOrWithWrongNamesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embedder.builder()
                .checkpoint(encoderOnly).config(CFG).optClassify(true).build());
        assertTrue(e.getMessage().contains("has no classifier head"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Embedder.builder().checkpoint(checkpoint).config(CFG)
                .optClassify(true).optClassNames(List.of("a", "b")).build());
        assertTrue(e.getMessage().contains("2 names") && e.getMessage().contains("4 classes"), e.getMessage());
    }
}
