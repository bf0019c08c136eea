package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.image.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon cae probe}: the pixel baseline end to end on a small Fashion-MNIST-shaped folder, and its refusals. */
@Tag("cli")
class CaeProbeCommandTest {

    @TempDir
    Path dir;

    @Test
    void pixelBaselineRunsEndToEndAndWritesItsReport() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 200, 50, true);
        Path out = dir.resolve("run");
        Cli.Run r = Cli.run("cae", "probe", "--mode", "pixels", "--data", data.toString(),
                "--epochs", "4", "--batch-size", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Matcher acc = Pattern.compile("test accuracy ([0-9.]+) % after the last epoch").matcher(r.out());
        assertTrue(acc.find(), r.out());
        assertTrue(Double.parseDouble(acc.group(1)) > 90, "the separable toy set is learned: " + r.out());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("raw pixels 1×28×28") && summary.contains("200 images"), summary);
        assertTrue(Files.size(out.resolve("metrics.jsonl")) > 0);
        assertTrue(Files.exists(out.resolve("accuracy.png")));
    }

    @Test
    void encoderModesTakeExactlyOneSource() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 20, 10, false);
        Cli.Run random = Cli.run("cae", "probe", "--mode", "linear", "--random-init", "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--data", data.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, random.code(), random.err());
        assertTrue(random.out().contains("encoder cae-nano-28px-1ch random-init seed 0"), random.out());

        Cli.Run missing = Cli.run("cae", "probe", "--mode", "linear", "--checkpoint",
                dir.resolve("none.pth").toString(), "--data", data.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file (--checkpoint)"), missing.err());

        Cli.Run neither = Cli.run("cae", "probe", "--mode", "attentive", "--data", data.toString());
        assertEquals(1, neither.code());
        assertTrue(neither.err().contains("needs exactly one of --checkpoint FILE (a CAE encoder) or --random-init"),
                neither.err());

        Cli.Run pixels = Cli.run("cae", "probe", "--mode", "pixels", "--random-init");
        assertEquals(1, pixels.code());
        assertTrue(pixels.err().contains("--mode pixels probes raw pixels: it takes neither"), pixels.err());

        Cli.Run mode = Cli.run("cae", "probe", "--mode", "knn");
        assertEquals(1, mode.code());
        assertTrue(mode.err().contains("unknown --mode 'knn': expected linear, attentive or pixels"), mode.err());
    }

    @Test
    void missingDataSaysHowToInstallIt() {
        Path missing = dir.resolve("none");
        Cli.Run r = Cli.run("cae", "probe", "--mode", "pixels", "--data", missing.toString(),
                "--out", dir.resolve("b").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("apt-get install -y dataset-fashion-mnist"), r.err());
        Cli.Run help = Cli.run("cae", "--help");
        assertTrue(help.out().contains("probe"), help.out());
    }
}
