package io.recon4j;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.data.Preprocessing;
import io.recon4j.model.ModelCard;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.nn.NoGrad;

/**
 * The DJL block of a loaded checkpoint ({@link ReconBlockFactory}): a {@link ReconClassifier} with its weights, run in
 * eval mode without an autograd graph, plus the model card the translators prepare clouds by. Input: neighbourhoods
 * (B, G, K, 3) and centres (B, G, 3); output: logits (B, classes), or the encoder feature (B, D) once an embedding
 * translator has asked for it.
 */
final class CheckpointBlock extends AbstractBlock {

    private final ReconClassifier model;
    private final ModelCard card;
    private final Preprocessing preprocessing;
    private final boolean hasHead;
    private volatile boolean embedding;

    CheckpointBlock(ReconClassifier model, ReconCheckpoint checkpoint) {
        this.model = model;
        this.card = checkpoint.card();
        this.preprocessing = checkpoint.preprocessing();
        this.hasHead = checkpoint.hasHead();
        addChildBlock("recon", model);
    }

    ModelCard card() {
        return card;
    }

    Preprocessing preprocessing() {
        return preprocessing;
    }

    boolean hasHead() {
        return hasHead;
    }

    /** Makes the block output the encoder feature instead of logits (set once, when the translator is made). */
    void outputEmbeddings() {
        embedding = true;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        try (NoGrad off = NoGrad.open()) {
            Patches p = model.patching().patchify(inputs.get(0)); // (B, N, 3) points
            return new NDList(embedding ? model.svmFeature(ps, p, false) : model.forward(ps, p, false));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, embedding ? model.svmWidth() : model.classes())};
    }
}
