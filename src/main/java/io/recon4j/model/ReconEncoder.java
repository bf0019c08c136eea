package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.Scope;
import io.recon4j.nn.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The point-cloud Transformer shared by every pretraining method and by fine-tuning: patch embedding, global
 * queries, positional MLP, blocks, final norm. ReCon ({@code MaskTransformer} / {@code PointTransformer}) uses
 * two-stream ReCon blocks; the paper's baselines use standard blocks over one sequence ({@link Stream}).
 *
 * <pre>
 * (nb, ctr) = PointPatching(points)                       (B, N, 3) → (B, G, K, 3), (B, G, 3)
 * tokens = MiniPointNet(nb)                               (B, G, C) → visible rows (B, V, C)
 * x      = [queries, tokens]                              (B, Q+V, C), e.g. [cls, img, text, locals]
 * pos    = [query positions, pos_embed(centers)]
 * TWO_STREAM:    (q, l) = ReconBlock(q + pos_q, l + pos_l)  // queries read the locals only
 * SINGLE_STREAM: x = TransformerBlock(x + pos)              // plain self-attention over all rows
 * out    = LayerNorm(x)                                   // positions re-added before every block
 * </pre>
 */
public final class ReconEncoder extends ModuleBlock {

    /** How queries and local tokens interact. */
    public enum Stream {
        /** ReCon blocks: queries cross-attend to the locals (stop-gradient in pretraining); locals never read them. */
        TWO_STREAM,
        /** Standard pre-LN blocks over [queries; locals] as one sequence, as Point-MAE and the official two-tower towers. */
        SINGLE_STREAM
    }

    private final Stream stream;
    private final PointPatching patching;
    private final GlobalQueries queries;
    private final MiniPointNet encoder;
    private final PositionalMlp posEmbed;
    private final List<ModuleBlock> blocks = new ArrayList<>();
    private final LayerNormLayer norm;

    /**
     * ReCon's encoder as the official fine-tune model ({@code PointTransformer}) builds it: two-stream blocks,
     * [cls, img, text] queries, {@code cls_token} starting at zero.
     *
     * @param config architecture
     */
    public static ReconEncoder finetuned(ReconConfig config) {
        return new ReconEncoder(config, Stream.TWO_STREAM, GlobalQueries.Layout.RECON, true);
    }

    /**
     * @param config architecture
     * @param stream ReCon blocks or standard blocks
     * @param layout the global tokens, or null for none (the two-tower MAE tower in pretraining)
     * @param zeroClsToken start {@code cls_token} at zero
     */
    ReconEncoder(ReconConfig config, Stream stream, GlobalQueries.Layout layout, boolean zeroClsToken) {
        this.stream = stream;
        // No parameters, so not registered: the state dict stays the official one.
        patching = new PointPatching(config.numGroups(), config.groupSize());
        queries = layout == null ? null : module("", new GlobalQueries(config.transDim(), layout, zeroClsToken));
        encoder = module("encoder", new MiniPointNet(config.transDim()));
        posEmbed = module("pos_embed", new PositionalMlp(config.transDim()));
        float[] dpr = DropPath.schedule(config.dropPath(), config.depth());
        BlockStack stack = module("blocks", new BlockStack());
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(stack.add(stream == Stream.TWO_STREAM
                    ? new ReconBlock(config.transDim(), config.heads(), 4f, dpr[i])
                    : new TransformerBlock(config.transDim(), config.heads(), 4f, dpr[i], Inits.truncNormal(0.02f))));
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

    /** @return the patching step (FPS + kNN) that turns (B, N, 3) points into this encoder's input */
    public PointPatching patching() {
        return patching;
    }

    /** @return how queries and locals interact */
    public Stream stream() {
        return stream;
    }

    /** @return the global tokens' layout, or null when the encoder has none */
    public GlobalQueries.Layout layout() {
        return queries == null ? null : queries.layout();
    }

    /** @return Q, the number of global rows in front of the locals in {@link #transform}'s output */
    public int queryCount() {
        return queries == null ? 0 : queries.layout().count();
    }

    /**
     * The encoder over every patch, without stop-gradient (fine-tuning, features).
     *
     * @param patches (B, G, K, 3) neighbourhoods and (B, G, 3) centres
     * @param blockOutputs if not null, receives each block's (B, Q+G, C) output
     * @return the (B, Q+G, C) rows after the final LayerNorm, by role
     */
    public Tokens encode(ParameterStore ps, Patches patches, boolean training, List<NDArray> blockOutputs) {
        NDArray tokens = embed(ps, patches.neighborhood(), training);
        NDArray pos = position(ps, patches.centers(), training);
        return new Tokens(transform(ps, tokens, pos, false, training, blockOutputs), layout());
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
     * @param tokens (B, V, C) local tokens (all G groups, or the V visible ones in ascending group order)
     * @param pos (B, V, C) their positional embeddings
     * @param detachLocals stop-gradient on the queries' keys/values (ReCon pretraining; two-stream only)
     * @param blockOutputs if not null, receives each block's (B, Q+V, C) output (before the final norm)
     * @return (B, Q+V, C) after the final LayerNorm: rows 0..Q-1 = the queries (ReCon: cls, img, text); then locals
     */
    public NDArray transform(ParameterStore ps, NDArray tokens, NDArray pos, boolean detachLocals, boolean training,
                             List<NDArray> blockOutputs) {
        if (stream == Stream.SINGLE_STREAM) {
            return singleStream(ps, tokens, pos, training, blockOutputs);
        }
        NDArray q = queries.tokens(ps, tokens, training);
        NDArray qPos = queries.positions(ps, tokens, training);
        NDArray l = tokens;
        for (ModuleBlock block : blocks) {
            // Each block's intermediates are freed when it returns (see Scope): only (q, l) flow on.
            NDList out = Scope.run(new NDList(q.add(qPos), l.add(pos)),
                    in -> ((ReconBlock) block).forward(ps, in.get(0), in.get(1), detachLocals, training));
            q = out.get(0);
            l = out.get(1);
            if (blockOutputs != null) {
                blockOutputs.add(NDArrays.concat(new NDList(q, l), 1));
            }
        }
        return norm.forward(ps, NDArrays.concat(new NDList(q, l), 1), training);
    }

    /** x = [queries; locals]; every block sees every row (no stop-gradient exists in one stream). */
    private NDArray singleStream(ParameterStore ps, NDArray tokens, NDArray pos, boolean training, List<NDArray> blockOutputs) {
        NDArray x = tokens;
        NDArray p = pos;
        if (queries != null) {
            x = NDArrays.concat(new NDList(queries.tokens(ps, tokens, training), tokens), 1);
            p = NDArrays.concat(new NDList(queries.positions(ps, tokens, training), pos), 1);
        }
        for (ModuleBlock block : blocks) {
            x = Scope.run(x.add(p), in -> ((TransformerBlock) block).forward(ps, in, training));
            if (blockOutputs != null) {
                blockOutputs.add(x);
            }
        }
        return norm.forward(ps, x, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // (B, N, 3) points; or pre-grouped (neighbourhoods, centres)
        Patches p = inputs.size() == 1 ? patching.patchify(inputs.get(0)) : Patches.of(inputs.get(0), inputs.get(1));
        return new NDList(encode(ps, p, training, null).x());
    }
}
