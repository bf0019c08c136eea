package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-shot through a classifier's label space: matching by the text teacher, weighting, scoring. */
@Tag("fast")
class LabelBridgeTest {

    /** A text teacher whose embedding of "a photo of a X." is a fixed vector per word X. */
    static TextTeacher words(Map<String, float[]> vectors) {
        return new TextTeacher() {
            @Override
            public float[] embed(String prompt) {
                String word = prompt.replace("a photo of a ", "").replace(".", "");
                float[] v = vectors.get(word);
                if (v == null) {
                    throw new IllegalArgumentException("unexpected prompt '" + prompt + "'");
                }
                return v.clone();
            }

            @Override
            public String identity() {
                return "words-test";
            }

            @Override
            public int dimension() {
                return 3;
            }
        };
    }

    @Test
    void matchesNamesToTheirNearestLabelsAndScoresByTheirProbabilities(@TempDir Path dir) throws IOException {
        // Source labels: three directions; "night stand" is read with its underscore as a space.
        TextTeacher text = words(Map.of("sofa", new float[] {1, 0, 0}, "studio couch", new float[] {0.9f, 0.1f, 0},
                "desk", new float[] {0, 1, 0}, "lamp", new float[] {0, 0, 1},
                "couch", new float[] {1, 0.05f, 0}, "night stand", new float[] {0, 0.2f, 1}));
        ClassLabels source = ClassLabels.of(List.of("studio couch", "desk", "lamp"));
        LabelBridge b = LabelBridge.match(source, List.of("couch", "night_stand"), text, FeatureCache.at(dir), 1, 0.1);
        assertTrue(b.describe().contains("couch → studio couch"), b.describe());
        assertTrue(b.describe().contains("night_stand → lamp"), b.describe());
        // Logits favouring "studio couch" name the couch; favouring "lamp" name the night stand.
        assertEquals(0, b.predict(new float[] {3, 0, 0}));
        assertEquals(1, b.predict(new float[] {0, 0, 3}));
        // With k = 1 a class's score is its label's softmax probability.
        double[] s = b.scores(new float[] {1, 2, 3});
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(3) / z}, s, 1e-12);
        assertArrayEquals(new double[] {1 - Math.log(z), 3 - Math.log(z)}, b.logScores(new float[] {1, 2, 3}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> b.scores(new float[] {1, 2}));
    }

    @Test
    void weightsFollowSimilarityAndSumToOne(@TempDir Path dir) throws IOException {
        TextTeacher text = words(Map.of("a", new float[] {1, 0, 0}, "b", new float[] {0.8f, 0.6f, 0},
                "c", new float[] {0, 0, 1}, "x", new float[] {1, 0, 0}));
        ClassLabels source = ClassLabels.of(List.of("a", "b", "c"));
        LabelBridge sharp = LabelBridge.match(source, List.of("x"), text, FeatureCache.at(dir), 2, 0.01);
        LabelBridge soft = LabelBridge.match(source, List.of("x"), text, FeatureCache.at(dir), 2, 10);
        // Equal logits: the score is the weighted mean probability (1/3) whatever the weights.
        assertEquals(1 / 3.0, sharp.scores(new float[] {0, 0, 0})[0], 1e-12);
        // Logits favouring b: the soft bridge (near-equal weights on a and b) scores higher than the sharp one (all on a).
        float[] favourB = {0, 4, 0};
        assertTrue(soft.scores(favourB)[0] > sharp.scores(favourB)[0] + 0.3);
        assertThrows(IllegalArgumentException.class, () -> LabelBridge.match(source, List.of("x"), text, FeatureCache.at(dir), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelBridge.match(source, List.of("x"), text, FeatureCache.at(dir), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> LabelBridge.match(source, List.of(), text, FeatureCache.at(dir), 1, 1));
    }
}
