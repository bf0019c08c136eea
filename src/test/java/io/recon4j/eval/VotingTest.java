package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.PointTransform;
import io.recon4j.data.Sample;
import io.recon4j.data.Transforms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Voting with fake models: logits are averaged, each pass and vote draws anew, best-of is labelled. */
@Tag("fast")
class VotingTest {

    /** An in-memory dataset of single-label clouds. */
    static PointCloudDataset dataset(int... labels) {
        return new PointCloudDataset() {
            @Override
            public int size() {
                return labels.length;
            }

            @Override
            public Sample get(int index) {
                float[] xyz = new float[8 * 3];
                for (int i = 0; i < xyz.length; i++) {
                    xyz[i] = 1f + index;
                }
                return new Sample(new PointCloud(xyz), labels[index], "s" + index);
            }

            @Override
            public List<String> classNames() {
                return List.of("zero", "one");
            }

            @Override
            public String name() {
                return "fake";
            }
        };
    }

    /** Returns scripted logits call by call (one cloud per call). */
    static CloudFunction scripted(float[]... perCall) {
        return new CloudFunction() {
            int call;

            @Override
            public int width() {
                return 2;
            }

            @Override
            public float[] apply(float[] points, int batch, int numPoints) {
                assertEquals(1, batch);
                return perCall[call++].clone();
            }
        };
    }

    @Test
    void votesAverageLogitsNotPredictions() {
        // Two votes say class 0 weakly, one says class 1 strongly: the mean of logits picks 1, a majority vote 0.
        CloudFunction f = scripted(new float[] {1, 0}, new float[] {1, 0}, new float[] {0, 5});
        Evaluation e = Voting.pass(f, dataset(1), PointTransform.identity(), new Voting.Options(3, 1, 0), 0);
        assertEquals(100.0, e.accuracy(), 1e-12);
        double mean0 = 2.0 / 3;
        double mean1 = 5.0 / 3;
        double ce = Math.log(Math.exp(mean0) + Math.exp(mean1)) - mean1;
        assertEquals(ce, e.loss(), 1e-6, "the loss is of the averaged logits");
    }

    @Test
    void everyVoteAndPassDrawsAnewAndReproducibly() {
        List<Float> seen = new ArrayList<>();
        CloudFunction recorder = new CloudFunction() {
            @Override
            public int width() {
                return 2;
            }

            @Override
            public float[] apply(float[] points, int batch, int numPoints) {
                seen.add(points[0]);
                return new float[batch * 2];
            }
        };
        PointTransform scale = Transforms.scale();
        Voting.run(recorder, dataset(0), scale, new Voting.Options(4, 1, 7), 2, null);
        assertEquals(8, seen.size());
        assertEquals(8, new HashSet<>(seen).size(), "each of 2 passes x 4 votes must draw its own scale: " + seen);
        List<Float> first = new ArrayList<>(seen);
        seen.clear();
        Voting.run(recorder, dataset(0), scale, new Voting.Options(4, 1, 7), 2, null);
        assertEquals(first, seen, "same seed, same draws");
    }

    @Test
    void honestPassesAndTheLabelledOfficialBestOf() {
        float[] wrong = {1, 0};
        float[] right = {0, 1};
        Voting.Options one = new Voting.Options(1, 1, 0);
        Voting.Result honest = Voting.run(scripted(wrong, right, wrong), dataset(1), PointTransform.identity(), one, 3, null);
        assertEquals(100.0 / 3, honest.meanAccuracy(), 1e-9);
        assertEquals(Math.sqrt(2.0 / 9) * 100, honest.stdAccuracy(), 1e-9);
        assertFalse(honest.officialBestOf());
        assertFalse(honest.describe().contains("best of"), honest.describe());
        assertTrue(honest.describe().startsWith("voting, 3 passes × 1 votes: OA 33.33 ± 47.14 %"), honest.describe());

        List<Integer> reported = new ArrayList<>();
        Voting.Result best = Voting.officialBestOf(scripted(wrong, right, wrong), dataset(1), PointTransform.identity(), one, 3,
                p -> reported.add(p.index()));
        assertEquals(List.of(0, 1, 2), reported);
        assertTrue(best.officialBestOf());
        assertEquals(1, best.best().index());
        String d = best.describe();
        assertTrue(d.startsWith("official protocol, best of 3 voting passes"), d);
        assertTrue(d.contains("optimistic"), d);
        assertTrue(d.contains("OA 100.00 %"), d);
        assertTrue(d.contains("(pass 2)"), d);
        assertTrue(d.contains("on average: OA 33.33 ± 47.14 %"), "the honest mean is reported next to the maximum: " + d);
    }
}
