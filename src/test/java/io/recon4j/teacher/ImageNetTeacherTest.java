package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.recon4j.data.ModelNetDataset;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.data.Split;
import io.recon4j.data.Transforms;
import io.recon4j.data.ZUpDataset;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageNet MobileNetV2 of ../shared/teachers on real ModelNet10 renders: widths read from the model, ImageNet
 * normalisation, the mean over views, the feature cache keyed by render mode, and the measured top-5 of chairs.
 * Skipped, with a message, when ../shared (teachers or data) is absent.
 */
@Tag("shared")
class ImageNetTeacherTest {

    static final Path TEACHERS = Path.of("../shared/teachers");
    static final Path FEATURES = TEACHERS.resolve("mobilenetv2-12-int8-features.onnx");
    static final Path LOGITS = TEACHERS.resolve("mobilenetv2-12-int8.onnx");
    static final Path LABELS = TEACHERS.resolve("imagenet-classes.txt");
    static final Path MODELNET10 = Path.of("../shared/data/modelnet10");

    static void assumeShared() {
        assumeTrue(Files.isRegularFile(FEATURES) && Files.isRegularFile(LOGITS) && Files.isRegularFile(LABELS),
                TEACHERS + " (the ImageNet MobileNetV2) not present: skipping");
        assumeTrue(Files.isDirectory(MODELNET10), MODELNET10 + " not present: skipping");
    }

