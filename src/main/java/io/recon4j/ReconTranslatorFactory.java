package io.recon4j;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import io.recon4j.cloud.PointCloud;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * DJL's conventions for recon4j checkpoints: {@code PointCloud → Classifications} and {@code PointCloud → float[]}
 * (the encoder feature) through {@link Criteria}, {@link ai.djl.repository.zoo.ZooModel} and
 * {@link ai.djl.inference.Predictor}:
 *
 * <pre>{@code
 * Criteria<PointCloud, Classifications> criteria = ReconTranslatorFactory.configure(Criteria.builder()
 *         .setTypes(PointCloud.class, Classifications.class)
 *         .optModelPath(Path.of("runs/finetune-.../ckpt-best.pth")))
 *         .build();
 * try (ZooModel<PointCloud, Classifications> model = criteria.loadModel();
 *      Predictor<PointCloud, Classifications> predictor = model.newPredictor()) {
 *     Classifications c = predictor.predict(CloudIO.readPoints(Path.of("chair.ply")));
 * }
 * }</pre>
 *
 * <p>{@link #configure} adds the three settings DJL needs for a {@code .pth} that is not TorchScript: this factory, the
 * {@link ReconBlockFactory} that builds the model from the checkpoint, and {@code hasParameter=false} (the weights come
 * from the checkpoint, not from DJL's {@code .params} files); equivalently set them yourself. Thread-safety: the
 * {@code ZooModel} may be shared; a {@code Predictor} is not thread-safe, so use one predictor per thread.
 */
public final class ReconTranslatorFactory implements TranslatorFactory {

    private static final Set<Pair<Type, Type>> SUPPORTED = Set.of(new Pair<>(PointCloud.class, Classifications.class),
            new Pair<>(PointCloud.class, float[].class));

    /**
     * @param builder a criteria builder with its types and model path set
     * @return the same builder, set to load a recon4j checkpoint (translator factory, block factory, no DJL params file)
     */
    public static <I, O> Criteria.Builder<I, O> configure(Criteria.Builder<I, O> builder) {
        return builder.optEngine("PyTorch").optTranslatorFactory(new ReconTranslatorFactory())
                .optArgument("blockFactory", new ReconBlockFactory()).optOption("hasParameter", "false");
    }

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, java.util.Map<String, ?> arguments)
            throws TranslateException {
        if (!isSupported(input, output)) {
            throw new TranslateException("recon4j translates PointCloud to Classifications or float[], not " + input.getName()
                    + " to " + output.getName());
        }
        if (!(model.getBlock() instanceof CheckpointBlock block)) {
            throw new TranslateException("the model was not built from a recon4j checkpoint: load it through "
                    + "ReconTranslatorFactory.configure(builder) (or .optArgument(\"blockFactory\", new ReconBlockFactory())"
                    + " and .optOption(\"hasParameter\", \"false\"))");
        }
        if (output == Classifications.class) {
            if (!block.hasHead()) {
                throw new TranslateException(model.getName() + " is a pretraining checkpoint without a classification head; "
                        + "ask for float[] embeddings, or load a fine-tuned checkpoint");
            }
            return (Translator<I, O>) new PointCloudTranslator.Classification(block);
        }
        block.outputEmbeddings();
        return (Translator<I, O>) new PointCloudTranslator.Embedding(block);
    }
}
