package io.recon4j.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** An exported model in ONNX Runtime (default CPU provider, default graph optimisations): named float inputs in, named outputs out. */
final class OrtModel implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtModel(Path file) throws OrtException {
        session = env.createSession(file.toString(), new OrtSession.SessionOptions());
    }

    OrtSession session() {
        return session;
    }

    /** One float input: row-major data and its shape. */
    record Input(float[] data, long... shape) {
    }

    /** @return every output as a flat row-major array (int64 outputs converted to float) */
    Map<String, float[]> run(Map<String, Input> inputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, Input> e : inputs.entrySet()) {
                tensors.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()), e.getValue().shape()));
            }
            try (OrtSession.Result r = session.run(tensors)) {
                Map<String, float[]> out = new LinkedHashMap<>();
                r.forEach(e -> out.put(e.getKey(), flat((OnnxTensor) e.getValue())));
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] flat(OnnxTensor t) {
        if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
            java.nio.LongBuffer b = t.getLongBuffer();
            float[] out = new float[b.remaining()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.get(i);
            }
            return out;
        }
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
