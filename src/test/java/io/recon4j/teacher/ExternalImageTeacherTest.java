package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External image teachers on tiny ONNX and TorchScript models that the tests write by hand. */
@Tag("fast")
class ExternalImageTeacherTest {

    static final int SIZE = 8;
    static final int DIM = 5;
    static final ImageInput INPUT = new ImageInput(SIZE, 3, new float[] {0.1f, 0.2f, 0.3f}, new float[] {0.5f, 0.25f, 2f});

    static List<DepthImage> views(int n) throws IOException {
        return new DepthRenderer(RenderConfig.of(SIZE, n)).render(
                ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 0)).get(2).points());
    }

    /** The model's arithmetic in plain Java: mean over views of normalise(view) · W. */
    static float[] expected(List<DepthImage> views, float[] w) {
        int in = 3 * SIZE * SIZE;
        float[] out = new float[DIM];
        for (DepthImage v : views) {
            float[] x = INPUT.toChw(v);
            for (int j = 0; j < DIM; j++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[i] * w[i * DIM + j];
                }
                out[j] += (float) (s / views.size());
            }
        }
        return out;
    }

    @Test
    void runsAHandWrittenOnnxModelWithDynamicAndFixedBatch(@TempDir Path dir) throws IOException {
        float[] w = OnnxModels.weights(3 * SIZE * SIZE, DIM, 1);
        Path dynamic = OnnxModels.writeLinear(dir.resolve("dynamic.onnx"), -1, 3, SIZE, DIM, w);
        Path fixed = OnnxModels.writeLinear(dir.resolve("fixed.onnx"), 1, 3, SIZE, DIM, w);
        List<DepthImage> views = views(3);
        float[] want = expected(views, w);
        try (OnnxImageTeacher a = OnnxImageTeacher.load(dynamic, INPUT, DIM);
             OnnxImageTeacher b = OnnxImageTeacher.load(fixed, INPUT, DIM)) {
            assertEquals(DIM, a.dimension());
            assertArrayEquals(want, a.embed(views), 1e-3f);
            assertArrayEquals(want, b.embed(views), 1e-3f);
            assertArrayEquals(a.embed(views), a.embed(views), 0f, "deterministic");
            assertTrue(a.identity().startsWith("onnx:dynamic.onnx@"), a.identity());
        }
    }

    @Test
    void identityFollowsTheFileContent(@TempDir Path dir) throws IOException {
        Path f = OnnxModels.writeLinear(dir.resolve("t.onnx"), -1, 3, SIZE, DIM, OnnxModels.weights(3 * SIZE * SIZE, DIM, 1));
        String before;
        try (OnnxImageTeacher t = OnnxImageTeacher.load(f, INPUT, DIM)) {
            before = t.identity();
        }
        OnnxModels.writeLinear(f, -1, 3, SIZE, DIM, OnnxModels.weights(3 * SIZE * SIZE, DIM, 2));
        try (OnnxImageTeacher t = OnnxImageTeacher.load(f, INPUT, DIM)) {
            assertNotEquals(before, t.identity(), "new weights, new cache identity");
        }
    }

    @Test
    void wrongDeclaredDimensionOrImageSizeIsReportedWithTheFile(@TempDir Path dir) throws IOException {
        Path f = OnnxModels.writeLinear(dir.resolve("t.onnx"), -1, 3, SIZE, DIM, OnnxModels.weights(3 * SIZE * SIZE, DIM, 1));
        try (OnnxImageTeacher t = OnnxImageTeacher.load(f, INPUT, DIM + 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.embed(views(1)));
            assertTrue(e.getMessage().contains("t.onnx") && e.getMessage().contains("[1, 5]")
                    && e.getMessage().contains("declared output dimension is 6"), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> OnnxImageTeacher.load(f, ImageInput.imagenet(16), DIM));
        assertTrue(e.getMessage().contains("t.onnx") && e.getMessage().contains("expected (N, 3, 16, 16)"), e.getMessage());
    }

    @Test
    void missingOrBrokenFilesFailClearly(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.onnx");
        assertThrows(NoSuchFileException.class, () -> OnnxImageTeacher.load(missing, INPUT, DIM));
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "this is not protobuf");
        IOException e = assertThrows(IOException.class, () -> OnnxImageTeacher.load(junk, INPUT, DIM));
        assertTrue(e.getMessage().contains("junk.onnx") && e.getMessage().contains("not a loadable ONNX model"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OnnxImageTeacher.load(junk, INPUT, -1));
        // 0 asks the model for its width: a broken file still fails as unloadable
        assertThrows(IOException.class, () -> OnnxImageTeacher.load(junk, INPUT, 0));
    }

    @Test
    void outputWidthZeroIsReadFromTheModel(@TempDir Path dir) throws IOException {
        Path f = OnnxModels.writeLinear(dir.resolve("w.onnx"), -1, 3, SIZE, DIM, OnnxModels.weights(3 * SIZE * SIZE, DIM, 2));
        try (OnnxImageTeacher t = OnnxImageTeacher.load(f, INPUT, 0)) {
            assertEquals(DIM, t.dimension());
            assertEquals(DIM, t.embed(views(2)).length);
        }
    }

    @Test
    void runsAHandWrittenTorchScriptModule(@TempDir Path dir) throws IOException {
        float[] w = OnnxModels.weights(3 * SIZE * SIZE, DIM, 3);
        Path f = TorchScriptModels.writeLinear(dir.resolve("tiny.pt"), 3 * SIZE * SIZE, DIM, w);
        List<DepthImage> views = views(3);
        try (TorchScriptImageTeacher t = TorchScriptImageTeacher.load(f, INPUT, DIM)) {
            assertArrayEquals(expected(views, w), t.embed(views), 1e-3f);
            assertArrayEquals(expected(views.subList(0, 1), w), t.embed(views.subList(0, 1)), 1e-3f);
            assertTrue(t.identity().startsWith("torchscript:tiny.pt@"), t.identity());
        }
        try (TorchScriptImageTeacher t = TorchScriptImageTeacher.load(f, INPUT, DIM + 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.embed(views));
            assertTrue(e.getMessage().contains("tiny.pt") && e.getMessage().contains("declared output dimension is 7"),
                    e.getMessage());
        }
    }

    @Test
    void torchScriptTeacherReportsMissingAndInvalidFiles(@TempDir Path dir) throws IOException {
        assertThrows(NoSuchFileException.class, () -> TorchScriptImageTeacher.load(dir.resolve("nope.pt"), INPUT, DIM));
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a zip");
        IOException e = assertThrows(IOException.class, () -> TorchScriptImageTeacher.load(junk, INPUT, DIM));
        assertTrue(e.getMessage().contains("junk.pt") && e.getMessage().contains("not a loadable TorchScript module"),
                e.getMessage());
    }

    @Test
    void teacherSpecsResolveToTheRightImplementation(@TempDir Path dir) throws IOException {
        Path f = OnnxModels.writeLinear(dir.resolve("t.onnx"), -1, 3, SIZE, DIM, OnnxModels.weights(3 * SIZE * SIZE, DIM, 1));
        assertEquals(null, Teachers.image("none", INPUT, DIM));
        try (ImageTeacher t = Teachers.image("onnx:" + f, INPUT, DIM)) {
            assertTrue(t instanceof OnnxImageTeacher);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Teachers.image("vit:x", INPUT, DIM));
        assertTrue(e.getMessage().contains("onnx:FILE") && e.getMessage().contains("torchscript:FILE"), e.getMessage());
        Teachers.registerImage("fake-test", (arg, in, d) -> new ImageTeacher() {
            @Override
            public ImageInput input() {
                return in;
            }

            @Override
            public float[] embed(List<DepthImage> views) {
                return new float[d];
            }

            @Override
            public String identity() {
                return "fake:" + arg;
            }

            @Override
            public int dimension() {
                return d;
            }
        });
        assertEquals("fake:abc", Teachers.image("fake-test:abc", INPUT, 3).identity());
        assertEquals(null, Teachers.text("none"));
        assertThrows(IllegalArgumentException.class, () -> Teachers.text("clip"));
    }
}
