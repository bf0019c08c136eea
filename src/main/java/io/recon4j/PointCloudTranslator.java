package io.recon4j;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.Preprocessing;
import io.recon4j.model.ReconConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL translators from a {@link PointCloud} to what a recon4j checkpoint gives: {@link Classifications} (the fine-tuned
 * head, softmax) or {@code float[]} (the encoder feature, as {@link Recon#embed}). Each cloud is prepared as the model
 * was trained ({@link Preprocessing}: pc_norm, up axis, FPS to N) and patched inside the model (FPS + kNN); DJL's default
 * stack batchifier makes {@code batchPredict} one forward pass. Stateless: a translator may serve several predictors,
 * but a DJL {@link ai.djl.inference.Predictor} itself is not thread-safe (one per thread).
 *
 * @param <O> the output type
 */
abstract class PointCloudTranslator<O> implements Translator<PointCloud, O> {

    private final Preprocessing preprocessing;
    private final ReconConfig config;

    PointCloudTranslator(CheckpointBlock block) {
        this.preprocessing = block.preprocessing();
        this.config = block.card().config();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PointCloud input) {
        PointCloud cloud = preprocessing.apply(input);
        // One sample without its batch axis: the batchifier stacks samples into (B, N, 3); the model patches them.
        return new NDList(ctx.getNDManager().create(cloud.xyz(), new Shape(config.numPoints(), 3)));
    }

    /** Class probabilities: softmax of the head's logits, named by the model card. */
    static final class Classification extends PointCloudTranslator<Classifications> {
        private final List<String> classNames;

        Classification(CheckpointBlock block) {
            super(block);
            this.classNames = block.card().classNames();
        }

        @Override
        public Classifications processOutput(TranslatorContext ctx, NDList list) {
            double[] p = Prediction.ofLogits(classNames, list.get(0).toFloatArray()).probabilities();
            List<Double> probabilities = new ArrayList<>(p.length);
            for (double v : p) {
                probabilities.add(v);
            }
            return new Classifications(classNames, probabilities);
        }
    }

    /** The encoder feature of {@link Recon#embed}. */
    static final class Embedding extends PointCloudTranslator<float[]> {
        Embedding(CheckpointBlock block) {
            super(block);
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.get(0).toFloatArray();
        }
    }
}
