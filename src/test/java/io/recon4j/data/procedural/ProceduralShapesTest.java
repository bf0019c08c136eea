package io.recon4j.data.procedural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("slow")
class ProceduralShapesTest {

    private static final ProceduralShapes.Config SMALL = ProceduralShapes.Config.defaults().withCounts(3, 2);

    @Test
    void classNamesAreFixedRealWords() {
        List<String> names = ProceduralShapes.train(SMALL).classNames();
        assertEquals(List.of("airplane", "bed", "bottle", "bowl", "car", "chair", "cup", "desk", "lamp", "mug",
                "rocket", "shelf", "sofa", "stool", "table", "vase"), names);
        assertEquals(ProceduralShapes.NUM_CLASSES, names.size());
        assertEquals(names, ProceduralShapes.test(SMALL.withSeed(7)).classNames());
    }

    @Test
    void countsLabelsAndIdsFollowTheConfig() {
        ProceduralShapes train = ProceduralShapes.train(SMALL);
        ProceduralShapes test = ProceduralShapes.test(SMALL);
        assertEquals(16 * 3, train.size());
        assertEquals(16 * 2, test.size());
        assertEquals("procedural(seed=42)/train", train.name());
        assertEquals("procedural(seed=42)/test", test.name());
        for (ProceduralShapes ds : List.of(train, test)) {
            int perClass = ds.size() / 16;
            for (int i = 0; i < ds.size(); i++) {
                Sample s = ds.get(i);
                assertEquals(i / perClass, s.label());
                String expectedId = String.format("%s/%s_%04d", ds.split().dirName(),
                        ds.classNames().get(s.label()), i % perClass);
                assertEquals(expectedId, s.id());
            }
        }
        assertEquals("train/chair_0002", train.get(5 * 3 + 2).id());
        assertThrows(IndexOutOfBoundsException.class, () -> train.get(train.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> train.get(-1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.05})
    void everyCloudHasExactlyNumPointsAndIsNormalised(double noise) {
        ProceduralShapes.Config config = SMALL.withNoise(noise).withNumPoints(700);
        for (ProceduralShapes ds : List.of(ProceduralShapes.train(config), ProceduralShapes.test(config))) {
            for (int i = 0; i < ds.size(); i++) {
                Sample sample = ds.get(i);
                PointCloud cloud = sample.points();
                assertEquals(700, cloud.size(), sample.id());
                assertTrue(cloud.fieldNames().isEmpty());
                double[] mean = new double[3];
                double maxRadius = 0;
                for (int p = 0; p < cloud.size(); p++) {
                    double r2 = 0;
                    for (int c = 0; c < 3; c++) {
                        float v = cloud.get(p, c);
                        if (!Float.isFinite(v)) {
                            throw new AssertionError(sample.id() + " point " + p + " axis " + c + " is " + v);
                        }
                        mean[c] += v / cloud.size();
                        r2 += v * v;
                    }
                    maxRadius = Math.max(maxRadius, Math.sqrt(r2));
                }
                for (int c = 0; c < 3; c++) {
                    assertEquals(0, mean[c], 1e-5, sample.id() + " centroid axis " + c);
                }
                assertEquals(1, maxRadius, 1e-5, sample.id() + " max radius");
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalCloudsAndOtherSeedsDiffer() {
        ProceduralShapes a = ProceduralShapes.train(SMALL);
        ProceduralShapes b = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(3, 2));
        ProceduralShapes other = ProceduralShapes.train(SMALL.withSeed(43));
        ProceduralShapes test = ProceduralShapes.test(SMALL);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "sample " + i);
            assertEquals(a.get(i).points(), a.get(i).points(), "sample " + i + " regenerated");
            assertNotEquals(a.get(i).points(), other.get(i).points(), "seed 43, sample " + i);
            if (i < test.size()) {
                assertNotEquals(a.get(i).points(), test.get(i).points(), "train vs test, sample " + i);
            }
        }
    }

    @Test
    void samplesDoNotDependOnGenerationOrderOrThreads() throws Exception {
        ProceduralShapes ds = ProceduralShapes.train(SMALL.withNumPoints(256));
        List<PointCloud> forward = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            forward.add(ds.get(i).points());
        }
        PointCloud[] reverse = new PointCloud[ds.size()];
        for (int i = ds.size() - 1; i >= 0; i--) {
            reverse[i] = ds.get(i).points();
        }
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            List<PointCloud> parallel = pool.submit(() -> IntStream.range(0, ds.size()).parallel()
                    .mapToObj(i -> ds.get(i).points()).toList()).get();
            assertEquals(forward, parallel);
        } finally {
            pool.shutdown();
        }
        assertEquals(forward, List.of(reverse));
    }

