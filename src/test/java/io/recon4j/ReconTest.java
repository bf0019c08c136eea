package io.recon4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.cloud.NpyWriter;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.Transforms;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.HeadType;
import io.recon4j.model.ModelCard;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.pth.PthFile;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import io.recon4j.teacher.MiniLmTextTeacher;
import io.recon4j.teacher.ZeroShot;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.util.RunFolder;
import io.recon4j.util.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door end to end, and documentation of its use: a tiny model fine-tuned for one epoch on the embedded
 * procedural shapes gives a real, self-describing checkpoint, which {@link Recon#load} reads without any other input.
 */
@Tag("train")
class ReconTest {

    static final ReconConfig TINY = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0.1f);
    static final ProceduralShapes.Config DATA = ProceduralShapes.Config.defaults().withCounts(4, 2).withNumPoints(128);
    static final ProceduralShapes TRAIN = ProceduralShapes.train(DATA);
    static final ProceduralShapes TEST = ProceduralShapes.test(DATA);

    @TempDir
    static Path dir;
    static Path finetuned;

    @BeforeAll
    static void fineTuneATinyModel() throws IOException {
        FineTuneConfig config = FineTuneConfig.modelNet(TINY, HeadType.FULL).with(1, 16, 0, 7).withOptimizer(1e-3, 10);
        Path run = dir.resolve("finetune");
        try (NDManager m = NDManager.newBaseManager()) {
            FineTuning.run(config, TRAIN, TEST, RunFolder.at(run), false, m, null);
        }
        finetuned = run.resolve("ckpt-best.pth");
    }

    @Test
    void threeLinesClassifyAFile() throws IOException {
        Path file = dir.resolve("shape.npy");
        NpyWriter.write(file, TEST.get(5).points());
        // The three-line use: load, classify, print.
        try (Recon model = Recon.load(finetuned)) {
            Prediction p = model.classify(file);
            assertEquals(TRAIN.classNames(), p.classNames());
            assertEquals(TRAIN.classNames(), model.classNames());
            double sum = 0;
            for (double v : p.probabilities()) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
            assertTrue(p.toString().matches("\\S+ \\(\\d\\.\\d\\d\\)"), p.toString());
            assertTrue(p.toString().startsWith(p.top().className() + " ("), p.toString());
            List<Prediction.Scored> top3 = p.topK(3);
            assertEquals(3, top3.size());
            assertEquals(p.top(), top3.get(0));
            assertTrue(top3.get(0).probability() >= top3.get(1).probability()
                    && top3.get(1).probability() >= top3.get(2).probability());
            assertEquals(p.top().probability(), p.probability(p.top().className()), 0);
        }
    }

    @Test
    void classificationIsWhatTheTestCommandComputes() throws IOException {
        List<PointCloud> clouds = new ArrayList<>();
        for (int i = 0; i < TEST.size(); i += 3) {
            clouds.add(TEST.get(i).points());
        }
        try (Recon model = Recon.load(finetuned); NDManager m = NDManager.newBaseManager()) {
            List<Prediction> batch = model.classifyBatch(clouds);
            // recon test's path: the dataset's (already normalised) cloud, FPS to N, ModelClassifier logits.
            ReconClassifier net = ReconClassifier.forCheckpoint(TINY, ProceduralShapes.NUM_CLASSES, HeadType.FULL, finetuned);
            net.initialize(m);
            Weights.loadIntoClassifier(net, finetuned);
            CloudFunction logits = new ModelClassifier(net, m).logits();
            for (int i = 0; i < clouds.size(); i++) {
                PointCloud sampled = Transforms.fps(TINY.numPoints()).apply(clouds.get(i), new SplittableRandom(0));
                Prediction want = Prediction.ofLogits(TRAIN.classNames(), logits.apply(sampled.xyz(), 1, TINY.numPoints()));
                assertArrayEquals(want.probabilities(), batch.get(i).probabilities(), 1e-4, "cloud " + i);
                assertArrayEquals(batch.get(i).probabilities(), model.classify(clouds.get(i)).probabilities(), 1e-5);
            }
        }
    }

    @Test
    void embeddingsAreTheEncoderFeatureAndDeterministic() throws IOException {
        PointCloud a = TEST.get(0).points();
        PointCloud b = TEST.get(7).points();
        // Scale and position do not matter: the model normalises as it was trained.
        PointCloud moved = a.withXyz(scaled(a.xyz(), 3f, 10f));
        try (Recon model = Recon.load(finetuned)) {
            assertEquals(2 * TINY.transDim(), model.embeddingDim());
            float[] ea = model.embed(a);
            assertEquals(model.embeddingDim(), ea.length);
            assertArrayEquals(ea, model.embed(a), 0f);
            assertArrayEquals(ea, model.embed(moved), 1e-4f);
            List<float[]> both = model.embedBatch(List.of(a, b));
            assertArrayEquals(ea, both.get(0), 1e-5f);
            assertFalse(java.util.Arrays.equals(both.get(0), both.get(1)));
            float[] ten = new float[30];
            for (int i = 0; i < ten.length; i++) {
                ten[i] = i % 7;
            }
            IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> model.embed(new PointCloud(ten)));
            assertTrue(few.getMessage().contains("10 points"), few.getMessage());
        }
    }

    private static float[] scaled(float[] xyz, float s, float shift) {
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            out[i] = xyz[i] * s + shift;
        }
        return out;
    }

    @Test
    void checkpointsDescribeThemselves() throws IOException {
        ModelCard card = ModelCard.of(StateDict.read(finetuned)).orElseThrow();
        assertEquals(TINY.withDropPath(0.2f), card.config());
        assertEquals(HeadType.FULL, card.head());
        assertEquals(TRAIN.classNames(), card.classNames());
        assertEquals("y", card.upAxis());
        assertEquals(ModelCard.PC_NORM, card.normalization());
        assertEquals(Version.current(), card.version());
        // As torch.load sees it: plain dicts, lists, strings and ints beside the weights.
        Map<Object, Object> top = PthFile.read(finetuned).asMap();
        assertTrue(top.get("base_model") instanceof Map);
        Map<?, ?> entry = (Map<?, ?>) top.get(ModelCard.ENTRY);
        assertEquals(TRAIN.classNames(), entry.get("class_names"));
        assertEquals((long) ProceduralShapes.NUM_CLASSES, entry.get("num_classes"));
        assertEquals(32L, ((Map<?, ?>) entry.get("model")).get("trans_dim"));
        assertEquals("fps", ((Map<?, ?>) entry.get("preprocessing")).get("sampling"));
        try (Recon model = Recon.load(finetuned)) {
            assertEquals(card, model.info());
            assertEquals(TINY.numPoints(), model.preprocessing().numPoints());
            assertTrue(model.preprocessing().normalize());
            assertFalse(model.preprocessing().zUp());
        }
    }

    @Test
    void aCardedCheckpointSurvivesAWriteReadRoundTrip() throws IOException {
        ModelCard card = ModelCard.finetuned(ReconConfig.NANO, PretrainMethod.CMC, HeadType.LINEAR,
                List.of("a", "b"), "z", ModelCard.NO_NORMALIZATION);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("base_model", Map.of("x", PthTensor.ofFloats(new float[] {1f}, new long[] {1})));
        top.put(ModelCard.ENTRY, card.toEntry());
        Path file = dir.resolve("card.pth");
        PthWriter.writeCheckpoint(file, top);
        assertEquals(card, ModelCard.of(StateDict.read(file)).orElseThrow());
        ModelCard pre = ModelCard.pretrained(ReconConfig.TINY, PretrainMethod.RECON, List.of("a"), "y", "t", "");
        top.put(ModelCard.ENTRY, pre.toEntry());
        PthWriter.writeCheckpoint(file, top);
        ModelCard back = ModelCard.of(StateDict.read(file)).orElseThrow();
        assertEquals(pre, back);
        assertFalse(back.hasHead());
        assertEquals(0, back.numClasses());
    }

    @Test
    void anOldCheckpointSaysWhatToPassAndLoadsWithIt() throws IOException {
        // A bare state dict, as recon4j wrote pretrained weights before model cards (and as official files are).
        Path old = dir.resolve("old.pth");
        PthWriter.writeStateDict(old, StateDict.read(finetuned).asMap());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recon.load(old));
        assertTrue(e.getMessage().contains("carries no model card"), e.getMessage());
        assertTrue(e.getMessage().contains("Recon.Options.builder()"), e.getMessage());
        assertTrue(e.getMessage().contains("trans_dim 32 and depth 1"), e.getMessage());
        List<String> names = TRAIN.classNames();
        try (Recon explicit = Recon.load(old, Recon.Options.builder().config(TINY).classNames(names).build());
             Recon carded = Recon.load(finetuned)) {
            PointCloud c = TEST.get(3).points();
            assertArrayEquals(carded.classify(c).probabilities(), explicit.classify(c).probabilities(), 1e-6);
            assertEquals(names, explicit.classNames());
        }
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> Recon.load(old, Recon.Options.builder().config(TINY).classNames(List.of("a", "b", "c")).build()));
        assertTrue(count.getMessage().contains("head has 16 classes, 3 class names"), count.getMessage());
    }

    @Test
    void aMismatchedSizeIsRefusedWithTheSizeItLooksLike() throws IOException {
        Path nano = dir.resolve("nano.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier c = ReconClassifier.builder(ReconConfig.NANO).setClasses(4).build();
            c.initialize(m);
            Weights.save(c, nano);
        }
        IllegalArgumentException noCard = assertThrows(IllegalArgumentException.class, () -> Recon.load(nano));
        assertTrue(noCard.getMessage().contains(".size(\"nano\")"), noCard.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Recon.load(nano, Recon.Options.builder().size("base").build()));
        assertTrue(wrong.getMessage().contains("checkpoint has trans_dim 128, this model 384"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("it looks like --size nano"), wrong.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> Recon.load(finetuned, Recon.Options.builder().size("nano").build()));
        assertTrue(tiny.getMessage().contains("trans_dim 32, this model 128"), tiny.getMessage());
        assertTrue(tiny.getMessage().contains("ReconConfig explicitly"), tiny.getMessage());
        try (Recon ok = Recon.load(nano, Recon.Options.builder().size("nano").numClasses(4).build())) {
            assertEquals(List.of("0", "1", "2", "3"), ok.classNames());
            assertEquals(4, ok.classify(new PointCloud(upsample(TEST.get(0).points().xyz(), 4))).classNames().size());
        }
    }

    /** @return the cloud repeated {@code times} times with a small offset per copy (enough points for Nano's 512) */
    private static float[] upsample(float[] xyz, int times) {
        float[] out = new float[xyz.length * times];
        for (int t = 0; t < times; t++) {
            for (int i = 0; i < xyz.length; i++) {
                out[t * xyz.length + i] = xyz[i] + 1e-3f * t;
            }
        }
        return out;
    }

    @Test
    void aMissingWeightRefusesTheFile() throws IOException {
        StateDict sd = StateDict.read(finetuned);
        Map<String, PthTensor> partial = new LinkedHashMap<>(sd.asMap());
        partial.remove("blocks.blocks.0.attn.proj.weight");
        Path file = dir.resolve("partial.pth");
        PthWriter.writeCheckpoint(file, Map.of("base_model", partial, ModelCard.ENTRY, sd.extras().get(ModelCard.ENTRY)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recon.load(file));
        assertTrue(e.getMessage().contains("lacks 1 of the model's weights, e.g. blocks.blocks.0.attn.proj.weight"),
                e.getMessage());
    }

    @Test
    void aFineTunedCheckpointRefusesZeroShotAndAClosedModelRefusesWork() throws IOException {
        Recon model = Recon.load(finetuned);
        IllegalStateException zs = assertThrows(IllegalStateException.class,
                () -> model.zeroShot(TEST.get(0).points(), List.of("chair", "table")));
        assertTrue(zs.getMessage().contains("no text projection"), zs.getMessage());
        model.close();
        assertThrows(IllegalStateException.class, () -> model.embed(TEST.get(0).points()));
        model.close();
        assertNotEquals("", model.toString());
    }

    @Test
    void aPretrainingCheckpointEmbedsAndClassifiesByTextButHasNoHead() throws IOException {
        Path pre = dir.resolve("pretrained.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ReconPretrainer p = ReconPretrainer.builder(TINY).optTextTeacher(MiniLmTextTeacher.DIMENSION).build();
            p.initialize(m);
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("base_model", Weights.toStateDict(p));
            top.put(ModelCard.ENTRY, ModelCard.pretrained(TINY, PretrainMethod.RECON, TRAIN.classNames(), "y",
                    new MiniLmTextTeacher().identity(), "").toEntry());
            PthWriter.writeCheckpoint(pre, top);
        }
        List<String> classes = List.of("airplane", "chair", "lamp");
        PointCloud cloud = TEST.get(2).points();
        try (Recon model = Recon.load(pre); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of(), model.classNames());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.classify(cloud));
            assertTrue(e.getMessage().contains("pretraining checkpoint without a classification head"), e.getMessage());
            assertEquals(2 * TINY.transDim(), model.embed(cloud).length);
            Prediction p = model.zeroShot(cloud, classes);
            assertEquals(classes, p.classNames());
            assertEquals(1.0, java.util.Arrays.stream(p.probabilities()).sum(), 1e-9);
            // The ranking is recon zeroshot's: text projection of the text query against the prompt sums.
            ZeroShotModel zs = ZeroShotModel.load(pre, TINY, ZeroShotModel.Type.TEXT, 1f, m);
            PointCloud sampled = Transforms.fps(TINY.numPoints()).apply(Transforms.normalize(cloud), new SplittableRandom(0));
            NDArray points = m.create(sampled.xyz(), new ai.djl.ndarray.types.Shape(1, TINY.numPoints(), 3));
            float[] f = zs.features(new ParameterStore(m, false), points).toFloatArray();
            int[] rank = ZeroShot.rank(f, ZeroShot.classEmbeddings(new MiniLmTextTeacher(), classes));
            assertEquals(classes.get(rank[0]), p.top().className());
            assertEquals(classes.get(rank[1]), p.topK(2).get(1).className());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> model.zeroShot(cloud, List.of()));
            assertTrue(none.getMessage().contains("at least one class name"));
        }
    }
}
