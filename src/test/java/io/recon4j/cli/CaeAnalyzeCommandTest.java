package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.image.IdxFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon cae analyze shortcut} on two CAEs trained with and without the alignment loss. */
class CaeAnalyzeCommandTest {

    @TempDir
    Path dir;

    private Path pretrain(Path data, String name, String alignWeight) {
        Path out = dir.resolve(name);
        EvalCommandsTest.Run r = EvalCommandsTest.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--batch-size", "10", "--align-weight", alignWeight, "--out", out.toString());
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
        EvalCommandsTest.Run r = EvalCommandsTest.run("cae", "analyze", "shortcut", "--checkpoint", aligned + "," + unaligned,
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

        EvalCommandsTest.Run bad = EvalCommandsTest.run("cae", "analyze", "shortcut", "--checkpoint",
                dir.resolve("missing.pth").toString(), "--data", data.toString(), "--out", png.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("missing.pth: no such file"), bad.err());
        EvalCommandsTest.Run badAlign = EvalCommandsTest.run("cae", "pretrain", "--data", data.toString(), "--size", "nano",
                "--epochs", "1", "--align-weight", "-1", "--out", dir.resolve("neg").toString());
        assertEquals(1, badAlign.code());
        assertTrue(badAlign.err().contains("alignment weight must be finite and >= 0"), badAlign.err());
    }
}
