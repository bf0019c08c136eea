package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.Inits;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.NoGrad;

/**
 * The Context Autoencoder (official {@code ContextAutoencoderViT}), read top to bottom as the paper's figure:
 * <ol>
 *   <li>encoder F on the cls token + visible patches → visible latents (the cls output is set aside);</li>
 *   <li>latent contextual regressor H: mask-token queries at the masked positions read the visible latents →
 *       predicted masked latents;</li>
 *   <li>alignment target: F itself, run without gradient on the <em>masked</em> patches (cls dropped) — the
 *       official {@code alignment_encoder} shares F's weights every step, it is not an EMA;</li>
 *   <li>decoder G on the predicted masked latents only → the target of each masked patch.</li>
 * </ol>
 * Parameter names are the official ones ({@code mask_token}, {@code encoder.*}, {@code regresser.*},
 * {@code decoder.*}); official checkpoints also carry {@code alignment_encoder.*}, a copy of {@code encoder.*}.
 */
public final class ContextAutoencoder extends ModuleBlock {

    /**
     * What one forward pass produces.
     *
     * @param predictions (B, M, T) decoder outputs for the masked patches
     * @param latentPredicted (B, M, D) the regressor's latents of the masked patches
     * @param latentTarget (B, M, D) the encoder's latents of the masked patches, gradient-free
     */
    public record Output(NDArray predictions, NDArray latentPredicted, NDArray latentTarget) {
    }

    /** What maps the predicted latents to the targets. */
    public enum Decoder {
        /** The official decoder G: self-attention blocks, LayerNorm, Linear. */
        BLOCKS,
        /**
         * The paper's "without decoder" ablation (its Sec. 4 ablation of decoder and alignment: "when the decoder is
         * removed, we use a linear layer to predict the targets"): only G's final Linear, on the regressor's latents.
         */
        LINEAR
    }

    private final CaeConfig config;
    private final Parameter maskToken;
    private final CaeEncoder encoder;
    private final LatentContextualRegressor regressor;
    private final CaeDecoder decoder;

    /**
     * @param config architecture
     * @param targetDim T, the decoder's output width per masked patch (see {@link CaeTarget#dim()})
     */
    public ContextAutoencoder(CaeConfig config, int targetDim) {
        this(config, targetDim, Decoder.BLOCKS);
    }

    /**
     * @param config architecture
     * @param targetDim T, the decoder's output width per masked patch (see {@link CaeTarget#dim()})
     * @param decoder the official decoder, or the linear layer of the "without decoder" ablation
     */
    public ContextAutoencoder(CaeConfig config, int targetDim, Decoder decoder) {
        this.config = config;
        maskToken = parameter("mask_token", new Shape(1, 1, config.dim()), Parameter.Type.WEIGHT,
                Inits.truncNormalWithinStd(CaeConfig.INIT_STD));
        encoder = module("encoder", new CaeEncoder(config));
        regressor = module("regresser", new LatentContextualRegressor(config));
        this.decoder = module("decoder", new CaeDecoder(config, targetDim, decoder));
    }

    /**
     * @param ps parameter store
     * @param images (B, C, H, W) normalised images
     * @param mask which patches are masked (M per image)
     * @param training drop path on (also in the target pass, as the official module in train mode)
     * @return predictions, predicted latents and their gradient-free targets
     */
    public Output forward(ParameterStore ps, NDArray images, PatchMask mask, boolean training) {
        NDManager step = images.getManager();
        NDArray visibleIdx = mask.visible(step);
        NDArray maskedIdx = mask.masked(step);
        int b = mask.batch();

        NDArray visible = encoder.forward(ps, images, visibleIdx, training).get(new NDIndex(":, 1:, :"));
        NDArray target = alignmentTarget(ps, images, maskedIdx, training);

        NDArray pos = encoder.positions(step).get(new NDIndex(":, 1:, :")).broadcast(b, config.numPatches(), config.dim());
        NDArray maskedPos = Patches.select(pos, maskedIdx);
        NDArray visiblePos = Patches.select(pos, visibleIdx);
        NDArray queries = ps.getValue(maskToken, images.getDevice(), training).broadcast(b, mask.maskedCount(), config.dim());
        queries.attach(step); // a view of a parameter would otherwise outlive the step
        NDArray predicted = regressor.forward(ps, queries, visible, maskedPos, visiblePos, training);

        return new Output(decoder.forward(ps, predicted, maskedPos, training), predicted, target);
    }

    /**
     * The paper's encoder→decoder shortcut: every patch through F, its latents straight into G at their own
     * positions, the regressor skipped. Readable only when F's latents live where H's predictions do, which is
     * what the alignment loss enforces.
     *
     * @param images (B, C, H, W) normalised images
     * @return (B, N, T) decoder outputs for all N patches, in patch order
     */
    public NDArray shortcut(ParameterStore ps, NDArray images, boolean training) {
        NDManager step = images.getManager();
        int b = (int) images.getShape().get(0);
        int n = config.numPatches();
        NDArray all = step.arange(0, n, 1, ai.djl.ndarray.types.DataType.INT64).reshape(1, n).repeat(0, b);
        NDArray latents = encoder.forward(ps, images, all, training).get(new NDIndex(":, 1:, :"));
        NDArray pos = encoder.positions(step).get(new NDIndex(":, 1:, :")).broadcast(b, n, config.dim());
        return decoder.forward(ps, latents, pos, training);
    }

    /**
     * F on the masked patches under no-grad, cls dropped: what the predicted latents are aligned to.
     *
     * @return (B, M, D), carrying no gradient
     */
    NDArray alignmentTarget(ParameterStore ps, NDArray images, NDArray maskedIdx, boolean training) {
        try (NoGrad off = NoGrad.open()) {
            return encoder.forward(ps, images, maskedIdx, training).get(new NDIndex(":, 1:, :")).stopGradient();
        }
    }

    /** @return the encoder F (shared with the alignment target) */
    public CaeEncoder encoder() {
        return encoder;
    }

    /** @return the architecture */
    public CaeConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("call forward(ps, images, mask, training)");
    }
}
