package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.render.DepthImage;
import io.recon4j.render.RenderConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recon teacher inspect's measurements on hand-made teachers whose answers are known. */
@Tag("slow")
class TeacherInspectionTest {

    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(3, 0).withNumPoints(256));
    static final int SIZE = 32;

    /** Sees the mean brightness and coverage of the first view: enough to tell most procedural categories apart. */
    static final class Stats implements ImageTeacher {
        @Override
        public String identity() {
            return "stats-test-teacher";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public ImageInput input() {
            return new ImageInput(SIZE, 1, new float[] {0.5f}, new float[] {0.5f});
        }

        @Override
        public float[] embed(List<DepthImage> views) {
            double sum = 0;
            for (float p : views.get(0).pixels()) {
                sum += p;
            }
            return new float[] {(float) (sum / views.get(0).pixels().length), (float) views.get(0).coverage()};
        }
    }

    /** Three "classes": logits always rank chair-ish first, then bathtub, then airliner. */
    static final class FixedClassifier implements ImageTeacher {
        @Override
        public String identity() {
            return "fixed-test-classifier";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public ImageInput input() {
            return new ImageInput(SIZE, 1, new float[] {0.5f}, new float[] {0.5f});
        }

        @Override
        public float[] embed(List<DepthImage> views) {
            return new float[] {1f, 3f, 2f};
        }
    }

    @Test
    void measuresSpreadNearestNeighbourAndRelatedLabels(@TempDir Path dir) throws IOException {
        ClassLabels labels = ClassLabels.of(List.of("airliner", "folding chair", "bathtub"));
        List<ClassLabels.Prediction> top = labels.top(new float[] {1f, 3f, 2f}, 5);
        assertEquals(List.of("folding chair", "bathtub", "airliner"), top.stream().map(ClassLabels.Prediction::label).toList());
        double z = Math.exp(1) + Math.exp(3) + Math.exp(2);
        assertEquals(Math.exp(3) / z, top.get(0).probability(), 1e-9);

        FeatureCache cache = FeatureCache.at(dir.resolve("cache"));
        TeacherInspection insp = TeacherInspection.builder(DATA, new Stats(), cache).optClassifier(new FixedClassifier(), labels)
                .optLimit(1000).optPerClass(1).build();
        TeacherInspection.Result r = insp.run(RenderConfig.of(SIZE, 2).withMode(RenderConfig.Mode.SHADED));
        assertEquals(DATA.size(), r.shapes(), "a limit above the dataset size takes every shape");
        assertEquals(DATA.classNames().size(), r.examples().size(), "one example per category");
        assertEquals("shaded", r.mode());
        assertTrue(r.spread().relative() > 0, r.spread().toString());
        assertEquals(1.0 / DATA.classNames().size(), r.majorityRate(), 1e-9);
        assertTrue(r.nearestNeighbourAccuracy() > r.majorityRate(), "brightness + coverage beat chance: " + r.nearestNeighbourAccuracy());
        // Only the procedural categories with a related-label entry are scored; a chair's top-1 is "folding chair".
        int scorable = 0;
        for (String c : DATA.classNames()) {
            scorable += RelatedLabels.modelNet().knows(c) ? 3 : 0;
        }
        assertEquals(scorable, r.scored());
        TeacherInspection.Example chair = r.examples().stream().filter(e -> e.category().equals("chair")).findFirst().orElseThrow();
        assertEquals("folding chair", chair.top().get(0).label());
        assertEquals(SIZE, chair.view().width());

        // Every shape is now in the cache; a depth render is a new key.
        FeatureCache.Stats before = cache.stats();
        insp.run(RenderConfig.of(SIZE, 2).withMode(RenderConfig.Mode.SHADED));
        assertEquals(before.misses(), cache.stats().misses());
        TeacherInspection.Result depth = insp.run(RenderConfig.of(SIZE, 2));
        assertTrue(cache.stats().misses() > before.misses());

        String md = TeacherInspection.markdown(List.of(depth, r));
        assertTrue(md.contains("| depth | 2 | " + DATA.size() + " |") && md.contains("| shaded | 2 |"), md);
        assertTrue(md.contains("folding chair 0.67"), md);
        BufferedImage sheet = ContactSheet.draw(List.of(depth, r), RelatedLabels.modelNet());
        assertTrue(sheet.getHeight() > 128 * DATA.classNames().size() && sheet.getWidth() > 2 * 128, sheet.toString());
    }

    @Test
    void labelBridgeIsScoredPerShapeAndTransductivelyWithTheNamesItGave(@TempDir Path dir) throws IOException {
        // The Stats features read as two logits; a text teacher of fixed per-word directions matches each category to
        // one of the two labels, so the per-shape bridge can give at most two of the sixteen names.
        ClassLabels labels = ClassLabels.of(List.of("bright", "covered"));
        TextTeacher text = new TextTeacher() {
            @Override
            public float[] embed(String prompt) {
                java.util.Random r = new java.util.Random(prompt.hashCode());
                return new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
            }

            @Override
            public String identity() {
                return "hash-test";
            }

            @Override
            public int dimension() {
                return 3;
            }
        };
        FeatureCache cache = FeatureCache.at(dir.resolve("cache"));
        LabelBridge bridge = LabelBridge.match(labels, DATA.classNames(), text, cache, 1, 0.1);
        TeacherInspection.Result r = TeacherInspection.builder(DATA, new Stats(), cache).optClassifier(new Stats(), labels)
                .optBridge(bridge).optLimit(1000).optPerClass(0).build().run(RenderConfig.of(SIZE, 1).withMode(RenderConfig.Mode.SHADED));
        // Per shape: the bridge's own prediction from the same logits, counted by the name it gave.
        ShapeViews views = new ShapeViews(DATA, RenderConfig.of(SIZE, 1).withMode(RenderConfig.Mode.SHADED));
        int[] named = new int[DATA.classNames().size()];
        int right = 0;
        float[][] logits = new float[DATA.size()][];
        int[] truth = new int[DATA.size()];
        for (int i = 0; i < DATA.size(); i++) {
            logits[i] = DistillationTargets.cachedImage(new Stats(), cache, views, i, DATA.get(i));
            truth[i] = DATA.get(i).label();
            int p = bridge.predict(logits[i]);
            named[p]++;
            right += p == DATA.get(i).label() ? 1 : 0;
        }
        assertArrayEquals(named, r.bridgeNamed());
        assertEquals(right / (double) DATA.size(), r.bridgeAccuracy(), 1e-12);
        assertTrue(java.util.Arrays.stream(named).filter(c -> c > 0).count() <= 2, java.util.Arrays.toString(named));
        // Transductive: the same logits clustered (seed 0) and named by their mean log-scores.
        assertEquals(ZeroShot.scoreTransductive(logits, truth, bridge::logScores, named.length, 0).top1() / 100,
                r.bridgeTransductiveAccuracy(), 1e-12);
        String md = TeacherInspection.markdown(List.of(r));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "shaded %.1f%%", 100 * r.bridgeAccuracy())), md);
        assertTrue(md.contains("- shaded: names given airplane " + named[0] + ", ") && md.contains(String.format(java.util.Locale.ROOT,
                "; transductive naming %.1f%%", 100 * r.bridgeTransductiveAccuracy())), md);
    }

    @Test
    void rejectsAClassifierThatDoesNotMatchItsLabels(@TempDir Path dir) throws IOException {
        FeatureCache cache = FeatureCache.at(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TeacherInspection.builder(DATA, new Stats(), cache)
                .optClassifier(new FixedClassifier(), ClassLabels.of(List.of("a", "b"))).build());
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("2 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TeacherInspection.builder(DATA, new Stats(), cache).optLimit(1).build());
        TeacherInspection insp = TeacherInspection.builder(DATA, new Stats(), cache).build();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> insp.run(RenderConfig.of(64, 1)));
        assertTrue(size.getMessage().contains("32-pixel"), size.getMessage());
    }
}
