package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DatasetPipelinesTest {

    @Test
    void shapeNetPretrainGivesRotatedUnitSphereSubsets() {
        PointCloud raw = TestData.randomCloud(8192, 1, 3.0);
        PointCloud out = DatasetPipelines.shapeNetPretrain().apply(raw, new SplittableRandom(1));
        assertEquals(1024, out.size());
        double[] m = new double[3];
        double r = 0;
        for (int i = 0; i < out.size(); i++) {
            double s = 0;
            for (int a = 0; a < 3; a++) {
                m[a] += out.get(i, a);
                s += out.get(i, a) * out.get(i, a);
            }
            r = Math.max(r, Math.sqrt(s));
        }
        // Rotation about y keeps the centroid at 0 and radii unchanged.
        for (int a = 0; a < 3; a++) {
            assertEquals(0, m[a] / out.size(), 1e-5);
        }
        assertEquals(1, r, 1e-5);
        assertEquals("randomSubset(1024) -> pcNorm -> rotateY", DatasetPipelines.shapeNetPretrain().toString());
    }

    @Test
    void modelNetTrainAndTestPointCounts() {
        PointCloud raw = Transforms.normalize(TestData.randomCloud(8192, 2, 0));
        PointCloud train = DatasetPipelines.modelNetTrain(1024).apply(raw, new SplittableRandom(3));
        assertEquals(1024, train.size());
        // Scale <= 1.5 and shift <= 0.2 per axis bound the augmented unit-sphere cloud.
        for (float v : train.xyz()) {
            assertTrue(Math.abs(v) <= 1.5 + 0.2 + 1e-5);
        }
        PointCloud test1 = DatasetPipelines.modelNetTest(1024).apply(raw, new SplittableRandom(3));
        PointCloud test2 = DatasetPipelines.modelNetTest(1024).apply(raw, new SplittableRandom(4));
        assertEquals(test1, test2, "test-time FPS is deterministic");
        assertEquals(1024, test1.size());
        assertEquals("shufflePoints -> fpsThenRandomSubset(1200->1024) -> scaleAndTranslate(0.6666666666666666,1.5,0.2)",
                DatasetPipelines.modelNetTrain(1024).toString());
    }

    @Test
    void scanObjectNNVoteRotatesOnlyTheHardestVariant() {
        PointCloud raw = TestData.randomCloud(2048, 5, 0);
        PointCloud hard = DatasetPipelines.scanObjectNNVote(ScanObjectNNDataset.Variant.PB_T50_RS, 2048)
                .apply(raw, new SplittableRandom(7));
        PointCloud bg = DatasetPipelines.scanObjectNNVote(ScanObjectNNDataset.Variant.OBJ_BG, 2048)
                .apply(raw, new SplittableRandom(7));
        // Same subset draw (the rotation comes after it), so y agrees and x/z differ.
        assertEquals(2048, hard.size());
        for (int i = 0; i < hard.size(); i++) {
            assertEquals(bg.get(i, 1), hard.get(i, 1), 0f);
        }
        assertNotEquals(bg, hard);
    }

    @Test
    void scanObjectNNTrainKeepsNpoints() {
        PointCloud raw = TestData.randomCloud(2048, 6, 0);
        PointCloud out = DatasetPipelines.scanObjectNNTrain(2048).apply(raw, new SplittableRandom(1));
        assertEquals(2048, out.size());
        assertEquals(1024, DatasetPipelines.fewShotTrain(1024).apply(TestData.randomCloud(8192, 1, 0),
                new SplittableRandom(1)).size());
    }
}
