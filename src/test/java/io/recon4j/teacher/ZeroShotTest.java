package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;
import io.recon4j.model.HeadType;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-shot: class embeddings, cosine scoring with top-1/top-5, and the model built from a pretraining checkpoint. */
@Tag("fast")
class ZeroShotTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);

    @Test
    void scoresByCosineNotByDotProduct() {
        // Class 1 has a huge norm: the dot product would pick it, the cosine picks class 0.
        float[][] classes = {{1, 0}, {100, 100}, {-1, 0}};
        float[] feature = {1, 0.1f};
        assertArrayEquals(new int[] {0, 1, 2}, ZeroShot.rank(feature, classes));
        ZeroShot.Result r = ZeroShot.score(new float[][] {feature, {-1, -0.2f}, {0.5f, 0.6f}}, classes, new int[] {0, 1, 1});
        assertEquals(3, r.samples());
        assertArrayEquals(new int[] {0, 2, 1}, r.predictions());
        assertEquals(2, r.top1Correct());
        assertEquals(3, r.top5Correct(), "with 3 classes every label is in the top five");
        assertEquals(200.0 / 3, r.top1(), 1e-9);
    }

    @Test
    void topFiveCountsTheTrueClassAmongTheBestFive() {
        // Eight classes on a circle; the feature sits between classes 0 and 1, the label is 3rd, 5th or 7th nearest.
        float[][] classes = new float[8][];
        for (int c = 0; c < 8; c++) {
            classes[c] = new float[] {(float) Math.cos(c * Math.PI / 4), (float) Math.sin(c * Math.PI / 4)};
        }
        float[] f = {(float) Math.cos(0.3), (float) Math.sin(0.3)};
        int[] order = ZeroShot.rank(f, classes);
        assertArrayEquals(new int[] {0, 1, 7, 2, 6, 3, 5, 4}, order);
        ZeroShot.Result r = ZeroShot.score(new float[][] {f, f, f, f}, classes, new int[] {0, 7, 6, 3});
        assertEquals(1, r.top1Correct());
        assertEquals(3, r.top5Correct(), "labels 0, 7, 6 are in the top five, 3 is sixth");
        assertThrows(IllegalArgumentException.class, () -> ZeroShot.score(new float[][] {f}, classes, new int[] {0, 1}));
    }

    @Test
    void transductiveNamingRecoversClassesThatSingleShapesMiss() {
        // Three classes in three far-apart feature blobs; each shape's scores favour its class by 0.5 on average
        // under noise of sd 1.5, so single shapes are often wrong but every blob's mean names it right.
        java.util.Random r = new java.util.Random(3);
        int n = 300;
        float[][] features = new float[n][];
        int[] labels = new int[n];
        java.util.Map<float[], double[]> scores = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            features[i] = new float[] {labels[i] * 10 + (float) r.nextGaussian(), labels[i] == 1 ? 10 : 0};
            double[] s = new double[3];
            for (int c = 0; c < 3; c++) {
                s[c] = (c == labels[i] ? 0.5 : 0) + 1.5 * r.nextGaussian();
            }
            scores.put(features[i], s);
        }
        ZeroShot.Result single = ZeroShot.score(features, labels, f -> ZeroShot.byScore(scores.get(f)));
        ZeroShot.Result clusters = ZeroShot.scoreTransductive(features, labels, scores::get, 3, 1);
        assertTrue(single.top1() < 60, "single shapes: " + single.top1());
        assertEquals(100.0, clusters.top1(), 1e-9);
    }

    @Test
    void transductiveNamesAreOneToOne() {
        // Both blobs prefer class 0; the blob that prefers it less must take class 1.
        float[][] features = {{0, 0}, {0.1f, 0}, {10, 0}, {10.1f, 0}};
        int[] labels = {0, 0, 1, 1};
        java.util.function.Function<float[], double[]> scorer = f -> f[0] < 5 ? new double[] {5, 0} : new double[] {2, 1};
        ZeroShot.Result r = ZeroShot.scoreTransductive(features, labels, scorer, 2, 0);
        assertArrayEquals(new int[] {0, 0, 1, 1}, r.predictions());
        assertEquals(0, ZeroShot.score(features, labels, f -> ZeroShot.byScore(scorer.apply(f))).predictions()[3],
                "alone, every shape would be called class 0");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ZeroShot.scoreTransductive(new float[][] {{0, 0}}, new int[] {0}, scorer, 2, 0)).getMessage()
                .contains("at least one shape per class"));
    }

    @Test
    void classEmbeddingIsTheSumOverTheSixtyPrompts(@TempDir Path dir) throws IOException {
        FeatureCacheTest.Counting teacher = new FeatureCacheTest.Counting("fake@1", 3, 1f);
        float[][] emb = ZeroShot.classEmbeddings(teacher, List.of("cup", "night_stand"), FeatureCache.at(dir));
        for (int c = 0; c < 2; c++) {
            float[] want = new float[3];
            for (String p : Prompts.all(List.of("cup", "night_stand").get(c))) {
                float[] f = teacher.embed(p);
                for (int d = 0; d < 3; d++) {
                    want[d] += f[d];
                }
            }
            assertArrayEquals(want, emb[c], 1e-3f);
        }
        assertEquals(120 * 2, teacher.calls.get(), "60 prompts per class computed once (plus the reference calls above)");
    }

    @Test
    void modelFromAPretrainingCheckpointProjectsTheQueries(@TempDir Path dir) throws IOException {
        Path pth = dir.resolve("pretrained.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconPretrainer pre = ReconPretrainer.builder(TINY).optImageTeacher(6).optTextTeacher(6).build();
            pre.initialize(m);
            Weights.save(pre, pth);
        }
        float[] points = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 0).withNumPoints(64)).get(0)
                .points().xyz();
        float[] two = new float[2 * 64 * 3];
        System.arraycopy(points, 0, two, 0, points.length);
        System.arraycopy(points, 0, two, points.length, points.length);
        Grouping g = PointGrouper.group(two, 2, 64, 8, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            ZeroShotModel text = ZeroShotModel.load(pth, TINY, ZeroShotModel.Type.TEXT, 0.2f, m);
            ZeroShotModel img = ZeroShotModel.load(pth, TINY, ZeroShotModel.Type.IMAGE, 0.2f, m);
            ZeroShotModel full = ZeroShotModel.load(pth, TINY, ZeroShotModel.Type.FULL, 0.25f, m);
            // Reference: the fine-tune backbone loaded from the same file, then the projections by hand.
            ReconClassifier ref = ReconClassifier.builder(TINY).setClasses(3).optHead(HeadType.LINEAR)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            ref.initialize(m);
            Weights.loadIntoClassifier(ref, pth);
            NDArray enc = ref.encode(ps, Patches.of(g.neighborhood(m), g.centers(m)), false, null).x();
            StateDict sd = StateDict.read(pth);
            // Rows by the official slices x[:, 2] (text) and x[:, 1] (img), independently of Tokens.
            NDArray wantText = linear(m, sd, "text_proj", enc.get(new NDIndex(":, 2, :")));
            NDArray wantImg = linear(m, sd, "img_proj", enc.get(new NDIndex(":, 1, :")));
            Patches patches = Patches.of(g.neighborhood(m), g.centers(m));
            assertArrayEquals(wantText.toFloatArray(), text.features(ps, patches).toFloatArray(), 1e-5f);
            assertArrayEquals(wantImg.toFloatArray(), img.features(ps, patches).toFloatArray(), 1e-5f);
            assertArrayEquals(wantText.mul(0.25f).add(wantImg).toFloatArray(), full.features(ps, patches).toFloatArray(), 1e-5f);
            assertEquals(6, text.dimension());
        }
    }

    static NDArray linear(NDManager m, StateDict sd, String name, NDArray x) {
        NDArray w = m.create(sd.get(name + ".weight").toFloats(), new Shape(sd.get(name + ".weight").shape()));
        NDArray b = m.create(sd.get(name + ".bias").toFloats());
        return x.matMul(w.transpose()).add(b);
    }

    @Test
    void checkpointWithoutTheNeededProjectionIsRefused(@TempDir Path dir) throws IOException {
        Path pth = dir.resolve("text-only.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconPretrainer pre = ReconPretrainer.builder(TINY).optTextTeacher(6).build();
            pre.initialize(m);
            Weights.save(pre, pth);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ZeroShotModel.load(pth, TINY, ZeroShotModel.Type.IMAGE, 0.2f, m));
            assertTrue(e.getMessage().contains("text-only.pth") && e.getMessage().contains("no img_proj"), e.getMessage());
            ReconConfig wider = new ReconConfig(64, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
            assertThrows(IllegalArgumentException.class, () -> ZeroShotModel.load(pth, wider, ZeroShotModel.Type.TEXT, 0.2f, m));
            assertThrows(IllegalArgumentException.class, () -> new ZeroShotModel(TINY, ZeroShotModel.Type.FULL, 6, 8, 0.2f));
        }
    }
}
