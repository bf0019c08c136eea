package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.NoGrad;
import io.recon4j.nn.Scope;
import io.recon4j.nn.SharedMlp;

/**
 * The patch embedding shared by all groups (official {@code Encoder}): a mini-PointNet that turns
 * each centred neighbourhood of K points into one C-dim token.
 *
 * <pre>
 * f  = first_conv(p)                 (K, 256)   Conv 3→128, BN, ReLU, Conv 128→256
 * g  = max_K f                        (256)
 * h  = second_conv([g repeated; f])   (K, C)     Conv 512→512, BN, ReLU, Conv 512→C  (global part first)
 * token = max_K h                     (C)
 * </pre>
 */
public final class MiniPointNet extends ModuleBlock {

    /** Groups embedded at once at inference: 256 × K=32 rows keep each activation near 16 MB at 512 channels. */
    static final long INFERENCE_CHUNK_GROUPS = 256;

    private final SharedMlp firstConv;
    private final SharedMlp secondConv;
    private final long channels;

    /** @param channels C, the token width ({@code encoder_dims}) */
    public MiniPointNet(long channels) {
        this.channels = channels;
        firstConv = module("first_conv", new SharedMlp(3, 128, 256));
        secondConv = module("second_conv", new SharedMlp(512, 512, channels));
    }

    /**
     * @param neighborhood (B, G, K, 3) centred group points
     * @return (B, G, C) one token per group
     */
    public NDArray forward(ParameterStore ps, NDArray neighborhood, boolean training) {
        long[] s = neighborhood.getShape().getShape();
        long b = s[0];
        long g = s[1];
        long k = s[2];
        // The (BG, K, 512) activations are the largest tensors of the model: free them as soon as the tokens exist.
        return Scope.run(neighborhood, x -> {
            NDArray p = x.reshape(b * g, k, 3);
            NDArray tokens = NoGrad.inference(training) ? embedInChunks(ps, p) : embed(ps, p, training);
            return tokens.reshape(b, g, channels);
        });
    }

    /** @param p (BG, K, 3) @return (BG, C) */
    private NDArray embed(ParameterStore ps, NDArray p, boolean training) {
        NDArray f = firstConv.forward(ps, p, training);                   // (BG, K, 256)
        NDArray global = f.max(new int[] {1}, true);                      // (BG, 1, 256)
        // Same as second_conv(concat([global repeated K times; f])), but the global half's GEMM runs once per group.
        NDArray h = secondConv.forwardConcat(ps, global, f, training);     // (BG, K, C)
        f.close();
        global.close();
        NDArray token = h.max(new int[] {1});
        h.close();
        return token;
    }

    /**
     * Inference only: groups are independent, so the (rows, 512) activations need only exist for
     * {@link #INFERENCE_CHUNK_GROUPS} groups at a time; the tokens are the same.
     *
     * @param p (BG, K, 3) @return (BG, C)
     */
    private NDArray embedInChunks(ParameterStore ps, NDArray p) {
        long groups = p.getShape().get(0);
        if (groups <= INFERENCE_CHUNK_GROUPS) {
            return embed(ps, p, false);
        }
        NDList tokens = new NDList();
        for (long from = 0; from < groups; from += INFERENCE_CHUNK_GROUPS) {
            NDArray chunk = p.get(new NDIndex("{}:{}", from, Math.min(groups, from + INFERENCE_CHUNK_GROUPS)));
            tokens.add(embed(ps, chunk, false));
            chunk.close();
        }
        NDArray all = NDArrays.concat(tokens, 0);
        tokens.close();
        return all;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
