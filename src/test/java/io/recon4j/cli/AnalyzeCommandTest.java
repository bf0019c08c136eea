package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon analyze attention-distance} on two small checkpoints of different methods. */
@Tag("cli")
class AnalyzeCommandTest {

    private static final ReconConfig SMALL = new ReconConfig(32, 2, 2, 1, 2, 8, 8, 64, 0.6f, 0f);

    private static Path checkpoint(Path dir, PretrainMethod method) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(SMALL).setClasses(16).optMethod(method).build();
            model.initialize(m);
            Path file = Files.createDirectories(dir.resolve(method.cliName())).resolve("model.pth");
            Weights.save(model, file);
            return file;
        }
    }

    @Test
    void oneLinePerCheckpointAndATable(@TempDir Path dir) throws IOException {
        Path recon = checkpoint(dir, PretrainMethod.RECON);
        Path multitask = checkpoint(dir, PretrainMethod.MULTITASK);
        Path out = dir.resolve("out");
        Cli.Run r = Cli.run("analyze", "attention-distance", "--checkpoint", recon + "," + multitask,
                "--trans-dim", "32", "--depth", "2", "--heads", "2", "--groups", "8", "--group-size", "8", "--points", "64",
                "--samples", "6", "--batch-size", "4", "--with-random-init", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String csv = Files.readString(out.resolve("attention-distance.csv"));
        assertTrue(csv.contains("recon,flat/blocks/blocks_1/attn,1,local,mean,"), csv);
        assertTrue(csv.contains("recon,flat/blocks/blocks_0/attn_contrast,0,queries,mean,"), csv);
        assertTrue(csv.contains("multitask,flat/blocks/blocks_0/attn,0,queries,mean,"), csv);
        assertTrue(csv.contains("random init,flat/blocks/blocks_1/attn,1,local,mean,"), csv);
        assertTrue(Files.size(out.resolve("attention-distance.png")) > 1000);
        assertTrue(r.out().contains("| recon | flat/blocks/blocks_0/attn | 1 |"), r.out());

        Cli.Run bad = Cli.run("analyze", "attention-distance", "--checkpoint", recon.toString(),
                "--label", "a,b");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--label has 2 names for 1 checkpoints"), bad.err());
    }
}
