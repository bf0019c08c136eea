package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.Recon;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconConfig;
import io.recon4j.protocol.TestPredictions;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.MiniLmTextTeacher;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretrained two-tower checkpoint lacks the MAE tower's cls token (the official fine-tune model initialises it), so
 * loading draws it: one checkpoint must still give the same embedding and the same SVM every time.
 */
@Tag("train")
class TwoTowerCheckpointTest {

    @Test
    void oneTwoTowerCheckpointEmbedsAndProbesTheSameEveryTime(@TempDir Path dir) throws IOException {
        ReconConfig tiny = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
        ProceduralShapes data = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128));
        Path pre = dir.resolve("pre");
        try (NDManager manager = NDManager.newBaseManager()) {
            DistillationTargets text = DistillationTargets.prepare(data, new MiniLmTextTeacher(), null, null,
                    FeatureCache.at(dir.resolve("cache")));
            PretrainConfig cfg = PretrainConfig.builder(tiny).optEpochs(1).optBatchSize(8).optLr(2e-3).optWarmupEpochs(0)
                    .optSeed(7).build().withDistillation(text, DistillationConfig.official(text, false))
                    .withMethod(PretrainMethod.TWOTOWER);
            assertTrue(Pretraining.run(cfg, data, text, RunFolder.at(pre), false, manager).completed());
        }
        Path ckpt = pre.resolve("pretrained.pth");

        // Library: two loads, the same cloud, the same embedding (the cls token is part of the feature).
        var cloud = ProceduralShapes.test(ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128)).get(0).points();
        float[] first;
        try (Recon r = Recon.load(ckpt)) {
            first = r.embed(cloud);
        }
        try (Recon r = Recon.load(ckpt)) {
            assertArrayEquals(first, r.embed(cloud), "two loads of one two-tower checkpoint embed differently");
        }

        // CLI: two SVM runs on the checkpoint predict every test shape alike (run to run it once varied by 0.3 points).
        TestPredictions[] runs = new TestPredictions[2];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("svm" + i);
            Cli.Run r = Cli.run("svm", "--checkpoint", ckpt.toString(), "--trans-dim", "32", "--depth", "1", "--heads", "2",
                    "--decoder-depth", "1", "--groups", "8", "--group-size", "8", "--points", "64", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            runs[i] = TestPredictions.read(out.resolve("predictions.json"));
        }
        assertEquals(runs[0], runs[1], "two SVM runs on one two-tower checkpoint predict differently");

        // One tower alone (--tower): probed and labelled as such; a tower the checkpoint lacks is refused before any work.
        String[] arch = {"--trans-dim", "32", "--depth", "1", "--heads", "2", "--decoder-depth", "1", "--groups", "8",
            "--group-size", "8", "--points", "64"};
        Path one = dir.resolve("svm-tower1");
        Cli.Run r = Cli.run(concat(new String[] {"svm", "--checkpoint", ckpt.toString(), "--tower", "1", "--out", one.toString()},
                arch));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(one.resolve("svm.md")).contains("tower 1 alone"), Files.readString(one.resolve("svm.md")));
        Path bad = dir.resolve("svm-tower2");
        r = Cli.run(concat(new String[] {"svm", "--checkpoint", ckpt.toString(), "--tower", "2", "--out", bad.toString()}, arch));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("--tower 2: " + ckpt + " (twotower) has 2 tower(s), 0..1"), r.err());
        assertTrue(!Files.exists(bad), "run folder left behind");

        // One part of one tower (--part): probed and labelled; a part that does not exist is refused.
        Path locals = dir.resolve("svm-tower0-locals");
        r = Cli.run(concat(new String[] {"svm", "--checkpoint", ckpt.toString(), "--tower", "0", "--part", "locals",
            "--out", locals.toString()}, arch));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(locals.resolve("svm.md")).contains("tower 0 alone, locals part only"),
                Files.readString(locals.resolve("svm.md")));
        Path badPart = dir.resolve("svm-cls");
        r = Cli.run(concat(new String[] {"svm", "--checkpoint", ckpt.toString(), "--part", "cls", "--out",
            badPart.toString()}, arch));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("'cls': expected both, queries or locals"), r.err());
        assertTrue(!Files.exists(badPart), "run folder left behind");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
