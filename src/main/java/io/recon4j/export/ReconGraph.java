package io.recon4j.export;

import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The fine-tuning model of ReCon ({@code ReconClassifier} with {@code ReconEncoder}, two-stream blocks) as ONNX
 * nodes, eval mode: mini-PointNet patch embedding, positional MLP, [cls, img, text] queries cross-attending to the
 * local tokens, final LayerNorm, then the head's input (4C) and the head, or the SVM feature (2C).
 *
 * <pre>
 * tokens = MiniPointNet(neighborhood)              (B, G, C)
 * q, l   = [cls, img, text] (1, 3, C), tokens
 * per block: q, l = ReconBlock(q + q_pos, l + pos_embed(centers))
 * out    = LayerNorm([q; l])                        (B, 3+G, C)
 * </pre>
 */
final class ReconGraph {

    /** The global queries in sequence order (official names). */
    private static final String[] QUERIES = {"cls", "img", "text"};
    static final int Q = QUERIES.length;

    private final Layers layers;
    private final OnnxGraph g;
    private final StateTensors weights;
    private final ReconConfig config;

    ReconGraph(OnnxGraph g, StateTensors weights, ReconConfig config) {
        this.g = g;
        this.weights = weights;
        this.config = config;
        this.layers = new Layers(g, weights);
    }

    /**
     * @param neighborhood (B, G, K, 3) centred groups
     * @param centers (B, G, 3)
     * @return (B, 3+G, C) after the final LayerNorm: [cls, img, text, locals]
     */
    ONNXRef<?> encode(ONNXRef<?> neighborhood, ONNXRef<?> centers) {
        ONNXRef<?> l = embed(neighborhood);
        ONNXRef<?> pos = layers.mlpPositions(centers);
        ONNXRef<?> q = queries("_token");
        ONNXRef<?> qPos = queries("_pos");
        for (int i = 0; i < config.depth(); i++) {
            ONNXRef<?>[] out = block("blocks.blocks." + i, g.add(q, qPos), g.add(l, pos));
            q = out[0];
            l = out[1];
        }
        return layers.layerNorm("norm", g.concat(1, q, l));
    }

    /** The official {@code Encoder}: (B, G, K, 3) → (B, G, C). */
    private ONNXRef<?> embed(ONNXRef<?> neighborhood) {
        int k = config.groupSize();
        ONNXRef<?> p = g.reshape(neighborhood, -1, k, 3);                                       // (BG, K, 3)
        ONNXRef<?> h = layers.batchNorm("encoder.first_conv.1", layers.linear("encoder.first_conv.0", p), -1, k, 128);
        ONNXRef<?> f = layers.linear("encoder.first_conv.3", g.relu(h));                      // (BG, K, 256)
        ONNXRef<?> global = g.reduceMax(f, 1, true);                                          // (BG, 1, 256)
        h = layers.linearConcat("encoder.second_conv.0", global, 256, f);                     // (BG, K, 512)
        h = layers.batchNorm("encoder.second_conv.1", h, -1, k, 512);
        h = layers.linear("encoder.second_conv.3", g.relu(h));                                // (BG, K, C)
        return g.reshape(g.reduceMax(h, 1, false), -1, config.numGroups(), config.transDim());
    }

    /** @return the three learned tokens (or positions) as one (1, 3, C) initializer */
    private ONNXRef<?> queries(String suffix) {
        int c = config.transDim();
        float[] all = new float[Q * c];
        for (int i = 0; i < Q; i++) {
            System.arraycopy(weights.get(QUERIES[i] + suffix).data(), 0, all, i * c, c);
        }
        return g.tensor("queries" + suffix, all, 1, Q, c);
    }

    /** One ReCon block ({@code ReconBlock.forward}, no stop-gradient): returns {q, l}. */
    private ONNXRef<?>[] block(String prefix, ONNXRef<?> queries, ONNXRef<?> locals) {
        int c = config.transDim();
        int h = config.heads();
        int groups = config.numGroups();
        ONNXRef<?> q = layers.layerNorm(prefix + ".norm1_contrast", queries);
        ONNXRef<?> l = layers.layerNorm(prefix + ".norm1", locals);
        q = g.add(q, layers.crossAttention(prefix + ".attn_contrast", q, Q, l, groups, c, h));
        l = g.add(l, layers.selfAttention(prefix + ".attn", l, groups, c, h));
        q = layers.layerNorm(prefix + ".norm2_contrast", q);
        l = layers.layerNorm(prefix + ".norm2", l);
        q = g.add(q, layers.mlp(prefix + ".mlp_contrast", q));
        l = g.add(l, layers.mlp(prefix + ".mlp", l));
        return new ONNXRef<?>[] {q, l};
    }

    /** @param encoded (B, 3+G, C) @return the head input [cls, img, text, max over locals] (B, 4C) */
    ONNXRef<?> classifierFeature(ONNXRef<?> encoded) {
        ONNXRef<?> queries = g.reshape(g.slice(encoded, 1, 0, Q), -1, (long) Q * config.transDim());
        ONNXRef<?> pooled = g.reduceMax(g.slice(encoded, 1, Q, Q + config.numGroups()), 1, false);
        return g.concat(1, queries, pooled);
    }

    /** @param encoded (B, 3+G, C) @return the SVM feature [max over queries, max + mean over locals] (B, 2C) */
    ONNXRef<?> svmFeature(ONNXRef<?> encoded) {
        ONNXRef<?> queries = g.reduceMax(g.slice(encoded, 1, 0, Q), 1, false);
        ONNXRef<?> locals = g.slice(encoded, 1, Q, Q + config.numGroups());
        return g.concat(1, queries, g.add(g.reduceMax(locals, 1, false), g.reduceMean(locals, 1, false)));
    }

    /** The official {@code cls_head_finetune} in eval mode (dropout is the identity): (B, 4C) → (B, classes). */
    ONNXRef<?> head(ONNXRef<?> feature, HeadType type) {
        ONNXRef<?> h = layers.linear("cls_head_finetune.0", feature);
        if (type == HeadType.LINEAR) {
            return h;
        }
        h = g.relu(layers.batchNorm("cls_head_finetune.1", h, -1, 256));
        h = g.relu(layers.batchNorm("cls_head_finetune.5", layers.linear("cls_head_finetune.4", h), -1, 256));
        return layers.linear("cls_head_finetune.8", h);
    }
}
