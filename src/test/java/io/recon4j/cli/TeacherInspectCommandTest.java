package io.recon4j.cli;

import static io.recon4j.cli.Cli.run;
import static io.recon4j.cli.TeacherCommandsTest.dataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recon teacher inspect on a few shapes: with the ImageNet MobileNetV2 of ../shared/teachers, and its input checks. */
@Tag("cli")
@Tag("shared")
class TeacherInspectCommandTest {

    static final Path TEACHERS = Path.of("../shared/teachers");

    @Test
    void inspectsTheImageNetTeacherOnAFewShapes(@TempDir Path dir) throws IOException {
        Path features = TEACHERS.resolve("mobilenetv2-12-int8-features.onnx");
        Path logits = TEACHERS.resolve("mobilenetv2-12-int8.onnx");
        assumeTrue(Files.isRegularFile(features) && Files.isRegularFile(logits), TEACHERS + " not present: skipping");
        Path data = dataset(dir.resolve("data"));
        Path out = dir.resolve("inspect");
        Cli.Run r = run(List.of("teacher", "inspect", "--img-teacher", "onnx:" + features, "--classifier",
                "onnx:" + logits, "--data", data.toString(), "--limit", "6", "--per-class", "1", "--img-views", "2",
                "--img-renders", "depth,shaded", "--cache", dir.resolve("cache").toString(), "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("depth: mean |x|") && r.out().contains("shaded: mean |x|"), r.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| depth | 2 | 6 |") && md.contains("| shaded | 2 | 6 |"), md);
        // the report names both int8 graphs with the CPU path their numbers depend on
        assertTrue(md.contains("Teacher `onnx:mobilenetv2-12-int8-features.onnx@") && md.contains("; classifier `onnx:mobilenetv2-12-int8.onnx@")
                && md.split("\\|int8=", -1).length == 3, md);
        // chairs and tables have related ImageNet labels, lamps too: every subset shape is scored
        assertTrue(md.contains("of 6 |"), md);
        assertTrue(md.contains("| chair `chair_0000` |") && md.contains("| table `"), md);
        BufferedImage sheet = ImageIO.read(out.resolve("sheet.png").toFile());
        assertTrue(sheet.getHeight() >= 3 * 128 && sheet.getWidth() >= 2 * (128 + 200), sheet.getWidth() + "x" + sheet.getHeight());
    }

    @Test
    void refusesMissingTeacherAndUnknownRenderMode(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("data"));
        Cli.Run none = run(List.of("teacher", "inspect", "--data", data.toString(), "--out", dir.toString()));
        assertEquals(1, none.code());
        assertTrue(none.err().contains("--img-teacher is required"), none.err());
        Cli.Run badMode = run(List.of("teacher", "inspect", "--img-teacher", "onnx:" + dir.resolve("x.onnx"),
                "--data", data.toString(), "--img-renders", "depth,glossy", "--out", dir.toString()));
        assertEquals(1, badMode.code());
        assertTrue(badMode.err().contains("got 'glossy'"), "the mode is checked before the model is loaded: " + badMode.err());
        Cli.Run bad = run(List.of("pretrain", "--data", data.toString(), "--img-render", "wireframe",
                "--out", dir.resolve("run").toString()));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("render mode must be depth, silhouette, shaded or mesh, got 'wireframe'"), bad.err());
    }
}
