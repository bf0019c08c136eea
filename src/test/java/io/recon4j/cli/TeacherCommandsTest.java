package io.recon4j.cli;

import static io.recon4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PcdWriter;
import io.recon4j.data.Sample;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.protocol.TestPredictions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recon pretrain (with the text teacher and SMC) → recon zeroshot, and recon render, end to end on a tiny folder. */
@Tag("cli")
@Tag("train")
class TeacherCommandsTest {

    static final List<String> TINY_MODEL = List.of("--trans-dim", "32", "--depth", "1", "--heads", "2", "--decoder-depth", "1",
            "--groups", "8", "--group-size", "8", "--points", "64");

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A ModelNet-style folder {@code <class>/{train,test}/<class>_NNNN.pcd} of three procedural categories. */
    static Path dataset(Path root) throws IOException {
        ProceduralShapes src = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(6, 0).withNumPoints(200));
        for (String cls : List.of("chair", "lamp", "table")) {
            int label = src.classNames().indexOf(cls);
            for (int i = 0; i < 6; i++) {
                Sample s = src.get(label * 6 + i);
                Path dir = root.resolve(cls).resolve(i < 4 ? "train" : "test");
                Files.createDirectories(dir);
                PcdWriter.write(dir.resolve(String.format("%s_%04d.pcd", cls, i)), s.points(), PcdWriter.Encoding.BINARY);
            }
        }
        return root;
    }

    @Test
    void pretrainWithTextTeacherThenZeroShot(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("data"));
        Path run = dir.resolve("run");
        Path cache = dir.resolve("cache");
        Cli.Run p = run(concat(List.of("pretrain", "--data", data.toString(), "--epochs", "1", "--batch-size", "4", "--warmup", "0",
                "--lr", "2e-3", "--smc", "--cache", cache.toString(), "--out", run.toString()), TINY_MODEL));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("ReCon: text teacher 384-d, image teacher none, SMC on"), p.out());
        assertTrue(Files.exists(run.resolve("pretrained.pth")));
        String log = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(log.contains("\"csc_text\"") && log.contains("\"smc\"") && log.contains("\"mdm\""), log.substring(0, 300));

        Cli.Run z = run(concat(List.of("zeroshot", "--weights", run.resolve("pretrained.pth").toString(), "--data", data.toString(),
                "--cache", cache.toString(), "--batch-size", "4", "--predictions", dir.resolve("zs/predictions.json").toString()),
                TINY_MODEL));
        assertEquals(0, z.code(), z.err());
        assertTrue(z.out().matches("(?s)zero-shot \\(text\\) on .*: 6 shapes, 3 classes: top-1 (\\d+\\.\\d\\d)%, top-5 100\\.00%\\n"
                + "names given / true: chair \\d/2, lamp \\d/2, table \\d/2\\npredictions: .*predictions.json\\n"), z.out());
        // The per-shape file agrees with the printed accuracy and counts, shape by shape.
        TestPredictions zp = TestPredictions.read(dir.resolve("zs/predictions.json"));
        assertEquals(List.of("text"), zp.columns());
        assertEquals(List.of("chair_0004", "chair_0005", "lamp_0004", "lamp_0005", "table_0004", "table_0005"), zp.ids());
        java.util.regex.Matcher top1 = java.util.regex.Pattern.compile("top-1 (\\d+\\.\\d\\d)%").matcher(z.out());
        assertTrue(top1.find());
        assertEquals(Double.parseDouble(top1.group(1)), zp.accuracy("text"), 0.01);
        for (String cls : List.of("chair", "lamp", "table")) {
            int c = zp.classes().indexOf(cls);
            long given = java.util.Arrays.stream(zp.predictions().get("text")).filter(x -> x == c).count();
            assertTrue(z.out().contains(cls + " " + given + "/2"), z.out());
        }

        Cli.Run noText = run(concat(List.of("zeroshot", "--weights", run.resolve("pretrained.pth").toString(), "--data",
                data.toString(), "--text-teacher", "none"), TINY_MODEL));
        assertEquals(1, noText.code());
        assertTrue(noText.err().contains("needs the text teacher"), noText.err());
        Cli.Run noImg = run(concat(List.of("zeroshot", "--weights", run.resolve("pretrained.pth").toString(), "--data",
                data.toString(), "--type", "image", "--cache", cache.toString()), TINY_MODEL));
        assertEquals(1, noImg.code());
        assertTrue(noImg.err().contains("no img_proj"), noImg.err());
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, "tench\ngoldfish\nshark\n");
        Cli.Run noBridge = run(concat(List.of("zeroshot", "--weights", run.resolve("pretrained.pth").toString(), "--data",
                data.toString(), "--bridge-labels", labels.toString(), "--cache", cache.toString()), TINY_MODEL));
        assertEquals(1, noBridge.code());
        assertTrue(noBridge.err().contains("--bridge-labels reads the image query as logits over the 3 labels"), noBridge.err());
    }

    @Test
    void upZTurnsTheDataYUpAndRefusesASecondTurnForRendering(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("data"));
        Cli.Run p = run(concat(List.of("pretrain", "--data", data.toString(), "--up", "z", "--epochs", "1", "--batch-size", "4",
                "--warmup", "0", "--text-teacher", "none", "--out", dir.resolve("run").toString()), TINY_MODEL));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("(z-up->y-up)"), p.out());
        Cli.Run twice = run(concat(List.of("pretrain", "--data", data.toString(), "--up", "z", "--img-up", "z", "--epochs", "1",
                "--out", dir.resolve("run2").toString()), TINY_MODEL));
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("--up z already turns the clouds y-up"), twice.err());
        Cli.Run bad = run(List.of("svm", "--data", data.toString(), "--up", "x"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("up axis must be y or z, got 'x'"), bad.err());
    }

    @Test
    void missingImageTeacherFileFailsWithItsName(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("data"));
        Cli.Run p = run(concat(List.of("pretrain", "--data", data.toString(), "--epochs", "1", "--batch-size", "4",
                "--text-teacher", "none", "--img-teacher", "onnx:" + dir.resolve("vit.onnx"), "--img-dim", "768",
                "--out", dir.resolve("run").toString()), TINY_MODEL));
        assertEquals(1, p.code());
        assertTrue(p.err().contains("vit.onnx") && p.err().contains("not found"), p.err());
    }

    @Test
    void renderWritesAPngOfTheViews(@TempDir Path dir) throws IOException {
        Path data = dataset(dir.resolve("data"));
        Path png = dir.resolve("chair.png");
        Cli.Run r = run(List.of("render", data.resolve("chair/train/chair_0000.pcd").toString(), "--out", png.toString(),
                "--views", "3", "--image-size", "64"));
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 64 + 2 * 2, img.getWidth());
        assertEquals(64, img.getHeight());
        assertTrue(r.out().contains("200 points -> 3 views of 64x64 (depth)"), r.out());
        Cli.Run bad = run(List.of("render", data.resolve("chair/train/chair_0000.pcd").toString(), "--out", png.toString(),
                "--up", "x"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("up axis must be y or z"), bad.err());
    }
}
