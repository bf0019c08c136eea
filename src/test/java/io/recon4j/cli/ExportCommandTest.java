package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon export onnx}: defaults by checkpoint, the refusal of a head-less classifier export, the files. */
@Tag("cli")
class ExportCommandTest {

    private static final String[] SIZE = {"--trans-dim", "48", "--depth", "1", "--heads", "2", "--groups", "16",
        "--group-size", "8", "--points", "64"};
    private static final ReconConfig CONFIG = new ReconConfig(48, 1, 2, 4, 2, 16, 8, 64, 0.6f, 0.1f);

    @TempDir
    Path dir;

    @Test
    void exportsTheClassifierByDefaultAndTheEncoderOfAHeadlessCheckpoint() throws Exception {
        Path headed = dir.resolve("finetuned.pth");
        Path headless = dir.resolve("pretrained.pth");
        writeCheckpoints(headed, headless);

        Cli.Run r = run("--checkpoint", headed.toString(), "--out", dir.resolve("c.onnx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("classifier") && r.out().contains("logits (batch, 7)"), r.out());
        assertEquals(List.of("points"), inputs(dir.resolve("c.onnx")));

        r = run("--checkpoint", headless.toString(), "--out", dir.resolve("e.onnx").toString(), "--patching", "outside");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("encoder") && r.out().contains("feature (batch, 96)"), r.out());
        assertEquals(List.of("neighborhood", "centers"), inputs(dir.resolve("e.onnx")));
    }

    @Test
    void refusesAClassifierFromACheckpointWithoutHeadBeforeAnyWork() throws Exception {
        Path headed = dir.resolve("finetuned.pth");
        Path headless = dir.resolve("pretrained.pth");
        writeCheckpoints(headed, headless);
        Path out = dir.resolve("model.onnx");
        Cli.Run r = run("--checkpoint", headless.toString(), "--out", out.toString(), "--what", "classifier");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("has no classifier head") && r.err().contains("--what encoder"), r.err());
        assertFalse(Files.exists(out), "nothing written");

        r = run("--checkpoint", headed.toString(), "--out", out.toString(), "--what", "logits");
        assertTrue(r.err().contains("unknown --what 'logits': expected classifier or encoder"), r.err());
        r = run("--checkpoint", dir.resolve("missing.pth").toString(), "--out", out.toString());
        assertTrue(r.err().contains("no such file"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static Cli.Run run(String... args) {
        String[] all = new String[2 + args.length + SIZE.length];
        all[0] = "export";
        all[1] = "onnx";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(SIZE, 0, all, 2 + args.length, SIZE.length);
        return Cli.run(all);
    }

    /** A fine-tuned checkpoint (7 classes) and the same without its head. */
    private static void writeCheckpoints(Path headed, Path headless) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(CONFIG).setClasses(7).build();
            model.initialize(m);
            Map<String, PthTensor> sd = Weights.toStateDict(model);
            PthWriter.writeStateDict(headed, sd);
            Map<String, PthTensor> encoder = new LinkedHashMap<>(sd);
            encoder.keySet().removeIf(k -> k.startsWith("cls_head_finetune."));
            PthWriter.writeStateDict(headless, encoder);
        }
    }

    private static List<String> inputs(Path onnx) throws Exception {
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            return List.copyOf(s.getInputNames());
        }
    }
}
