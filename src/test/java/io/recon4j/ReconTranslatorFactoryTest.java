package io.recon4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.HeadType;
import io.recon4j.model.ModelCard;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.pth.PthWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL's Criteria → ZooModel → Predictor route over a recon4j checkpoint gives what {@link Recon} gives. */
@Tag("fast")
class ReconTranslatorFactoryTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes TEST = ProceduralShapes.test(ProceduralShapes.Config.defaults().withCounts(1, 1).withNumPoints(128));

    @TempDir
    static Path dir;
    static Path checkpoint;

    /** A classifier checkpoint with a model card (random weights: the routes must agree, not be accurate). */
    @BeforeAll
    static void write() throws IOException {
        checkpoint = dir.resolve("ckpt-best.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier c = ReconClassifier.builder(TINY).setClasses(ProceduralShapes.NUM_CLASSES)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            c.initialize(m);
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("base_model", Weights.toStateDict(c));
            top.put(ModelCard.ENTRY, ModelCard.finetuned(TINY, PretrainMethod.RECON, HeadType.FULL, TEST.classNames(), "y",
                    ModelCard.PC_NORM).toEntry());
            PthWriter.writeCheckpoint(checkpoint, top);
        }
    }

    @Test
    void criteriaPredictAndBatchPredictMatchTheFrontDoor() throws Exception {
        Criteria<PointCloud, Classifications> criteria = ReconTranslatorFactory.configure(Criteria.builder()
                .setTypes(PointCloud.class, Classifications.class)
                .optModelPath(checkpoint))
                .build();
        List<PointCloud> clouds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clouds.add(TEST.get(i).points());
        }
        try (ZooModel<PointCloud, Classifications> model = criteria.loadModel();
             Predictor<PointCloud, Classifications> predictor = model.newPredictor();
             Recon recon = Recon.load(checkpoint)) {
            Classifications one = predictor.predict(clouds.get(0));
            Prediction want = recon.classify(clouds.get(0));
            assertEquals(want.top().className(), one.best().getClassName());
            assertEquals(want.top().probability(), one.best().getProbability(), 1e-5);
            List<Classifications> batch = predictor.batchPredict(clouds);
            List<Prediction> wantBatch = recon.classifyBatch(clouds);
            for (int i = 0; i < clouds.size(); i++) {
                assertEquals(TEST.classNames(), batch.get(i).getClassNames());
                double[] got = batch.get(i).getProbabilities().stream().mapToDouble(Double::doubleValue).toArray();
                assertArrayEquals(wantBatch.get(i).probabilities(), got, 1e-5, "cloud " + i);
            }
        }
    }

    @Test
    void embeddingsThroughDjlAreTheFrontDoorsEmbeddings() throws Exception {
        Criteria<PointCloud, float[]> criteria = ReconTranslatorFactory.configure(Criteria.builder()
                .setTypes(PointCloud.class, float[].class)
                .optModelPath(checkpoint))
                .build();
        try (ZooModel<PointCloud, float[]> model = criteria.loadModel();
             Predictor<PointCloud, float[]> predictor = model.newPredictor();
             Recon recon = Recon.load(checkpoint)) {
            List<float[]> got = predictor.batchPredict(List.of(TEST.get(1).points(), TEST.get(2).points()));
            assertEquals(2, got.size());
            assertArrayEquals(recon.embed(TEST.get(1).points()), got.get(0), 1e-5f);
            assertArrayEquals(recon.embed(TEST.get(2).points()), got.get(1), 1e-5f);
        }
    }

    @Test
    void aPretrainingCheckpointHasNoClassificationsToGive() throws Exception {
        Path pre = dir.resolve("pretrained.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconPretrainer p = ReconPretrainer.builder(TINY).build();
            p.initialize(m);
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("base_model", Weights.toStateDict(p));
            top.put(ModelCard.ENTRY, ModelCard.pretrained(TINY, PretrainMethod.RECON, TEST.classNames(), "y", "", "").toEntry());
            PthWriter.writeCheckpoint(pre, top);
        }
        Criteria<PointCloud, Classifications> criteria = ReconTranslatorFactory.configure(Criteria.builder()
                .setTypes(PointCloud.class, Classifications.class)
                .optModelPath(pre))
                .build();
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, criteria::loadModel);
        Throwable cause = e;
        while (cause != null && !(cause instanceof TranslateException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "no TranslateException under " + e);
        assertTrue(cause.getMessage().contains("pretraining checkpoint without a classification head"), cause.getMessage());
        // Its embeddings are there.
        Criteria<PointCloud, float[]> embed = ReconTranslatorFactory.configure(Criteria.builder()
                .setTypes(PointCloud.class, float[].class)
                .optModelPath(pre))
                .build();
        try (ZooModel<PointCloud, float[]> model = embed.loadModel(); Predictor<PointCloud, float[]> predictor = model.newPredictor()) {
            assertEquals(2 * TINY.transDim(), predictor.predict(TEST.get(0).points()).length);
        }
    }
}
