package io.recon4j.teacher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes tiny ONNX models for tests, by hand: ONNX files are protobuf {@code ModelProto} messages, and
 * this class encodes the few fields needed (field numbers from onnx/onnx.proto, IR version 8, opset 13).
 * The model is {@code feat = Flatten(pixels, axis=1) · W}: input (N, C, H, W) float, output (N, D), with
 * W a (C·H·W, D) initializer.
 */
final class OnnxModels {

    private OnnxModels() {
    }

    /** A protobuf message being written: tag-length-value fields in order. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Message bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Message string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message m) {
            return bytes(field, m.toBytes());
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }

    /** ValueInfoProto for a float tensor; a negative dimension becomes the symbolic dimension "N". */
    static Message floatTensor(String name, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            shape.message(1, d < 0 ? new Message().string(2, "N") : new Message().varint(1, d));
        }
        Message tensorType = new Message().varint(1, 1).message(2, shape); // elem_type FLOAT = 1
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /**
     * @param batch N, or -1 for a dynamic batch axis
     * @param weights (C·H·W, D) row-major
     * @return the model's bytes
     */
    static byte[] linear(long batch, int channels, int size, int dim, float[] weights) {
        int in = channels * size * size;
        if (weights.length != in * dim) {
            throw new IllegalArgumentException("weights must be " + in + "x" + dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights) {
            raw.putFloat(w);
        }
        Message w = new Message().varint(1, in).varint(1, dim).varint(2, 1).string(8, "W").bytes(9, raw.array());
        Message flatten = new Message().string(1, "pixels").string(2, "flat").string(3, "flatten").string(4, "Flatten")
                .message(5, new Message().string(1, "axis").varint(3, 1).varint(20, 2)); // AttributeType INT = 2
        Message matmul = new Message().string(1, "flat").string(1, "W").string(2, "feat").string(3, "project")
                .string(4, "MatMul");
        Message graph = new Message().message(1, flatten).message(1, matmul).string(2, "tiny-teacher").message(5, w)
                .message(11, floatTensor("pixels", batch, channels, size, size)).message(12, floatTensor("feat", batch, dim));
        return new Message().varint(1, 8).string(2, "recon4j-test").message(7, graph)
                .message(8, new Message().string(1, "").varint(2, 13)).toBytes();
    }

    /** Writes {@link #linear} to {@code file}. */
    static Path writeLinear(Path file, long batch, int channels, int size, int dim, float[] weights) throws IOException {
        return Files.write(file, linear(batch, channels, size, dim, weights));
    }

    /** @return n·m deterministic weights in [-1, 1) */
    static float[] weights(int n, int m, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] w = new float[n * m];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return w;
    }
}
