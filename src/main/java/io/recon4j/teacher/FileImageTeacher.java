package io.recon4j.teacher;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the file-backed image teachers share: the file, the input contract, the declared width D, the identity
 * (engine, file name, content hash, input, D and, for a quantized model, the CPU's int8 arithmetic: the feature
 * cache's key) and the per-call output-shape check.
 */
abstract class FileImageTeacher implements ImageTeacher {

    final Path file;
    final ImageInput input;
    final int dimension;
    private final String identity;

    FileImageTeacher(String engine, Path file, ImageInput input, int dimension, String hash) {
        this(engine, file, input, dimension, hash, null);
    }

    /** @param arithmetic the int8 arithmetic path of a quantized model ({@link Int8Arithmetic}), null for a float one */
    FileImageTeacher(String engine, Path file, ImageInput input, int dimension, String hash, String arithmetic) {
        this.file = file;
        this.input = input;
        this.dimension = dimension;
        this.identity = engine + ":" + file.getFileName() + "@" + hash + "|" + input.key() + "|mean-of-views|D=" + dimension
                + (arithmetic == null ? "" : "|int8=" + arithmetic);
    }

    @Override
    public final String identity() {
        return identity;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final ImageInput input() {
        return input;
    }

    /** Fails, naming the file, unless an output of {@code shape} holding {@code total} values is (n, D). */
    final void checkOutput(long[] shape, long total, int n) {
        if (shape.length < 1 || shape[0] != n || total != (long) n * dimension) {
            throw new IllegalStateException(file + ": output shape " + Arrays.toString(shape) + " for " + n
                    + " image(s); the declared output dimension is " + dimension + " per image");
        }
    }
}
