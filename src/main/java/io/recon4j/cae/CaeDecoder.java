package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The CAE decoder G: self-attention blocks over the predicted masked latents <em>only</em> (plus their
 * positions), a LayerNorm, then {@code head} Linear(D → T) to the target of each masked patch (T = 8192 dVAE
 * logits officially; the pixels of a patch or the k-means vocabulary here). It never sees the visible patches.
 * Official names: {@code decoder_blocks.i.*}, {@code norm.*}, {@code head.*}.
 *
 * <p>{@link ContextAutoencoder.Decoder#LINEAR} is the paper's "without decoder" ablation: the blocks (and their
 * LayerNorm and positions) removed, only {@code head} predicting the targets from the regressor's latents.
 */
final class CaeDecoder extends ModuleBlock {

    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;
    private final LinearLayer head;

    CaeDecoder(CaeConfig config, int targetDim, ContextAutoencoder.Decoder kind) {
        if (kind == ContextAutoencoder.Decoder.BLOCKS) {
            float[] dpr = DropPath.schedule(config.dropPath(), config.decoderDepth());
            for (int i = 0; i < config.decoderDepth(); i++) {
                blocks.add(module("decoder_blocks." + i,
                        new TransformerBlock(config.dim(), config.heads(), dpr[i], config.blockOptions())));
            }
            norm = module("norm", new LayerNormLayer(config.dim(), CaeConfig.LAYER_NORM_EPS));
        } else {
            norm = null;
        }
        head = module("head", new LinearLayer(config.dim(), targetDim, true, false, config.blockOptions().weightInit(),
                io.recon4j.nn.Inits.ZEROS));
    }

    /**
     * @param predicted (B, M, D) the regressor's latents of the masked patches
     * @param maskedPos (B, M, D) their positions
     * @return (B, M, T) predictions for the masked patches
     */
    NDArray forward(ParameterStore ps, NDArray predicted, NDArray maskedPos, boolean training) {
        if (norm == null) {
            return head.forward(ps, predicted, training);
        }
        NDArray x = predicted.add(maskedPos);
        for (TransformerBlock block : blocks) {
            x = block.forward(ps, x, training);
        }
        return head.forward(ps, norm.forward(ps, x, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
