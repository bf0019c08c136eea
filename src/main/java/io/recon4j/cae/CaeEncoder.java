package io.recon4j.cae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.model.ImportReport;
import io.recon4j.model.Weights;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.NoGrad;
import io.recon4j.nn.TransformerBlock;
import io.recon4j.probe.FrozenEncoder;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The CAE encoder F ({@code VisionTransformerEncoder}): patch embedding, fixed 2-D sin-cos positions, a cls
 * token (position zero), ViT blocks with q/v biases, LayerScale and drop path, a final LayerNorm. In pretraining
 * it sees the cls token and the <em>visible</em> patches only; as a {@link FrozenEncoder} it sees every patch.
 * Parameter names are the official {@code encoder.*} ones.
 */
public final class CaeEncoder extends ModuleBlock implements FrozenEncoder {

    private final CaeConfig config;
    private final PatchEmbedding patchEmbed;
    private final Parameter clsToken;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;
    private final float[] positions;
    private String identity;

    /** An uninitialised encoder; see {@link #randomInit} and {@link #fromCheckpoint}. */
    public CaeEncoder(CaeConfig config) {
        this.config = config;
        clsToken = parameter("cls_token", new Shape(1, 1, config.dim()), Parameter.Type.WEIGHT,
                Inits.truncNormalWithinStd(CaeConfig.INIT_STD));
        patchEmbed = module("patch_embed", new PatchEmbedding(config.channels(), config.dim(), config.patchSize()));
        float[] dpr = io.recon4j.nn.DropPath.schedule(config.dropPath(), config.depth());
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(module("blocks." + i, new TransformerBlock(config.dim(), config.heads(), dpr[i], config.blockOptions())));
        }
        norm = module("norm", new LayerNormLayer(config.dim(), CaeConfig.LAYER_NORM_EPS));
        positions = SinCosPositions.table(config.gridSize(), config.gridSize(), config.dim());
    }

    /** @return a freshly initialised encoder (the official init), seeded */
    public static CaeEncoder randomInit(CaeConfig config, long seed, NDManager manager) {
        Engine.getInstance().setRandomSeed((int) seed);
        CaeEncoder e = new CaeEncoder(config);
        e.initialize(manager, DataType.FLOAT32, new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
        e.identity = String.format(Locale.ROOT, "cae-%s-%dpx-%dch random-init seed %d", config.name(), config.imageSize(),
                config.channels(), seed);
        return e;
    }

    /**
     * Loads the encoder of a recon4j CAE run ({@code pretrained.pth} or {@code ckpt-*.pth}); the architecture is
     * read from the file.
     *
     * @throws IllegalArgumentException if the file carries no CAE configuration or lacks encoder weights
     */
    public static CaeEncoder fromCheckpoint(Path file, NDManager manager) throws IOException {
        return fromCheckpoint(file, CaeCheckpoints.config(file), manager);
    }

    /**
     * Loads the {@code encoder.*} weights of a CAE checkpoint (recon4j or the official layout) into an encoder of
     * the given architecture.
     */
    public static CaeEncoder fromCheckpoint(Path file, CaeConfig config, NDManager manager) throws IOException {
        CaeEncoder e = randomInit(config, 0, manager);
        StateDict sd = StateDict.read(file).removeModulePrefix().stripPrefixes("encoder.");
        ImportReport report = Weights.load(e, sd);
        if (!report.missing().isEmpty()) {
            throw new IllegalArgumentException(file + " lacks " + report.missing().size() + " encoder tensors, e.g. "
                    + report.missing().get(0) + " (not a CAE checkpoint of size " + config.name() + "?)");
        }
        e.identity = null;
        return e;
    }

    /**
     * @param ps parameter store
     * @param images (B, C, H, W) normalised images
     * @param visible (B, V) int64 indices of the patches to encode, ascending; null for all P patches
     * @param training drop path on
     * @return (B, 1 + V, D) after the final LayerNorm, the cls token first
     */
    public NDArray forward(ParameterStore ps, NDArray images, NDArray visible, boolean training) {
        NDManager step = images.getManager();
        int b = (int) images.getShape().get(0);
        NDArray pos = positions(step);
        // Adding positions to every patch and then selecting equals the official select-then-add.
        NDArray x = patchEmbed.forward(ps, images, training).add(pos.get(new NDIndex(":, 1:, :")));
        if (visible != null) {
            x = Patches.select(x, visible);
        }
        NDArray cls = ps.getValue(clsToken, images.getDevice(), training).broadcast(b, 1, config.dim());
        cls.attach(step); // a view of a parameter would otherwise outlive the step
        x = NDArrays.concat(new NDList(cls, x), 1);
        for (TransformerBlock block : blocks) {
            x = block.forward(ps, x, training);
        }
        return norm.forward(ps, x, training);
    }

    /** Every patch visible, eval mode, no gradient: (B, C, H, W) → (B, 1 + P, D). */
    @Override
    public NDArray encode(NDArray images) {
        try (NoGrad off = NoGrad.open()) {
            return forward(new ParameterStore(images.getManager(), false), images, null, false);
        }
    }

    @Override
    public int dim() {
        return config.dim();
    }

    /** @return H, the attention heads of every block (the attentive probe uses as many) */
    @Override
    public int heads() {
        return config.heads();
    }

    /** @return the size name, input, and a CRC of the weights (or the random-init seed) */
    @Override
    public String identity() {
        if (identity == null) {
            CRC32 crc = new CRC32();
            for (Parameter p : stateDict().values()) {
                float[] v = p.getArray().toFloatArray();
                ByteBuffer bytes = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v);
                crc.update(bytes);
            }
            identity = String.format(Locale.ROOT, "cae-%s-%dpx-%dch weights-crc %08x", config.name(), config.imageSize(),
                    config.channels(), crc.getValue());
        }
        return identity;
    }

    /** @return the architecture */
    public CaeConfig config() {
        return config;
    }

    /** @return the fixed positions as (1, 1 + P, D) in {@code manager} (the cls slot zero) */
    NDArray positions(NDManager manager) {
        return manager.create(positions, new Shape(1, config.numPatches() + 1, config.dim()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
