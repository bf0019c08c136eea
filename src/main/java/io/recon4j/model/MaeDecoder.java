package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The MAE decoder (official {@code TransformerDecoder}): standard pre-LN blocks with xavier-uniform
 * Linear weights, positions re-added before every block, final LayerNorm on the last M tokens only.
 */
final class MaeDecoder extends ModuleBlock {

    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;

    MaeDecoder(ReconConfig config) {
        float[] dpr = DropPath.schedule(config.dropPath(), config.decoderDepth());
        for (int i = 0; i < config.decoderDepth(); i++) {
            blocks.add(module("blocks." + i, new TransformerBlock(config.transDim(), config.decoderHeads(), 4f, dpr[i],
                    Inits.xavierUniform())));
        }
        norm = module("norm", new LayerNormLayer(config.transDim()));
    }

    /**
     * @param x (B, V+M, C) visible encoder rows then mask tokens
     * @param pos (B, V+M, C) decoder positions
     * @param masked M, the number of trailing rows to return
     * @return (B, M, C) normalised predictions for the masked groups
     */
    NDArray forward(ParameterStore ps, NDArray x, NDArray pos, int masked, boolean training) {
        for (TransformerBlock block : blocks) {
            x = block.forward(ps, x.add(pos), training);
        }
        long len = x.getShape().get(1);
        return norm.forward(ps, x.get(new NDIndex(":, {}:, :", len - masked)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), (int) inputs.get(1).getShape().get(1), training));
    }
}
