package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.cloud.PcdWriter;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.embed.EmbedParquet;
import io.recon4j.embed.EmbedRow;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon embed} end to end: options reach the job, the summary counts, bad input is refused before work. */
@Tag("cli")
class EmbedCommandTest {

    static final String[] SIZE = {"--trans-dim", "32", "--depth", "1", "--heads", "2", "--groups", "8", "--group-size", "8",
        "--points", "128"};

    @Test
    void embedsAFolderWithClassesAndPrintsASummary(@TempDir Path dir) throws IOException {
        ReconConfig cfg = new ReconConfig(32, 1, 2, 4, 2, 8, 8, 128, 0.6f, 0.1f);
        Path ckpt = dir.resolve("ckpt.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier c = ReconClassifier.builder(cfg).setClasses(3).optHead(HeadType.LINEAR).build();
            c.initialize(m);
            Weights.save(c, ckpt);
        }
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Random r = new Random(1);
        for (int f = 0; f < 3; f++) {
            float[] xyz = new float[300 * 3];
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] = (float) r.nextGaussian() * (1 + i % 3 + f);
            }
            PcdWriter.write(in.resolve("s" + f + ".pcd"), new PointCloud(xyz), PcdWriter.Encoding.BINARY);
        }
        Files.writeString(in.resolve("bad.xyz"), "1 2\n");
        Path out = dir.resolve("out.parquet");
        String[] args = concat(new String[] {"embed", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out",
            out.toString(), "--classify", "--top-k", "2", "--class-names", "p,q,s", "--batch-size", "2"}, SIZE);
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("embedded 3 of 4 files, 1 failed"), run.out());
        assertTrue(run.out().contains("failed: " + in.resolve("bad.xyz")), run.out());
        List<EmbedRow> rows = EmbedParquet.read(out);
        assertEquals(4, rows.size());
        assertEquals(List.of(2, 2, 2), rows.stream().filter(EmbedRow::ok).map(x -> x.topClasses().size()).toList());

        Cli.Run again = Cli.run(args);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        Cli.Run noHead = Cli.run("embed", "--checkpoint", dir.resolve("none.pth").toString(),
                "--input", in.toString(), "--out", dir.resolve("x.parquet").toString());
        assertEquals(1, noHead.code());
        assertTrue(noHead.err().contains("none.pth: no such file"), noHead.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aCheckpointsOwnArchitectureIsUsedWhenNoSizeIsGiven(@TempDir Path dir) throws IOException {
        // A recon4j fine-tuning run writes a model card; its architecture (trans_dim 32) is no named size.
        ReconConfig tiny = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
        ProceduralShapes.Config data = ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128);
        Path run = dir.resolve("finetune");
        try (NDManager m = NDManager.newBaseManager()) {
            FineTuning.run(FineTuneConfig.modelNet(tiny, HeadType.FULL).with(1, 16, 0, 7).withOptimizer(1e-3, 10),
                    ProceduralShapes.train(data), ProceduralShapes.test(data), RunFolder.at(run), false, m, null);
        }
        Path ckpt = run.resolve("ckpt-last.pth");
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        PcdWriter.write(in.resolve("a.pcd"), ProceduralShapes.test(data).get(0).points(), PcdWriter.Encoding.BINARY);
        Path out = dir.resolve("out.parquet");
        Cli.Run run1 = Cli.run("embed", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out", out.toString());
        assertEquals(0, run1.code(), run1.err());
        assertEquals(2 * 32, EmbedParquet.read(out).get(0).embedding().length, "the encoder feature at the card's width");

        // An explicit size wins over the card, and a wrong one is refused before any file is read.
        Cli.Run wrong = Cli.run("embed", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out",
                dir.resolve("other.parquet").toString(), "--size", "nano");
        assertTrue(wrong.code() != 0, wrong.out());
        assertTrue(wrong.err().contains("trans_dim 32"), wrong.err());
        assertTrue(Files.notExists(dir.resolve("other.parquet")));
    }
}
