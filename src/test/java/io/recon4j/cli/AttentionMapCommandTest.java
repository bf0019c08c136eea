package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon analyze attention-map}: outputs, --near, and refusals before any work. */
@Tag("cli")
class AttentionMapCommandTest {

    private static final ReconConfig SMALL = new ReconConfig(32, 2, 2, 1, 2, 8, 8, 64, 0.6f, 0f);
    private static final String[] SIZE = {"--trans-dim", "32", "--depth", "2", "--heads", "2", "--groups", "8", "--group-size", "8",
        "--points", "64"};

    private static Path checkpoint(Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(SMALL).setClasses(5).build();
            model.initialize(m);
            Path file = dir.resolve("model.pth");
            Weights.save(model, file);
            return file;
        }
    }

    /** A z-up cloud far from the origin and large (as raw ModelNet): 300 points, x·40 + 100 etc. */
    private static float[] rawCloud() {
        Random r = new Random(4);
        float[] x = new float[300 * 3];
        for (int i = 0; i < 300; i++) {
            x[3 * i] = (float) (r.nextGaussian() * 40 + 100);
            x[3 * i + 1] = (float) (r.nextGaussian() * 20 - 50);
            x[3 * i + 2] = (float) (r.nextGaussian() * 30 + 7);
        }
        return x;
    }

    private static Path xyzFile(Path dir, float[] x) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < x.length / 3; i++) {
            lines.add(String.format(Locale.ROOT, "%.6f %.6f %.6f", x[3 * i], x[3 * i + 1], x[3 * i + 2]));
        }
        return Files.write(dir.resolve("cloud.xyz"), lines);
    }

    private static Cli.Run map(Path ckpt, Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "attention-map", "--checkpoint", ckpt.toString(), "--input",
                input.toString(), "--out", out.toString(), "--up", "z"));
        args.addAll(List.of(SIZE));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void writesPictureHtmlAndWeightsAndNearPicksTheNearestCentre(@TempDir Path dir) throws IOException {
        Path ckpt = checkpoint(dir);
        float[] raw = rawCloud();
        Path input = xyzFile(dir, raw);
        Cli.Run r = map(ckpt, input, dir.resolve("tok"), "--token", "3", "--layer", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("local token 3, layer 1 (flat/blocks/blocks_0/attn)"), r.out());
        assertTrue(Files.size(dir.resolve("tok/attention-map.png")) > 5000);
        String html = Files.readString(dir.resolve("tok/attention-map.html"));
        assertTrue(html.contains("window.RECON_THREE") && html.contains("OrbitControls") && !html.contains("src=\"http"),
                "three.js inline, nothing fetched");
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("tok/attention-map.json"))).getAsJsonObject();
        assertEquals(3, json.get("token").getAsInt());
        assertEquals(1, json.get("layer").getAsInt());
        var centers = json.getAsJsonArray("centers");
        var weights = json.getAsJsonArray("patch_weights");
        double sum = 0;
        for (var w : weights) {
            sum += w.getAsDouble();
        }
        assertEquals(1, sum, 1e-4);

        // Centre 5 in the model's frame (normalised, y-up), taken back to the file's z-up frame: pc_norm inverted.
        double[] c = new double[3];
        for (int i = 0; i < 300; i++) {
            for (int a = 0; a < 3; a++) {
                c[a] += raw[3 * i + a] / 300.0;
            }
        }
        double radius = 0;
        for (int i = 0; i < 300; i++) {
            double d = 0;
            for (int a = 0; a < 3; a++) {
                d += (raw[3 * i + a] - c[a]) * (raw[3 * i + a] - c[a]);
            }
            radius = Math.max(radius, Math.sqrt(d));
        }
        double mx = centers.get(15).getAsDouble();
        double my = centers.get(16).getAsDouble();
        double mz = centers.get(17).getAsDouble();
        // y-up (x, y, z) came from z-up (x, z, -y): file x = mx, file y = -mz, file z = my.
        String near = String.format(Locale.ROOT, "%.5f,%.5f,%.5f", mx * radius + c[0], -mz * radius + c[1], my * radius + c[2]);
        Cli.Run n = map(ckpt, input, dir.resolve("near"), "--near", near);
        assertEquals(0, n.code(), n.err());
        assertTrue(n.out().contains("nearest patch centre is token 5"), n.out());
        JsonObject nj = JsonParser.parseString(Files.readString(dir.resolve("near/attention-map.json"))).getAsJsonObject();
        assertEquals(5, nj.get("token").getAsInt());
        assertEquals(2, nj.get("layer").getAsInt(), "default: the last layer");

        Cli.Run q = map(ckpt, input, dir.resolve("q"), "--query", "text");
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("text query, layer 2 (flat/blocks/blocks_1/attn_contrast)"), q.out());
    }

    @Test
    void badTokenLayerOrQueryIsRefusedBeforeAnyWork(@TempDir Path dir) {
        // The checkpoint and input do not exist: a refusal that names them would mean work had started.
        Path none = dir.resolve("missing.pth");
        Path noInput = dir.resolve("missing.xyz");
        Cli.Run t = map(none, noInput, dir.resolve("o"), "--token", "8");
        assertEquals(1, t.code());
        assertTrue(t.err().contains("--token 8 is outside 0..7 (the model has 8 patches)"), t.err());
        Cli.Run l = map(none, noInput, dir.resolve("o"), "--layer", "3");
        assertEquals(1, l.code());
        assertTrue(l.err().contains("--layer 3 is outside 1..2"), l.err());
        Cli.Run l0 = map(none, noInput, dir.resolve("o"), "--layer", "0");
        assertEquals(1, l0.code());
        assertTrue(l0.err().contains("--layer 0 is outside 1..2"), l0.err());
        Cli.Run q = map(none, noInput, dir.resolve("o"), "--query", "image");
        assertEquals(1, q.code());
        assertTrue(q.err().contains("--query must be one of img, text, cls; got 'image'"), q.err());
        Cli.Run both = map(none, noInput, dir.resolve("o"), "--query", "img", "--token", "1");
        assertTrue(both.code() != 0 && both.err().contains("mutually exclusive"), both.err());
        assertFalse(Files.exists(dir.resolve("o")), "nothing written");
    }
}
