package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.image.ImageDataset;
import io.recon4j.image.RenderedViews;
import io.recon4j.model.Masking;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import io.recon4j.teacher.DistillationConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.ImageInput;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.Teachers;
import io.recon4j.train.MetricsLog;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.RunFolder;
import io.recon4j.model.ReconConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in image teacher of ReCon: a CAE checkpoint, loaded by name, used end to end in pretraining. */
@Tag("train")
class CaeImageTeacherTest {

    private static final CaeConfig NANO = CaeConfig.nano();
    private static final ProceduralShapes SHAPES =
            ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 1).withNumPoints(128));

    private static Path checkpoint(Path dir) throws IOException {
        Path file = dir.resolve("pretrained.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ContextAutoencoder model = new ContextAutoencoder(NANO, 49);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            CaeCheckpoints.savePretrained(model, CaePretrainConfig.official(NANO, "test views", new float[] {0.1f},
                    new float[] {0.3f}), file);
        }
        return file;
    }

    @Test
    void loadsByNameWithTheCheckpointsSizeAndNormalisationAndPoolsTheClsTokenOverViews(@TempDir Path dir) throws IOException {
        Path file = checkpoint(dir);
        List<DepthImage> views = new DepthRenderer(RenderConfig.of(28, 2)).render(SHAPES.get(0).points());
        // the command line's ImageNet/224 settings are overridden by what the checkpoint records
        try (ImageTeacher t = Teachers.image("cae:" + file, ImageInput.imagenet(224), 0);
             NDManager m = NDManager.newBaseManager()) {
            assertEquals(28, t.input().size());
            assertEquals(1, t.input().channels());
            assertArrayEquals(new float[] {0.1f}, t.input().mean());
            assertEquals(NANO.dim(), t.dimension());
            float[] got = t.embed(views);

            // reference: the encoder itself on (pixels - 0.1) / 0.3, cls token, mean over the two views
            CaeEncoder e = CaeEncoder.fromCheckpoint(file, m);
            float[] chw = new float[2 * 28 * 28];
            for (int v = 0; v < 2; v++) {
                float[] px = views.get(v).pixels();
                for (int i = 0; i < px.length; i++) {
                    chw[v * 784 + i] = (px[i] - 0.1f) / 0.3f;
                }
            }
            NDArray tokens = e.encode(m.create(chw, new Shape(2, 1, 28, 28)));
            float[] want = tokens.get(new NDIndex(":, 0, :")).mean(new int[] {0}).toFloatArray();
            assertArrayEquals(want, got, 1e-5f);
            assertFalse(t.identity().isEmpty());
        }
    }

    @Test
    void renderedViewsAreLabelledDepthImagesOfEveryShape() throws IOException {
        ImageDataset views = RenderedViews.of(SHAPES, RenderConfig.of(28, 2));
        assertEquals(2 * SHAPES.size(), views.size());
        assertEquals(28, views.height());
        assertEquals(SHAPES.get(3).label(), views.label(7)); // shape 3, second view
        ImageDataset.ChannelStats stats = views.channelStats();
        assertTrue(stats.mean()[0] > 0 && stats.mean()[0] < 1, "depth pixels in (0, 1), background 0");
    }

    @Test
    void reconPretrainingDistilsTheCaeTeacher(@TempDir Path dir) throws IOException {
        Path file = checkpoint(dir);
        try (ImageTeacher t = Teachers.image("cae:" + file, ImageInput.imagenet(224), 0);
             NDManager m = NDManager.newBaseManager()) {
            DistillationTargets targets = DistillationTargets.prepare(SHAPES, null, t, RenderConfig.of(t.input().size(), 1),
                    FeatureCache.at(dir.resolve("cache")));
            ReconConfig small = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.6f, 0f);
            PretrainConfig cfg = PretrainConfig.builder(small).optEpochs(1).optBatchSize(8).optLr(1e-3)
                    .optWarmupEpochs(0).optSeed(3).build()
                    .withDistillation(targets, DistillationConfig.official(targets, false));
            Path run = dir.resolve("run");
            TrainingLoop.Result r = Pretraining.run(cfg, SHAPES, targets, RunFolder.at(run), false, m);
            assertTrue(r.completed());
            List<Map<String, Object>> log = MetricsLog.read(run.resolve("metrics.jsonl"));
            double img = log.stream().filter(x -> "step".equals(x.get("kind"))).mapToDouble(x -> ((Number) x.get("csc_img")).doubleValue())
                    .findFirst().orElseThrow();
            assertTrue(img > 0 && Double.isFinite(img), "the image distillation term is trained: " + img);
        }
    }
}
