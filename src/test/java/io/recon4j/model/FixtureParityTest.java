package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.cloud.Npy;
import io.recon4j.cloud.NpyArray;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every saved intermediate of the official code's tiny fixtures, reproduced to 1e-4 absolute. */
@Tag("fixture")
class FixtureParityTest {

    static final Path DIR = Path.of("..", "shared", "fixtures", "recon-parity", "tiny");
    static final ReconConfig TINY_FIXTURE = new ReconConfig(96, 2, 3, 2, 3, 16, 8, 256, 0.6f, 0.2f);
    static final float TOL = 1e-4f;

    static NDManager manager;
    static Grouping grouping;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/recon-parity/tiny not present: skipping parity tests");
        manager = NDManager.newBaseManager();
        grouping = PointGrouper.group(npy("input_points").toFloatArray(), 2, 256, 16, 8);
    }

    @AfterAll
    static void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }

    static NpyArray npy(String name) throws IOException {
        return Npy.read(DIR.resolve(name + ".npy"));
    }

    static void assertClose(String name, NDArray actual) throws IOException {
        NpyArray want = npy(name);
        assertArrayEquals(want.shape(), actual.getShape().getShape(), name + " shape");
        float[] a = actual.toFloatArray();
        float[] w = want.toFloatArray();
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - w[i]));
        }
        assertTrue(worst <= TOL, name + ": max abs diff " + worst + " > " + TOL);
    }

    @Test
    void groupingMatchesExactly() throws IOException {
        assertArrayEquals(npy("fps_idx").toIntArray(), grouping.fpsIdx());
        assertArrayEquals(npy("neighborhood_idx_sorted").toIntArray(), grouping.neighborIdx());
        assertArrayEquals(npy("centers").toFloatArray(), grouping.centers());
        assertArrayEquals(npy("neighborhood").toFloatArray(), grouping.neighborhood());
    }

    @Test
    void fineTuneModelMatchesEveryIntermediate() throws IOException {
        for (String file : List.of("finetune_model.pth", "finetune_ckpt_official_layout.pth")) {
            try (NDManager m = manager.newSubManager()) {
                ReconClassifier model = ReconClassifier.builder(TINY_FIXTURE).setClasses(10).build();
                model.initialize(m);
                ImportReport report = Weights.loadIntoClassifier(model, DIR.resolve(file));
                assertEquals(List.of(), report.ignored(), file);
                assertEquals(List.of(), report.missing(), file);
                assertEquals(92, report.used().size());

                ParameterStore ps = new ParameterStore(m, false);
                // The model's own patching of the official input points.
                Patches patches = model.patching().patchify(m.create(npy("input_points").toFloatArray(), new Shape(2, 256, 3)));
                assertClose("neighborhood", patches.neighborhood());
                assertClose("centers", patches.centers());
                assertClose("group_tokens", model.encoder().embed(ps, patches.neighborhood(), false));
                assertClose("pos", model.encoder().position(ps, patches.centers(), false));
                List<NDArray> blocks = new ArrayList<>();
                Tokens encoded = model.encode(ps, patches, false, blocks);
                assertClose("blocks_out", ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(blocks)));
                assertClose("encoder_out", encoded.x());
                NDArray feature = model.preLogits(List.of(encoded));
                assertClose("concat_feature", feature);
                assertClose("logits", model.classify(ps, feature, false));
                assertClose("logits", model.forward(ps, m.create(npy("input_points").toFloatArray(), new Shape(2, 256, 3)),
                        false));
                // Without gradient recording the mini-PointNet normalises in place (the inference path of every classifier).
                try (io.recon4j.nn.NoGrad ng = io.recon4j.nn.NoGrad.open()) {
                    assertClose("group_tokens", model.encoder().embed(ps, patches.neighborhood(), false));
                    assertClose("logits", model.forward(ps, m.create(npy("input_points").toFloatArray(),
                            new Shape(2, 256, 3)), false));
                }
            }
        }
    }

    @Test
    void pretrainModelMatchesEveryIntermediateAndLoss() throws IOException {
        for (String file : List.of("pretrain_model.pth", "pretrain_ckpt_official_layout.pth")) {
            try (NDManager m = manager.newSubManager()) {
                ReconPretrainer model = ReconPretrainer.builder(TINY_FIXTURE.withDropPath(0.1f)).optImageTeacher(768)
                        .optTextTeacher(512).build();
                model.initialize(m);
                ImportReport report = Weights.loadIntoPretrainer(model, DIR.resolve(file));
                assertEquals(List.of(), report.ignored(), file);
                assertEquals(List.of(), report.missing(), file);

                ParameterStore ps = new ParameterStore(m, false);
                NDArray nb = grouping.neighborhood(m);
                NDArray centers = grouping.centers(m);
                NDArray img = m.create(npy("teacher_img").toFloatArray(), new Shape(2, 768));
                NDArray text = m.create(npy("teacher_text").toFloatArray(), new Shape(2, 512));
                assertClose("pre_group_tokens", model.encoder().embed(ps, nb, false));
                PretrainOutput out = model.forward(ps, Patches.of(nb, centers), npy("mask").toBooleanArray(), img, text,
                        false);
                assertClose("pre_encoder_out", out.encoded().x());
                assertClose("pre_decoder_out", out.decoded());
                assertClose("rebuild_points", out.rebuild());
                assertClose("gt_points", out.target());
                assertClose("img_query_proj", out.imgProjection());
                assertClose("text_query_proj", out.textProjection());
                assertClose("loss_chamfer_l2", out.losses().get("mdm"));
                assertClose("loss_img", out.losses().get("csc_img"));
                assertClose("loss_text", out.losses().get("csc_text"));
                assertClose("loss_total", out.total());
            }
        }
    }

    @Test
    void pretrainCheckpointTransfersToTheClassifierAsTheOfficialLoader() throws IOException {
        try (NDManager m = manager.newSubManager()) {
            ReconClassifier model = ReconClassifier.builder(TINY_FIXTURE).setClasses(10)
                    .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
            model.initialize(m);
            ImportReport r = Weights.loadIntoClassifier(model, DIR.resolve("pretrain_ckpt_official_layout.pth"));
            assertEquals(16, r.missing().size(), r.describe());
            assertTrue(r.missing().stream().allMatch(k -> k.startsWith("cls_head_finetune.")), r.describe());
            assertEquals(35, r.ignored().size(), r.describe());
            assertEquals(76, r.used().size(), r.describe());
            // The transferred encoder reproduces the pretrain model's patch tokens.
            ParameterStore ps = new ParameterStore(m, false);
            assertClose("pre_group_tokens", model.encoder().embed(ps, grouping.neighborhood(m), false));
        }
    }
}
