package io.recon4j.teacher;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.recon4j.render.DepthImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An image teacher from an ONNX file, run by ONNX Runtime on the CPU: e.g. a user's exported CLIP or ViT image
 * tower. The model must take one float input of shape (N, C, H, W) and give (N, D) (any trailing axes are
 * flattened into D). Views are fed as one batch when the batch axis is dynamic, else one by one; the feature
 * is the mean of the per-view outputs.
 */
public final class OnnxImageTeacher extends FileImageTeacher {

    private final OrtSession session;
    private final String inputName;
    private final boolean dynamicBatch;

    private OnnxImageTeacher(Path file, ImageInput input, int dimension, OrtSession session, String inputName,
                             boolean dynamicBatch, String hash, String arithmetic) {
        super("onnx", file, input, dimension, hash, arithmetic);
        this.session = session;
        this.inputName = inputName;
        this.dynamicBatch = dynamicBatch;
    }

    /**
     * Loads and checks the model.
     *
     * @param file the .onnx file
     * @param input image size, channels and normalisation the model expects
     * @param dimension D, the declared output width (checked on every call); 0 reads it from the model's first output,
     *     which must then have a fixed width (e.g. (N, 1000) logits or (N, 1280) pooled features)
     * @throws IOException naming the file if it is missing, not ONNX, or its input does not fit {@code input}
     */
    public static OnnxImageTeacher load(Path file, ImageInput input, int dimension) throws IOException {
        ExternalModels.requireReadableFile(file, "ONNX image teacher");
        if (dimension < 0) {
            throw new IllegalArgumentException("the output dimension of " + file + " must be > 0 (or 0: read from the model), got "
                    + dimension);
        }
        String hash = Hashes.ofFile(file);
        // int8 kernels differ by CPU (Int8Arithmetic): a quantized model's identity names the path it runs on here
        String arithmetic = Int8Arithmetic.quantized(file) ? Int8Arithmetic.here() : null;
        String warning = arithmetic == null ? null : Int8Arithmetic.warning(file, arithmetic);
        if (warning != null) {
            System.err.println("warning: " + warning);
        }
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IOException(file + ": not a loadable ONNX model: " + e.getMessage(), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IOException(file + ": an image teacher needs exactly one input, the model has " + inputs.keySet());
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            if (!(in.getValue().getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
                throw new IOException(file + ": input '" + in.getKey() + "' must be a float tensor, found " + in.getValue().getInfo());
            }
            long[] shape = ti.getShape();
            long[] want = {-1, input.channels(), input.size(), input.size()};
            boolean fits = shape.length == 4;
            for (int i = 1; fits && i < 4; i++) {
                fits = shape[i] < 0 || shape[i] == want[i];
            }
            if (!fits) {
                throw new IOException(file + ": input '" + in.getKey() + "' has shape " + Arrays.toString(shape)
                        + ", expected (N, " + input.channels() + ", " + input.size() + ", " + input.size()
                        + ") from the configured image size and channels");
            }
            int d = dimension > 0 ? dimension : declaredOutputWidth(session, file);
            return new OnnxImageTeacher(file, input, d, session, in.getKey(), shape[0] < 0, hash, arithmetic);
        } catch (OrtException | IOException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(file + ": cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    /** @return the product of the first output's axes after the batch axis */
    private static int declaredOutputWidth(OrtSession session, Path file) throws OrtException, IOException {
        NodeInfo out = session.getOutputInfo().values().iterator().next();
        long width = 1;
        if (out.getInfo() instanceof TensorInfo ti && ti.getShape().length >= 2) {
            long[] shape = ti.getShape();
            for (int i = 1; i < shape.length; i++) {
                width = shape[i] > 0 ? width * shape[i] : -1;
                if (width < 0) {
                    break;
                }
            }
        } else {
            width = -1;
        }
        if (width <= 0 || width > Integer.MAX_VALUE) {
            throw new IOException(file + ": output '" + out.getName() + "' has no fixed width (" + out.getInfo()
                    + "); declare it (--img-dim)");
        }
        return (int) width;
    }

    @Override
    public float[] embed(List<DepthImage> views) {
        float[] pixels = ExternalModels.batch(views, input);
        int v = views.size();
        if (dynamicBatch) {
            return ExternalModels.meanOfRows(run(pixels, v), v, dimension);
        }
        int per = pixels.length / v;
        float[] rows = new float[v * dimension];
        for (int i = 0; i < v; i++) {
            System.arraycopy(run(Arrays.copyOfRange(pixels, i * per, (i + 1) * per), 1), 0, rows, i * dimension, dimension);
        }
        return ExternalModels.meanOfRows(rows, v, dimension);
    }

    /** @return (n, D) */
    private float[] run(float[] pixels, int n) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {n, input.channels(), input.size(), input.size()};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            OnnxValue out = r.get(0);
            if (!(out instanceof OnnxTensor ot) || ot.getInfo().type != OnnxJavaType.FLOAT) {
                throw new IllegalStateException(file + ": the first output must be a float tensor, got " + out.getInfo());
            }
            long[] os = ot.getInfo().getShape();
            long total = ot.getInfo().getNumElements();
            checkOutput(os, total, n);
            float[] values = new float[(int) total];
            ot.getFloatBuffer().get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // Closing a session only frees memory; nothing useful to do on failure.
        }
    }
}
