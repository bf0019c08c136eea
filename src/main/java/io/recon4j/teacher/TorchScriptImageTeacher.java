package io.recon4j.teacher;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.recon4j.render.DepthImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An image teacher from a TorchScript file ({@code torch.jit.save}), run by DJL's PyTorch engine on the CPU.
 * The module's {@code forward} must take one (N, C, H, W) float tensor and return (N, D) (trailing axes are
 * flattened); the feature is the mean of the per-view outputs. Parameters load frozen.
 */
public final class TorchScriptImageTeacher extends FileImageTeacher {

    private final Model model;
    private final Predictor<NDList, NDList> predictor;

    private TorchScriptImageTeacher(Path file, ImageInput input, int dimension, Model model, String hash) {
        super("torchscript", file, input, dimension, hash);
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
    }

    /**
     * @param file the TorchScript {@code .pt} file
     * @param input image size, channels and normalisation the module expects
     * @param dimension D, the declared output width (checked on every call)
     * @throws IOException naming the file if it is missing or not a TorchScript module
     */
    public static TorchScriptImageTeacher load(Path file, ImageInput input, int dimension) throws IOException {
        ExternalModels.requireReadableFile(file, "TorchScript image teacher");
        if (dimension <= 0) {
            throw new IllegalArgumentException("the output dimension of " + file + " must be declared (> 0), got " + dimension);
        }
        String hash = Hashes.ofFile(file);
        Model model = Model.newInstance("image-teacher", Device.cpu(), "PyTorch");
        try {
            model.load(file.toAbsolutePath());
            return new TorchScriptImageTeacher(file, input, dimension, model, hash);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException(file + ": not a loadable TorchScript module: " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public synchronized float[] embed(List<DepthImage> views) {
        float[] pixels = ExternalModels.batch(views, input);
        int v = views.size();
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(pixels, new Shape(v, input.channels(), input.size(), input.size()));
            NDArray out = predictor.predict(new NDList(x)).get(0);
            checkOutput(out.getShape().getShape(), out.size(), v);
            return ExternalModels.meanOfRows(out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), v, dimension);
        } catch (TranslateException e) {
            throw new IllegalStateException(file + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
