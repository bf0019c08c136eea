package io.recon4j.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.ModelNetDataset;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;
import io.recon4j.model.HeadType;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported graphs in ONNX Runtime against recon4j's own grouping and DJL models. */
@Tag("fixture")
@Tag("shared")
class OnnxExportTest {

    static final Path MODELNET10 = Path.of("..", "shared", "data", "modelnet10");
    static final Path FIXTURE = Path.of("..", "shared", "fixtures", "recon-parity", "tiny");
    /** The official tiny fixture's architecture (recon-parity README §2). */
    static final ReconConfig TINY_FIXTURE = new ReconConfig(96, 2, 3, 2, 3, 16, 8, 256, 0.6f, 0.2f);
    static final float TOL = 1e-4f;

    static NDManager manager;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    // --- grouping ---

    @Test
    void patchingGraphEqualsJavaGroupingBitForBit() throws Exception {
        int n = 512;
        int b = 4;
        float[] pts = new float[b * n * 3];
        Random rnd = new Random(3);
        for (int i = 0; i < n * 3; i++) {
            pts[i] = (float) rnd.nextGaussian() * 0.5f;                   // cloud 0: generic
        }
        for (int i = 0; i < n; i++) {                                    // cloud 1: an 8×8×8 lattice, ties everywhere
            pts[3 * (n + i)] = (i % 8) / 7f - 0.5f;
            pts[3 * (n + i) + 1] = (i / 8 % 8) / 7f - 0.5f;
            pts[3 * (n + i) + 2] = (i / 64) / 7f - 0.5f;
        }
        for (int i = 0; i < n; i++) {                                    // cloud 2: 64 distinct points repeated 8×, dead zone near 0
            int j = i % 64;
            pts[3 * (2 * n + i)] = j == 5 ? 0.01f : (j % 4) / 3f - 0.5f;
            pts[3 * (2 * n + i) + 1] = j == 5 ? 0f : (j / 4 % 4) / 3f - 0.5f;
            pts[3 * (2 * n + i) + 2] = j == 5 ? 0.02f : (j / 16) / 3f - 0.5f;
        }
        // cloud 3 stays all zeros: every point in the dead zone, every pick index 0
        assertGroupingMatches(pts, b, n, 32, 32);
        assertGroupingMatches(pts, b, n, 64, 16);
    }

    @Test
    void patchingGraphEqualsJavaGroupingOnModelNet10() throws Exception {
        PointCloudDataset test = modelNet10Test();
        int n = 1024;
        int b = 16;
        assertGroupingMatches(clouds(test, b, n, test.size() / b), b, n, 64, 32);
    }

    private void assertGroupingMatches(float[] pts, int b, int n, int groups, int k) throws Exception {
        Path file = tmp.resolve("patching-" + groups + ".onnx");
        Files.write(file, OnnxExport.patchingModel(n, groups, k).toByteArray());
        Grouping want = PointGrouper.group(pts, b, n, groups, k);
        try (OrtModel ort = new OrtModel(file)) {
            Map<String, float[]> out = ort.run(Map.of(OnnxExport.POINTS, new OrtModel.Input(pts, b, n, 3)));
            assertArrayEquals(want.centers(), out.get(OnnxExport.CENTERS), "centres (FPS picks)");
            assertArrayEquals(want.neighborhood(), out.get(OnnxExport.NEIGHBORHOOD), "centred neighbourhoods (kNN)");
        }
    }

    @Test
    void cudaPriorityIsTheKernelsTieOrder() {
        // T = 4 for N = 5..7: slots in bit-reversed order 0, 2, 1, 3, each by ascending index.
        assertArrayEquals(new long[] {0, 4, 2, 6, 1, 5, 3}, PatchingGraph.cudaPriority(7));
        assertEquals(1e-3, PatchingGraph.deadZoneBound(), 1e-10);
        assertTrue(PatchingGraph.deadZoneBound() <= 1e-3 && Math.nextUp(PatchingGraph.deadZoneBound()) > 1e-3);
    }

    // --- models ---