    @Test
    void raisingCountsOnlyAppendsSamples() {
        ProceduralShapes small = ProceduralShapes.test(SMALL);
        ProceduralShapes large = ProceduralShapes.test(SMALL.withCounts(10, 5));
        for (int label = 0; label < 16; label++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(small.get(label * 2 + k), large.get(label * 5 + k));
            }
        }
    }

    @Test
    void noiseIsGaussianJitterOfTheRequestedSize() {
        ProceduralShapes clean = ProceduralShapes.train(SMALL.withNoise(0));
        ProceduralShapes noisy = ProceduralShapes.train(SMALL.withNoise(0.02));
        double sumSq = 0;
        long count = 0;
        for (int i = 0; i < clean.size(); i++) {
            float[] a = clean.get(i).points().xyz();
            float[] b = noisy.get(i).points().xyz();
            for (int j = 0; j < a.length; j++) {
                sumSq += (a[j] - b[j]) * (a[j] - b[j]);
                count++;
            }
        }
        // same shape underneath (noise is drawn last); renormalisation rescales by about 1-3%
        double rms = Math.sqrt(sumSq / count);
        assertTrue(rms > 0.017 && rms < 0.03, "rms difference " + rms);
    }

    @Test
    void singlePointCloudIsTheOrigin() {
        PointCloud cloud = ProceduralShapes.train(SMALL.withNumPoints(1)).get(0).points();
        assertEquals(new PointCloud(new float[3]), cloud);
    }

    @Test
    void configRejectsBadValuesWithTheirName() {
        ProceduralShapes.Config d = ProceduralShapes.Config.defaults();
        assertEquals(new ProceduralShapes.Config(42, 100, 30, 1024, 0.01), d);
        assertMessage("shapes per class", () -> d.withCounts(-1, 3));
        assertMessage("shapes per class", () -> d.withCounts(3, -1));
        assertMessage("too many", () -> d.withCounts(Integer.MAX_VALUE / 8, 1));
        assertMessage("numPoints", () -> d.withNumPoints(0));
        assertMessage("noise", () -> d.withNoise(-0.1));
        assertMessage("noise", () -> d.withNoise(Double.NaN));
        assertMessage("noise", () -> d.withNoise(Double.POSITIVE_INFINITY));
    }

    @Test
    void emptySplitIsAllowed() {
        ProceduralShapes none = ProceduralShapes.test(SMALL.withCounts(2, 0));
        assertEquals(0, none.size());
        assertThrows(IndexOutOfBoundsException.class, () -> none.get(0));
        assertTrue(none.summary().contains("0 shapes"));
    }

    @Test
    void summaryListsEveryClassWithPlausibleExtents() {
        ProceduralShapes ds = ProceduralShapes.train(SMALL.withCounts(6, 0).withNumPoints(512));
        String summary = ds.summary();
        assertTrue(summary.startsWith("procedural(seed=42)/train: 96 shapes, 16 classes, 512 points each"), summary);
        for (String name : ds.classNames()) {
            assertTrue(summary.lines().anyMatch(l -> l.matches(name + " +6 .*")), name + " in\n" + summary);
        }
        // y is up: tall things are taller than wide, flat things wider than tall
        for (String tall : List.of("bottle", "rocket", "lamp", "shelf")) {
            double[] e = extents(summary, tall);
            assertTrue(e[1] > Math.max(e[0], e[2]), tall + " " + summary);
        }
        for (String flat : List.of("airplane", "car", "bed", "sofa", "bowl")) {
            double[] e = extents(summary, flat);
            assertTrue(e[1] < Math.min(e[0], e[2]), flat + " " + summary);
        }
    }

    /**
     * A hand-made descriptor with a nearest-class-mean classifier must be well above chance (the
     * classes are learnable) yet clearly imperfect (the classes overlap), for several seeds.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void descriptorClassifierIsAboveChanceButNotPerfect(long seed) {
        ProceduralShapes.Config config = ProceduralShapes.Config.defaults().withSeed(seed).withCounts(30, 15);
        ProceduralShapes train = ProceduralShapes.train(config);
        ProceduralShapes test = ProceduralShapes.test(config);
        List<double[]> trainFeatures = IntStream.range(0, train.size()).parallel()
                .mapToObj(i -> ShapeDescriptor.of(train.get(i).points())).toList();
        List<double[]> testFeatures = IntStream.range(0, test.size()).parallel()
                .mapToObj(i -> ShapeDescriptor.of(test.get(i).points())).toList();
        int[] trainLabels = IntStream.range(0, train.size()).map(i -> i / 30).toArray();
        int[] testLabels = IntStream.range(0, test.size()).map(i -> i / 15).toArray();
        double accuracy = ShapeDescriptor.nearestClassMeanAccuracy(trainFeatures, trainLabels, testFeatures,
                testLabels, ProceduralShapes.NUM_CLASSES);
        assertTrue(accuracy > 0.4, "seed " + seed + ": accuracy " + accuracy + " not clearly above chance 1/16");
        assertTrue(accuracy < 0.95, "seed " + seed + ": accuracy " + accuracy + " — classes too easy");
    }

    private static double[] extents(String summary, String name) {
        String line = summary.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
        String[] cols = line.trim().split(" +");
        return new double[] {Double.parseDouble(cols[2]), Double.parseDouble(cols[3]), Double.parseDouble(cols[4])};
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
