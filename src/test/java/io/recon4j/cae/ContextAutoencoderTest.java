package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.recon4j.model.Weights;
import io.recon4j.nn.ArrayFixture;
import io.recon4j.nn.Scalars;
import io.recon4j.nn.ModuleBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CAE model's wiring: regressor queries/keys/values, the gradient-free alignment target, the frozen encoder. */
@Tag("fast")
class ContextAutoencoderTest extends ArrayFixture {

    static final CaeConfig NANO = CaeConfig.nano();

    ContextAutoencoderTest() {
        super(3);
    }

    <B extends ModuleBlock> B init(B block) {
        Engine.getInstance().setRandomSeed(1);
        block.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        // Non-trivial LayerScale and LayerNorm values, so that no branch is close to the identity.
        for (Map.Entry<String, Parameter> e : block.stateDict().entrySet()) {
            if (e.getKey().contains("gamma") || e.getKey().contains("norm")) {
                NDArray a = e.getValue().getArray();
                a.set(m.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
            }
        }
        return block;
    }

    static void assertClose(NDArray want, NDArray got, float tol) {
        assertArrayEquals(want.toFloatArray(), got.toFloatArray(), tol);
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    void zero(ModuleBlock block, String... names) {
        for (String n : names) {
            NDArray a = block.stateDict().get(n).getArray();
            a.set(new float[(int) a.size()]);
        }
    }

    @Test
    void regressorPositionsEnterQueriesAndKeysButNeitherValuesNorTheResidual() {
        RegressorBlock block = init(new RegressorBlock(16, 2, 0f, NANO.blockOptions()));
        NDArray q = randn(2, 3, 16);
        NDArray kv = randn(2, 7, 16);
        NDArray qPos = randn(2, 3, 16);
        NDArray kPos = randn(2, 7, 16);
        NDArray out = block.forward(ps, q, kv, qPos, kPos, false);
        // With real weights both position inputs matter: they shape the attention weights.
        assertTrue(maxAbsDiff(out, block.forward(ps, q, kv, randn(2, 3, 16), kPos, false)) > 1e-3, "query positions unused");
        assertTrue(maxAbsDiff(out, block.forward(ps, q, kv, qPos, randn(2, 7, 16), false)) > 1e-3, "key positions unused");
        // Zero q and k projections: attention is uniform, so only values and the residual remain; positions must then
        // have no effect at all (they would if added to the values or to the residual's queries).
        zero(block, "cross_attn.q.weight", "cross_attn.q_bias", "cross_attn.k.weight");
        NDArray flat = block.forward(ps, q, kv, qPos, kPos, false);
        assertClose(flat, block.forward(ps, q, kv, randn(2, 3, 16), randn(2, 7, 16), false), 1e-5f);
        // ...while the values and the queries still flow through.
        assertTrue(maxAbsDiff(flat, block.forward(ps, q, randn(2, 7, 16), qPos, kPos, false)) > 1e-3, "values unused");
        assertTrue(maxAbsDiff(flat, block.forward(ps, randn(2, 3, 16), kv, qPos, kPos, false)) > 1e-3, "residual unused");
    }

    @Test
    void regressorBlockNormalisesBeforeTheMlpResidualAsTheOfficialCode() {
        RegressorBlock block = init(new RegressorBlock(16, 2, 0f, NANO.blockOptions()));
        // Without the MLP (fc2 zero) the output is exactly LN2(q + γ1·XAttn): a pre-LN block would return the sum itself.
        zero(block, "mlp_cross.fc2.weight", "mlp_cross.fc2.bias");
        NDArray out = block.forward(ps, randn(1, 4, 16), randn(1, 6, 16), randn(1, 4, 16), randn(1, 6, 16), false);
        Map<String, Parameter> sd = block.stateDict();
        float[] g = sd.get("norm2_cross.weight").getArray().toFloatArray();
        float[] b = sd.get("norm2_cross.bias").getArray().toFloatArray();
        float[] y = out.toFloatArray();
        for (int r = 0; r < 4; r++) {
            double mean = 0;
            double var = 0;
            for (int c = 0; c < 16; c++) {
                mean += (y[r * 16 + c] - b[c]) / g[c];
            }
            mean /= 16;
            for (int c = 0; c < 16; c++) {
                double z = (y[r * 16 + c] - b[c]) / g[c];
                var += (z - mean) * (z - mean);
            }
            assertEquals(0, mean, 1e-4, "row " + r + " is layer-normalised (mean)");
            assertEquals(1, var / 16, 1e-3, "row " + r + " is layer-normalised (variance)");
        }
    }

    @Test
    void regressorUpdatesOnlyTheMaskedQueriesAgainstUnchangedVisibleLatents() {
        CaeConfig two = new CaeConfig("two", 28, 7, 1, 16, 1, 2, 4f, 2, 1, 0.1f, 0f, 8);
        LatentContextualRegressor reg = init(new LatentContextualRegressor(two));
        NDArray masked = randn(2, 3, 16);
        NDArray visible = randn(2, 5, 16);
        NDArray mPos = randn(2, 3, 16);
        NDArray vPos = randn(2, 5, 16);
        // Reference wiring: each block reads [the encoder's visible latents ; the current masked queries].
        RegressorBlock b0 = (RegressorBlock) reg.getChildren().get(0).getValue();
        RegressorBlock b1 = (RegressorBlock) reg.getChildren().get(1).getValue();
        NDArray keyPos = NDArrays.concat(new NDList(vPos, mPos), 1);
        NDArray x = b0.forward(ps, masked, NDArrays.concat(new NDList(visible, masked), 1), mPos, keyPos, false);
        x = b1.forward(ps, x, NDArrays.concat(new NDList(visible, x), 1), mPos, keyPos, false);
        NDArray out = reg.forward(ps, masked, visible, mPos, vPos, false);
        assertEquals(new Shape(2, 3, 16), out.getShape(), "only masked queries come out");
        Parameter g = reg.stateDict().get("norm.weight");
        Parameter bias = reg.stateDict().get("norm.bias");
        NDArray want = ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(16), g.getArray(), bias.getArray(), 1e-6f).singletonOrThrow();
        assertClose(want, out, 1e-5f);
        // A masked query reads the other masked queries too (they are keys/values).
        NDArray other = masked.duplicate();
        other.set(new NDIndex(":, 2, :"), randn(2, 1, 16).reshape(2, 16));
        NDArray changed = reg.forward(ps, other, visible, mPos, vPos, false);
        assertTrue(maxAbsDiff(out.get(new NDIndex(":, 0, :")), changed.get(new NDIndex(":, 0, :"))) > 1e-4);
    }

    /** A nano model with a 49-wide head, initialised from {@code seed}. */
    ContextAutoencoder model(int seed) {
        ContextAutoencoder model = new ContextAutoencoder(NANO, 49);
        Engine.getInstance().setRandomSeed(seed);
        model.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        return model;
    }

    PatchMask randomMask(int batch, int maskedCount, long seed) {
        List<boolean[]> masks = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            masks.add(new RandomMasking(NANO.numPatches(), maskedCount).sample(new SplittableRandom(seed + i)));
        }
        return PatchMask.of(masks);
    }

