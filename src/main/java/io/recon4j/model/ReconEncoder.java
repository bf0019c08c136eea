package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.GlobalQueries;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.MiniPointNet;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.PositionalMlp;
import io.recon4j.nn.ReconBlock;
import io.recon4j.nn.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The ReCon point-cloud Transformer shared by pretraining ({@code MaskTransformer}) and fine-tuning
 * ({@code PointTransformer}): patch embedding, global queries, positional MLP, ReCon blocks, final norm.
 *
 * <pre>
 * tokens = MiniPointNet(neighborhoods)                    (B, G, C) → visible rows (B, V, C)
 * x      = [cls, img, text, tokens]                       (B, 3+V, C)
 * pos    = [cls_pos, img_pos, text_pos, pos_embed(centers)]
 * for each block: (q, l) = ReconBlock(q + pos_q, l + pos_l)   // positions re-added before every block
 * out    = LayerNorm([q; l])
 * </pre>
 */
public final class ReconEncoder extends ModuleBlock {

    private final GlobalQueries queries;
    private final MiniPointNet encoder;
    private final PositionalMlp posEmbed;
    private final List<ReconBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;

    /**
     * @param config architecture
     * @param zeroClsToken start {@code cls_token} at zero (the official fine-tune model does)
     */
    public ReconEncoder(ReconConfig config, boolean zeroClsToken) {
        queries = module("", new GlobalQueries(config.transDim(), zeroClsToken));
        encoder = module("encoder", new MiniPointNet(config.transDim()));
        posEmbed = module("pos_embed", new PositionalMlp(config.transDim()));
        float[] dpr = DropPath.schedule(config.dropPath(), config.depth());
        BlockStack stack = module("blocks", new BlockStack());
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(stack.add(new ReconBlock(config.transDim(), config.heads(), 4f, dpr[i])));
        }
        norm = module("norm", new LayerNormLayer(config.transDim()));
    }

    /** The official {@code TransformerEncoder}: only a container named {@code blocks.<i>}. */
    static final class BlockStack extends ModuleBlock {
        private int count;

        <B extends ModuleBlock> B add(B block) {
            return module("blocks." + count++, block);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            throw new UnsupportedOperationException("run through the owning model");
        }
    }

    /** @param neighborhood (B, G, K, 3) @return group tokens (B, G, C) */
    public NDArray embed(ParameterStore ps, NDArray neighborhood, boolean training) {
        return encoder.forward(ps, neighborhood, training);
    }

    /** @param centers (B, G, 3) @return positional embeddings (B, G, C) */
    public NDArray position(ParameterStore ps, NDArray centers, boolean training) {
        return posEmbed.forward(ps, centers, training);
    }

    /**
     * Runs the Transformer over given local tokens.
     *
     * @param tokens (B, L, C) local tokens (all groups, or the visible ones in ascending group order)
     * @param pos (B, L, C) their positional embeddings
     * @param detachLocals stop-gradient on the queries' keys/values (pretraining)
     * @param blockOutputs if not null, receives each block's (B, 3+L, C) output (before the final norm)
     * @return (B, 3+L, C) after the final LayerNorm: rows 0..2 = cls, img, text; rows 3.. = locals
     */
    public NDArray transform(ParameterStore ps, NDArray tokens, NDArray pos, boolean detachLocals, boolean training,
                             List<NDArray> blockOutputs) {
        NDArray q = queries.tokens(ps, tokens, training);
        NDArray qPos = queries.positions(ps, tokens, training);
        NDArray l = tokens;
        for (ReconBlock block : blocks) {
            // Each block's intermediates are freed when it returns (see Scope): only (q, l) flow on.
            NDList out = Scope.run(new NDList(q.add(qPos), l.add(pos)),
                    in -> block.forward(ps, in.get(0), in.get(1), detachLocals, training));
            q = out.get(0);
            l = out.get(1);
            if (blockOutputs != null) {
                blockOutputs.add(NDArrays.concat(new NDList(q, l), 1));
            }
        }
        return norm.forward(ps, NDArrays.concat(new NDList(q, l), 1), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray neighborhood = inputs.get(0);
        NDArray centers = inputs.get(1);
        return new NDList(transform(ps, embed(ps, neighborhood, training), position(ps, centers, training),
                false, training, null));
    }
}
