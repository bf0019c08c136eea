package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.image.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon cae pretrain}, its checkpoint in {@code recon cae probe}, and {@code recon cae model info}. */
@Tag("cli")
@Tag("train")
class CaePretrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void pretrainsResumesAndItsEncoderIsProbed() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 40, 20, true);
        Path out = dir.resolve("run");
        Cli.Run r = Cli.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("block masking 8 of 16 patches") && r.out().contains("done: 1 epochs this run, 4 steps"), r.out());
        for (String f : new String[] {"ckpt-last.pth", "pretrained.pth", "metrics.jsonl", "loss.png", "reconstruction.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        // The run is over: resuming it finds nothing left to do; another configuration is refused.
        Cli.Run again = Cli.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--out", out.toString(), "--resume");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("done: 0 epochs this run, 4 steps in all"), again.out());
        Cli.Run other = Cli.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--lr", "1e-4", "--out", out.toString(), "--resume");
        assertEquals(1, other.code());
        assertTrue(other.err().contains("another configuration"), other.err());
        // Errors name the whole command path: "recon pretrain" is the point-cloud command, not this one.
        Cli.Run bad = Cli.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--warmup", "1", "--out", dir.resolve("bad").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("recon cae pretrain: need epochs > 0"), bad.err());

        Cli.Run probe = Cli.run("cae", "probe", "--mode", "attentive", "--checkpoint",
                out.resolve("pretrained.pth").toString(), "--data", data.toString(), "--epochs", "1", "--batch-size", "10",
                "--out", dir.resolve("probe").toString());
        assertEquals(0, probe.code(), probe.err());
        assertTrue(probe.out().contains("encoder cae-nano-28px-1ch weights-crc"), probe.out());
    }

    @Test
    void viewsOfPointCloudsMakeTheImageTeacherOfReconPretraining() throws IOException {
        Path cae = dir.resolve("cae-views");
        Cli.Run r = Cli.run("cae", "pretrain", "--views-of", "embedded", "--views", "1",
                "--size", "nano", "--epochs", "1", "--limit", "40", "--batch-size", "20", "--out", cae.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("depth views 28px x1"), r.out());
        Path recon = dir.resolve("recon");
        Cli.Run p = Cli.run("pretrain", "--size", "nano", "--groups", "8", "--group-size", "8",
                "--points", "64", "--trans-dim", "32", "--depth", "1", "--heads", "2", "--decoder-depth", "1",
                "--epochs", "1", "--warmup", "0", "--batch-size", "64", "--text-teacher", "none",
                "--img-teacher", "cae:" + cae.resolve("pretrained.pth"), "--cache", dir.resolve("cache").toString(),
                "--out", recon.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("image teacher 32-d"), p.out());
        assertTrue(p.out().matches("(?s).*image teacher features over the training set: mean \\|x\\| [0-9.e+-]+, per-dimension std .*"),
                p.out());
        assertTrue(Files.readString(recon.resolve("metrics.jsonl")).contains("\"csc_img\""));

        // The same teacher, standardised: the run says so and records it in the teacher identity of its config.
        Path std = dir.resolve("recon-std");
        Cli.Run q = Cli.run("pretrain", "--size", "nano", "--groups", "8", "--group-size", "8",
                "--points", "64", "--trans-dim", "32", "--depth", "1", "--heads", "2", "--decoder-depth", "1",
                "--epochs", "1", "--warmup", "0", "--batch-size", "64", "--text-teacher", "none", "--img-standardize",
                "--img-teacher", "cae:" + cae.resolve("pretrained.pth"), "--cache", dir.resolve("cache").toString(),
                "--out", std.toString());
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("standardised per dimension (--img-standardize)"), q.out());
        assertTrue(Files.readString(std.resolve("config.json")).contains("|standardized"));
    }

    @Test
    void refusesResumeWithoutARunAndMissingData() {
        Cli.Run r = Cli.run("cae", "pretrain", "--resume");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--resume needs --out"), r.err());
        Cli.Run none = Cli.run("cae", "pretrain", "--data", dir.resolve("none").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("apt-get install -y dataset-fashion-mnist"), none.err());
    }

    @Test
    void modelInfoPrintsTheViTBaseCount() {
        Cli.Run r = Cli.run("cae", "model", "info", "--size", "base");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("encoder: 85,656,576 (85.66M) parameters"), r.out());
        assertTrue(r.out().contains("8192-way head): 148,681,472 (148.68M) parameters"), r.out());
        assertTrue(r.out().contains("patches=196 dim=768 depth=12 heads=12 regressor=4 decoder=4"), r.out());
    }
}