    @Test
    void nanoClassifierAndEncoderMatchDjlOnGeneratedClouds() throws Exception {
        ReconClassifier model = randomModel(ReconConfig.NANO, 10, HeadType.FULL, 1);
        float[] pts = generatedClouds(6, ReconConfig.NANO.numPoints());
        assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.GRAPH, pts, 6);
        assertMatches(model, OnnxExport.Output.ENCODER, OnnxExport.Patching.GRAPH, pts, 6);
        assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.OUTSIDE, pts, 6);
    }

    @Test
    void nanoLinearHeadMatchesDjl() throws Exception {
        ReconClassifier model = randomModel(ReconConfig.NANO, 5, HeadType.LINEAR, 2);
        assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.GRAPH,
                generatedClouds(3, ReconConfig.NANO.numPoints()), 3);
    }

    @Test
    void nanoMatchesDjlOnModelNet10() throws Exception {
        PointCloudDataset test = modelNet10Test();
        ReconClassifier model = randomModel(ReconConfig.NANO, 10, HeadType.FULL, 3);
        int b = 16;
        float[] pts = clouds(test, b, ReconConfig.NANO.numPoints(), test.size() / b);
        assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.GRAPH, pts, b);
        assertMatches(model, OnnxExport.Output.ENCODER, OnnxExport.Patching.GRAPH, pts, b);
    }

    @Test
    void officialSizeBaseMatchesDjl() throws Exception {
        ReconClassifier model = randomModel(ReconConfig.BASE, 40, HeadType.FULL, 4);
        int b = 2;
        float[] pts = Files.isDirectory(MODELNET10)
                ? clouds(modelNet10Test(), b, ReconConfig.BASE.numPoints(), 401)
                : generatedClouds(b, ReconConfig.BASE.numPoints());
        assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.GRAPH, pts, b);
        assertMatches(model, OnnxExport.Output.ENCODER, OnnxExport.Patching.GRAPH, pts, b);
    }

    @Test
    void officialFixtureImportedThenExportedMatchesDjlAndTheOfficialLogits() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURE), "../shared/fixtures/recon-parity/tiny not present: skipping");
        Path ckpt = FIXTURE.resolve("finetune_ckpt_official_layout.pth");
        StateDict view = Weights.fineTuneView(ckpt);
        assertEquals(HeadType.FULL, OnnxExport.headOf(view));
        assertEquals(10, OnnxExport.classesOf(view));
        ReconClassifier model = ReconClassifier.builder(TINY_FIXTURE).setClasses(10)
                .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
        model.initialize(manager);
        assertTrue(Weights.loadIntoClassifier(model, ckpt).missing().isEmpty());
        float[] pts = io.recon4j.cloud.Npy.read(FIXTURE.resolve("input_points.npy")).toFloatArray();
        float[] logits = assertMatches(model, OnnxExport.Output.CLASSIFIER, OnnxExport.Patching.GRAPH, pts, 2);
        assertClose(io.recon4j.cloud.Npy.read(FIXTURE.resolve("logits.npy")).toFloatArray(), logits, "official logits");
        assertMatches(model, OnnxExport.Output.ENCODER, OnnxExport.Patching.GRAPH, pts, 2);
    }

    @Test
    void refusesOtherArchitecturesClearly() {
        ReconClassifier model = ReconClassifier.builder(ReconConfig.NANO).setClasses(10)
                .optMethod(PretrainMethod.TWOTOWER).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.builder().setModel(model).build());
        assertTrue(e.getMessage().contains("twotower"), e.getMessage());
    }

    @Test
    void graphDeclaresNamedInputsOutputsAndADynamicBatch() {
        ReconClassifier model = randomModel(ReconConfig.NANO, 7, HeadType.FULL, 5);
        OnnxMl.GraphProto graph = OnnxExport.builder().setModel(model).build().toModel().getGraph();
        assertEquals(OnnxExport.POINTS, graph.getInput(0).getName());
        OnnxMl.TensorShapeProto in = graph.getInput(0).getType().getTensorType().getShape();
        assertEquals("batch", in.getDim(0).getDimParam());
        assertEquals(512, in.getDim(1).getDimValue());
        assertEquals(3, in.getDim(2).getDimValue());
        assertEquals(OnnxExport.LOGITS, graph.getOutput(0).getName());
        assertEquals(7, graph.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertTrue(graph.getNodeList().stream().allMatch(node -> node.getDomain().isEmpty()), "standard operators only");
    }

    // --- helpers ---

    /**
     * Exports {@code model}, runs it in ONNX Runtime and asserts it equals the DJL model (eval mode, Java grouping).
     *
     * @return the ONNX Runtime output
     */
    private float[] assertMatches(ReconClassifier model, OnnxExport.Output what, OnnxExport.Patching patching, float[] pts,
                                  int b) throws Exception {
        ReconConfig c = model.config();
        Path file = tmp.resolve(what + "-" + patching + ".onnx");
        OnnxExport.builder().setModel(model).optOutput(what).optPatching(patching).build().write(file);
        ModelClassifier djl = new ModelClassifier(model, manager);
        float[] want = (what == OnnxExport.Output.CLASSIFIER ? djl.logits() : djl.svmFeatures()).apply(pts, b, c.numPoints());
        Map<String, OrtModel.Input> inputs;
        if (patching == OnnxExport.Patching.GRAPH) {
            inputs = Map.of(OnnxExport.POINTS, new OrtModel.Input(pts, b, c.numPoints(), 3));
        } else {
            Grouping gr = PointGrouper.group(pts, b, c.numPoints(), c.numGroups(), c.groupSize());
            inputs = Map.of(OnnxExport.NEIGHBORHOOD, new OrtModel.Input(gr.neighborhood(), b, c.numGroups(), c.groupSize(), 3),
                    OnnxExport.CENTERS, new OrtModel.Input(gr.centers(), b, c.numGroups(), 3));
        }
        try (OrtModel ort = new OrtModel(file)) {
            float[] got = ort.run(inputs).get(what == OnnxExport.Output.CLASSIFIER ? OnnxExport.LOGITS : OnnxExport.FEATURE);
            assertClose(want, got, what + " " + patching + " vs DJL");
            return got;
        }
    }

    static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + ": length");
        float worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        System.out.printf("%s: max abs diff %.3g over %d values%n", what, worst, want.length);
        assertTrue(worst <= TOL, what + ": max abs diff " + worst + " > " + TOL);
    }

    /** A classifier with random weights and random (non-trivial) BatchNorm statistics. */
    static ReconClassifier randomModel(ReconConfig config, int classes, HeadType head, int seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(seed);
        ReconClassifier model = ReconClassifier.builder(config).setClasses(classes).optHead(head).build();
        model.initialize(manager);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
            NDArray a = e.getValue().getArray();
            float[] v = a.toFloatArray();
            boolean stat = e.getKey().endsWith("running_mean") || e.getKey().endsWith("running_var");
            boolean token = e.getKey().endsWith("_token") || e.getKey().endsWith("_pos");
            if (!stat && !token) {
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = e.getKey().endsWith("running_var") ? (float) rnd.nextDouble(0.5, 2.0)
                        : (float) rnd.nextDouble(-0.3, 0.3);
            }
            a.set(v);
        }
        return model;
    }

    static PointCloudDataset modelNet10Test() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(MODELNET10), "../shared/data/modelnet10 not present: skipping");
        return ModelNetDataset.test(MODELNET10);
    }

    /** @return b clouds of the dataset (every {@code stride}-th), through the test pipeline, (b, n, 3) */
    static float[] clouds(PointCloudDataset data, int b, int n, int stride) throws IOException {
        float[] out = new float[b * n * 3];
        for (int i = 0; i < b; i++) {
            PointCloud c = DatasetPipelines.modelNetTest(n).apply(data.get(i * stride % data.size()).points(),
                    new SplittableRandom(i));
            System.arraycopy(c.xyz(), 0, out, i * n * 3, n * 3);
        }
        return out;
    }

    /** @return b clouds of recon4j's procedural shapes (no ../shared needed), (b, n, 3) */
    static float[] generatedClouds(int b, int n) throws IOException {
        return clouds(ProceduralShapes.test(ProceduralShapes.Config.defaults()), b, n, 7);
    }
}