    /** @return {@code count} chairs of the ModelNet10 training split, turned y-up */
    static PointCloudDataset chairs(int count) throws IOException {
        PointCloudDataset all = ZUpDataset.of(ModelNetDataset.builder(MODELNET10).split(Split.TRAIN).build());
        int first = -1;
        for (int i = 0; i < all.size() && first < 0; i++) {
            first = all.classNames().get(all.labelOf(i)).equals("chair") ? i : -1;
        }
        int from = first;
        return new PointCloudDataset() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public Sample get(int index) throws IOException {
                // every 40th chair: different models, not near-duplicates
                return all.get(from + 40 * index);
            }

            @Override
            public List<String> classNames() {
                return all.classNames();
            }

            @Override
            public String name() {
                return "modelnet10-chairs-test";
            }
        };
    }

    static List<DepthImage> views(RenderConfig.Mode mode, int views) throws IOException {
        return new DepthRenderer(RenderConfig.of(224, views).withMode(mode))
                .render(Transforms.normalize(chairs(1).get(0).points()));
    }

    @Test
    void widthsComeFromTheModelAndImageNetNormalisationIsApplied() throws IOException, OrtException {
        assumeShared();
        List<DepthImage> one = views(RenderConfig.Mode.SHADED, 1);
        try (OnnxImageTeacher features = OnnxImageTeacher.load(FEATURES, ImageInput.imagenet(224), 0);
             OnnxImageTeacher logits = OnnxImageTeacher.load(LOGITS, ImageInput.imagenet(224), 0);
             OnnxImageTeacher raw = OnnxImageTeacher.load(FEATURES, new ImageInput(224, 3, new float[3],
                     new float[] {1, 1, 1}), 0)) {
            assertEquals(1280, features.dimension());
            assertEquals(1000, logits.dimension());
            // both graphs are int8: their outputs depend on the CPU's int8 path, so the cache key names it
            assertTrue(features.identity().endsWith("|int8=" + Int8Arithmetic.here()), features.identity());
            assertTrue(logits.identity().endsWith("|int8=" + Int8Arithmetic.here()), logits.identity());
            float[] f = features.embed(one);
            assertEquals(1280, f.length);
            // the same graph run by hand on (grey − mean[c]) / std[c] repeated on the channels
            float[] x = new float[3 * 224 * 224];
            float[] mean = ImageInput.IMAGENET_MEAN;
            float[] std = ImageInput.IMAGENET_STD;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 224 * 224; i++) {
                    x[c * 224 * 224 + i] = (one.get(0).pixels()[i] - mean[c]) / std[c];
                }
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(FEATURES.toString(), new OrtSession.SessionOptions());
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, 224, 224});
                 OrtSession.Result r = s.run(Map.of("input", t))) {
                assertArrayEquals(((float[][]) r.get(0).getValue())[0], f, 1e-5f);
            }
            float[] unnormalised = raw.embed(one);
            double diff = 0;
            for (int i = 0; i < f.length; i++) {
                diff += Math.abs(f[i] - unnormalised[i]);
            }
            assertTrue(diff / f.length > 0.01, "normalisation changes the features: mean |diff| " + diff / f.length);
            assertNotEquals(features.identity(), raw.identity());
        }
    }

    @Test
    void theFeatureOfSeveralViewsIsTheMeanOfTheViewsFeatures() throws IOException {
        assumeShared();
        List<DepthImage> four = views(RenderConfig.Mode.SHADED, 4);
        try (OnnxImageTeacher t = OnnxImageTeacher.load(FEATURES, ImageInput.imagenet(224), 0)) {
            float[] all = t.embed(four);
            float[] mean = new float[t.dimension()];
            for (DepthImage v : four) {
                float[] f = t.embed(List.of(v));
                for (int i = 0; i < f.length; i++) {
                    mean[i] += f[i] / four.size();
                }
            }
            assertArrayEquals(mean, all, 1e-4f);
            assertTrue(!java.util.Arrays.equals(all, t.embed(four.subList(0, 1))), "views differ");
        }
    }

    @Test
    void realRendersAreNonBlankAndTheCacheKeysOnTheRenderMode(@TempDir Path dir) throws IOException {
        assumeShared();
        for (RenderConfig.Mode m : List.of(RenderConfig.Mode.DEPTH, RenderConfig.Mode.SILHOUETTE, RenderConfig.Mode.SHADED)) {
            DepthImage v = views(m, 1).get(0);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float p : v.pixels()) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            assertTrue(max - min > 0.5f, m + " render is not blank: " + min + ".." + max);
        }
        PointCloudDataset three = chairs(3);
        FeatureCache cache = FeatureCache.at(dir);
        try (OnnxImageTeacher t = OnnxImageTeacher.load(FEATURES, ImageInput.imagenet(224), 0)) {
            RenderConfig shaded = RenderConfig.of(224, 2).withMode(RenderConfig.Mode.SHADED);
            DistillationTargets a = DistillationTargets.prepare(three, null, t, shaded, cache);
            assertEquals(new FeatureCache.Stats(0, 3, 0), cache.stats());
            DistillationTargets b = DistillationTargets.prepare(three, null, t, shaded, cache);
            assertEquals(new FeatureCache.Stats(3, 3, 0), cache.stats(), "second pass: every shape from the cache");
            assertArrayEquals(a.imageFeature(2), b.imageFeature(2), 0f);
            DistillationTargets c = DistillationTargets.prepare(three, null, t, shaded.withMode(RenderConfig.Mode.DEPTH), cache);
            assertEquals(new FeatureCache.Stats(3, 6, 0), cache.stats(), "another render mode misses");
            assertTrue(!java.util.Arrays.equals(a.imageFeature(0), c.imageFeature(0)), "depth and shaded features differ");
            assertTrue(a.imageSpread().relative() > 0.05, "a real teacher's features vary: " + a.imageSpread());
        }
    }

    @Test
    void meshRendersReachTheTeacherAndPointFilesAreRefusedClearly(@TempDir Path dir) throws IOException {
        assumeShared();
        PointCloudDataset boxes = new PointCloudDataset() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public Sample get(int index) {
                return new Sample(Transforms.normalize(io.recon4j.render.MeshRendererTestAccess.cube(1 + index).vertices()), 0,
                        "box" + index);
            }

            @Override
            public java.util.Optional<io.recon4j.cloud.Mesh> mesh(int index) {
                return java.util.Optional.of(io.recon4j.render.MeshRendererTestAccess.cube(1 + index));
            }

            @Override
            public List<String> classNames() {
                return List.of("box");
            }

            @Override
            public String name() {
                return "boxes";
            }
        };
        RenderConfig mesh = RenderConfig.of(224, 1).withMode(RenderConfig.Mode.MESH);
        try (OnnxImageTeacher t = OnnxImageTeacher.load(FEATURES, ImageInput.imagenet(224), 0)) {
            DistillationTargets d = DistillationTargets.prepare(boxes, null, t, mesh, FeatureCache.at(dir));
            assertTrue(!java.util.Arrays.equals(d.imageFeature(0), d.imageFeature(1)), "a cube and a flat box differ");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistillationTargets.prepare(chairs(1), null, t, mesh, FeatureCache.at(dir)));
            assertTrue(e.getMessage().contains("without faces"), e.getMessage());
        }
    }

    @Test
    void chairsTopFiveIsMeasured() throws IOException {
        assumeShared();
        PointCloudDataset chairs = chairs(8);
        ClassLabels labels = ClassLabels.read(LABELS);
        assertEquals(1000, labels.size());
        assertEquals("airliner", labels.name(404));
        RelatedLabels related = RelatedLabels.modelNet();
        try (OnnxImageTeacher t = OnnxImageTeacher.load(LOGITS, ImageInput.imagenet(224), 0)) {
            DepthRenderer r = new DepthRenderer(RenderConfig.of(224, 4).withMode(RenderConfig.Mode.SHADED));
            int hits = 0;
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < chairs.size(); i++) {
                List<ClassLabels.Prediction> top = labels.top(t.embed(r.render(Transforms.normalize(chairs.get(i).points()))), 5);
                assertEquals(5, top.stream().map(ClassLabels.Prediction::index).distinct().count());
                for (int k = 1; k < 5; k++) {
                    assertTrue(top.get(k).probability() <= top.get(k - 1).probability(), "ranked: " + top);
                }
                hits += top.stream().anyMatch(p -> related.related("chair", p.label())) ? 1 : 0;
                seen.append(top.get(0).label()).append("; ");
            }
            // Measured, not asserted to a label: the rate is printed for the record (docs/teachers.md has the full table).
            System.out.printf("ImageNet MobileNetV2 on %d shaded ModelNet10 chairs: a chair label in the top-5 for %d; top-1s: %s%n",
                    chairs.size(), hits, seen);
            assertTrue(hits >= 0 && hits <= chairs.size());
        }
    }
}
