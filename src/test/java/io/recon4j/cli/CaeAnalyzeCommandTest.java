package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.image.IdxFiles;
import io.recon4j.pth.StateDict;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon cae analyze shortcut} on two CAEs trained with and without the alignment loss. */
@Tag("cli")
class CaeAnalyzeCommandTest {

    @TempDir
    Path dir;

    private Path pretrain(Path data, String name, String alignWeight, String... more) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--align-weight", alignWeight, "--out", out.toString()));
        args.addAll(List.of(more));
        Cli.Run r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return out.resolve("pretrained.pth");
    }

    @Test
    void shortcutPictureAndErrorsForEachCheckpoint() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 40, 20, true);
        Path aligned = pretrain(data, "aligned", "2");
        Path unaligned = pretrain(data, "unaligned", "0");
        Path png = dir.resolve("shortcut.png");
        Cli.Run r = Cli.run("cae", "analyze", "shortcut", "--checkpoint", aligned + "," + unaligned,
                "--data", data.toString(), "--count", "3", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("\\(alignment weight ([0-9.]+)\\): shortcut reconstruction MSE ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals("2.0", m.group(1));
        assertTrue(Double.parseDouble(m.group(2)) > 0, r.out());
        assertTrue(m.find(), r.out());
        assertEquals("0.0", m.group(1));
        BufferedImage img = ImageIO.read(png.toFile());
        // 3 columns (input + 2 checkpoints) and 3 rows of 28 px images drawn ×4 with 4 px gaps.
        assertEquals(3 * (28 * 4 + 4) + 4, img.getWidth());
        assertEquals(3 * (28 * 4 + 4) + 4, img.getHeight());

        Cli.Run bad = Cli.run("cae", "analyze", "shortcut", "--checkpoint",
                dir.resolve("missing.pth").toString(), "--data", data.toString(), "--out", png.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("missing.pth: no such file"), bad.err());
        Cli.Run badAlign = Cli.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--align-weight", "-1", "--out", dir.resolve("neg").toString());
        assertEquals(1, badAlign.code());
        assertTrue(badAlign.err().contains("alignment weight must be finite and >= 0"), badAlign.err());
    }

    @Test
    void noDecoderKeepsOnlyTheLinearHeadAndStillReconstructs() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 40, 20, true);
        Path linear = pretrain(data, "nodec", "2", "--no-decoder");
        StateDict sd = StateDict.read(linear);
        assertTrue(sd.contains("decoder.head.weight"), sd.keys().toString());
        assertTrue(sd.keys().stream().noneMatch(k -> k.startsWith("decoder.decoder_blocks.") || k.startsWith("decoder.norm.")),
                sd.keys().toString());
        assertTrue(sd.keys().stream().anyMatch(k -> k.startsWith("regresser.")), "the regressor stays");
        Path png = dir.resolve("shortcut.png");
        Cli.Run r = Cli.run("cae", "analyze", "shortcut", "--checkpoint", linear.toString(),
                "--data", data.toString(), "--count", "2", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void tsneAndAttentionMapsWithASavedProbe() throws IOException {
        Path data = dir.resolve("fmnist");
        IdxFiles.fashionLike(data, 40, 60, true);
        Path ckpt = pretrain(data, "cae", "2");
        Path probeRun = dir.resolve("probe");
        Cli.Run p = Cli.run("cae", "probe", "--mode", "attentive", "--checkpoint", ckpt.toString(),
                "--data", data.toString(), "--epochs", "1", "--warmup-epochs", "0", "--batch-size", "10", "--out",
                probeRun.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(Files.isRegularFile(probeRun.resolve("probe.pth")), p.out());

        Path tsne = dir.resolve("tsne");
        Cli.Run t = Cli.run("cae", "analyze", "tsne", "--checkpoint", ckpt.toString(),
                "--random-init", "--samples", "40", "--perplexity", "5", "--iterations", "100", "--data", data.toString(),
                "--out", tsne.toString());
        assertEquals(0, t.code(), t.err());
        // One row per (encoder, feature): pretrained and random init, cls and patch mean.
        Matcher row = Pattern.compile("\\| (pretrained|random init) \\| [^|]+ \\| ([0-9.]+)% \\| ([0-9.]+)% \\|").matcher(t.out());
        int rows = 0;
        while (row.find()) {
            rows++;
            double acc = Double.parseDouble(row.group(2));
            assertTrue(acc >= 0 && acc <= 100, t.out());
        }
        assertEquals(4, rows, t.out());
        assertEquals(5, Files.readAllLines(tsne.resolve("tsne.csv")).size());
        BufferedImage cls = ImageIO.read(tsne.resolve("tsne-cls.png").toFile());
        BufferedImage patch = ImageIO.read(tsne.resolve("tsne-patch.png").toFile());
        assertEquals(cls.getWidth(), patch.getWidth());
        assertTrue(cls.getWidth() > 2 * 440, "two panels side by side: " + cls.getWidth());

        Path attn = dir.resolve("attn");
        Cli.Run a = Cli.run("cae", "analyze", "attention", "--checkpoint", ckpt.toString(),
                "--probe", probeRun.resolve("probe.pth").toString(), "--count", "4", "--data", data.toString(),
                "--out", attn.toString());
        assertEquals(0, a.code(), a.err());
        Matcher sets = Pattern.compile("encoder last block \\(cls\\) ([0-9.]+) of 16 patches; attentive probe query ([0-9.]+) of 16")
                .matcher(a.out());
        assertTrue(sets.find(), a.out());
        // Half the mass needs at least 1 and at most 9 of 16 patches (8 when uniform, 9 by rounding at worst).
        assertTrue(Double.parseDouble(sets.group(1)) >= 1 && Double.parseDouble(sets.group(1)) <= 16, a.out());
        assertEquals(3 * (28 * 8 + 6) + 6, ImageIO.read(attn.resolve("attention.png").toFile()).getWidth());

        Cli.Run linearProbe = Cli.run("cae", "analyze", "attention", "--checkpoint", ckpt.toString(),
                "--probe", ckpt.toString(), "--data", data.toString(), "--out", attn.toString());
        assertEquals(1, linearProbe.code());
        assertTrue(linearProbe.err().contains("records no probe configuration"), linearProbe.err());
        Cli.Run few = Cli.run("cae", "analyze", "tsne", "--checkpoint", ckpt.toString(),
                "--samples", "20", "--data", data.toString(), "--out", tsne.toString());
        assertEquals(1, few.code());
        assertTrue(few.err().contains("perplexity 30.0 needs more than 90 samples"), few.err());
    }
}
