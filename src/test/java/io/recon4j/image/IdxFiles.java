package io.recon4j.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files (and Fashion-MNIST-shaped folders) for tests. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** @return the bytes of an unsigned-byte IDX file with these dims and values */
    public static byte[] idx(int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(values);
        return b.array();
    }

    /** @return {@code bytes} gzip-compressed */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /**
     * A linearly separable image set: image i has class {@code i % classes} and pixel value 200 at the
     * column of its class in every row (plus the row index as faint noise), 0 elsewhere.
     *
     * @return {images (n, rows, cols) values, labels (n)}
     */
    public static byte[][] separable(int n, int rows, int cols, int classes) {
        byte[] images = new byte[n * rows * cols];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = (byte) c;
            for (int r = 0; r < rows; r++) {
                images[(i * rows + r) * cols + c] = (byte) 200;
                images[(i * rows + r) * cols + (c + 1 + (i / classes) % (cols - 1)) % cols] = (byte) (i % 7);
            }
        }
        return new byte[][] {images, labels};
    }

    /**
     * Writes the four Fashion-MNIST files into {@code dir} (gzipped if asked) with separable 28×28 images.
     *
     * @param train training images
     * @param test test images
     */
    public static void fashionLike(Path dir, int train, int test, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train", separable(train, 28, 28, 10), train, gzip);
        write(dir, "t10k", separable(test, 28, 28, 10), test, gzip);
    }

    private static void write(Path dir, String prefix, byte[][] data, int n, boolean gzip) throws IOException {
        String ext = gzip ? ".gz" : "";
        byte[] images = idx(new int[] {n, 28, 28}, data[0]);
        byte[] labels = idx(new int[] {n}, data[1]);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gzip ? gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gzip ? gzip(labels) : labels);
    }
}
