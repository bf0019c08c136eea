package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.ModuleBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The latent contextual regressor H (official {@code LatentRegresser}): predicts the latents of the masked
 * patches from the visible latents. Each {@link RegressorBlock} updates only the masked queries, which read
 * [visible latents ; current masked queries]; the visible latents stay exactly as the encoder produced them.
 * A final LayerNorm. Official names: {@code regressor_blocks.i.*}, {@code norm.*}.
 */
final class LatentContextualRegressor extends ModuleBlock {

    private final List<RegressorBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;

    LatentContextualRegressor(CaeConfig config) {
        float[] dpr = DropPath.schedule(config.dropPath(), config.regressorDepth());
        for (int i = 0; i < config.regressorDepth(); i++) {
            blocks.add(module("regressor_blocks." + i,
                    new RegressorBlock(config.dim(), config.heads(), dpr[i], config.blockOptions())));
        }
        norm = module("norm", new LayerNormLayer(config.dim(), CaeConfig.LAYER_NORM_EPS));
    }

    /**
     * @param masked (B, M, D) initial queries (the mask token at every masked patch)
     * @param visible (B, V, D) visible latents from the encoder (cls removed)
     * @param maskedPos (B, M, D) positions of the masked patches
     * @param visiblePos (B, V, D) positions of the visible patches
     * @return (B, M, D) predicted latents of the masked patches, after the final LayerNorm
     */
    NDArray forward(ParameterStore ps, NDArray masked, NDArray visible, NDArray maskedPos, NDArray visiblePos,
                    boolean training) {
        NDArray keyPos = NDArrays.concat(new NDList(visiblePos, maskedPos), 1);
        for (RegressorBlock block : blocks) {
            masked = block.forward(ps, masked, NDArrays.concat(new NDList(visible, masked), 1), maskedPos, keyPos, training);
        }
        return norm.forward(ps, masked, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }
}