    @Test
    void alignmentTargetIsTheEncoderOnTheMaskedPatchesAndCarriesNoGradient() {
        ContextAutoencoder model = model(2);
        NDArray images = randn(2, 1, 28, 28);
        PatchMask mask = randomMask(2, 8, 10);
        NDArray target;
        NDArray predicted;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ContextAutoencoder.Output out = model.forward(ps, images, mask, true);
            target = out.latentTarget();
            predicted = out.latentPredicted();
            // The target alone (the prediction only multiplied by 0 to have something to differentiate).
            gc.backward(target.sum().add(Scalars.mul(predicted.sum(), 0f)));
        }
        for (Map.Entry<String, Parameter> e : model.encoder().stateDict().entrySet()) {
            assertEquals(0f, e.getValue().getArray().getGradient().abs().sum().getFloat(), 0f, e.getKey() + " got a gradient");
        }
        // Same weights, masked patches as the visible set, cls dropped.
        NDArray again = model.encoder().forward(ps, images, mask.masked(m), true).get(new NDIndex(":, 1:, :"));
        assertClose(again, target, 1e-5f);
        assertEquals(new Shape(2, 8, NANO.dim()), target.getShape());
    }

    @Test
    void alignmentLossGradientFlowsOnlyThroughThePrediction() {
        ContextAutoencoder model = model(2);
        NDArray images = randn(2, 1, 28, 28);
        PatchMask mask = randomMask(2, 8, 20);
        Map<String, float[]> viaModel = new java.util.LinkedHashMap<>();
        NDArray fixedTarget;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ContextAutoencoder.Output out = model.forward(ps, images, mask, true);
            fixedTarget = m.create(out.latentTarget().toFloatArray(), out.latentTarget().getShape());
            gc.backward(out.latentPredicted().sub(out.latentTarget()).square().mean());
        }
        model.encoder().stateDict().forEach((k, p) -> viaModel.put(k, p.getArray().getGradient().toFloatArray()));
        // Gradients accumulate in libtorch unless zeroed: start the second pass from zero.
        model.stateDict().values().forEach(p -> p.getArray().getGradient().muli(0f));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ContextAutoencoder.Output out = model.forward(ps, images, mask, true);
            gc.backward(out.latentPredicted().sub(fixedTarget).square().mean());
        }
        double total = 0;
        for (Map.Entry<String, Parameter> e : model.encoder().stateDict().entrySet()) {
            float[] g = e.getValue().getArray().getGradient().toFloatArray();
            assertArrayEquals(g, viaModel.get(e.getKey()), 1e-6f, e.getKey() + ": the target path added a gradient");
            for (float v : g) {
                total += Math.abs(v);
            }
        }
        assertTrue(total > 1e-3, "the encoder learns through the prediction path");
    }

    @Test
    void frozenEncodingSeesEveryPatchInEvalModeWithoutGradient() {
        CaeEncoder enc = CaeEncoder.randomInit(NANO, 4, m);
        NDArray images = randn(3, 1, 28, 28);
        NDArray out = enc.encode(images);
        assertEquals(new Shape(3, 1 + NANO.numPatches(), NANO.dim()), out.getShape());
        long[] all = new long[3 * NANO.numPatches()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i % NANO.numPatches();
        }
        NDArray explicit = enc.forward(ps, images, m.create(all, new Shape(3, NANO.numPatches())), false);
        assertClose(explicit, out, 1e-5f);
        // Visible-only encoding is the same network on fewer tokens: the cls output differs from the full view.
        NDArray part = enc.forward(ps, images, m.create(new long[] {0, 5, 0, 5, 0, 5}, new Shape(3, 2)), false);
        assertEquals(new Shape(3, 3, NANO.dim()), part.getShape());
        assertTrue(maxAbsDiff(part.get(new NDIndex(":, 0, :")), out.get(new NDIndex(":, 0, :"))) > 1e-4);
        assertEquals(NANO.dim(), enc.dim());
        assertEquals(NANO.heads(), enc.heads());
    }

    @Test
    void encoderRoundTripsThroughAPretrainedCheckpoint(@TempDir Path dir) throws IOException {
        ContextAutoencoder model = model(9);
        CaePretrainConfig cfg = CaePretrainConfig.official(NANO, "test", new float[] {0.5f}, new float[] {0.5f});
        Path file = dir.resolve("pretrained.pth");
        CaeCheckpoints.savePretrained(model, cfg, file);
        CaeEncoder loaded = CaeEncoder.fromCheckpoint(file, m);
        assertEquals(NANO, loaded.config());
        NDArray images = randn(2, 1, 28, 28);
        assertClose(model.encoder().encode(images), loaded.encode(images), 1e-6f);
        assertEquals(model.encoder().identity(), loaded.identity(), "identity follows the weights");
        assertTrue(CaeEncoder.randomInit(NANO, 1, m).identity().contains("random-init"));
        // A plain state dict names no architecture.
        Weights.save(model, dir.resolve("plain.pth"));
        assertThrows(IllegalArgumentException.class, () -> CaeEncoder.fromCheckpoint(dir.resolve("plain.pth"), m));
        CaeEncoder explicit = CaeEncoder.fromCheckpoint(dir.resolve("plain.pth"), NANO, m);
        assertClose(model.encoder().encode(images), explicit.encode(images), 1e-6f);
    }

    @Test
    void decoderOutputsOneTargetRowPerMaskedPatch() {
        ContextAutoencoder model = model(1);
        ContextAutoencoder.Output out = model.forward(ps, randn(2, 1, 28, 28), randomMask(2, 8, 1), false);
        assertEquals(new Shape(2, 8, 49), out.predictions().getShape());
        assertEquals(new Shape(2, 8, NANO.dim()), out.latentPredicted().getShape());
    }
}
