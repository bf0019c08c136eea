package io.recon4j.teacher;

import io.recon4j.render.DepthImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Helpers shared by the file-backed teachers: file checks, batching views, averaging. */
final class ExternalModels {

    private ExternalModels() {
    }

    /** @throws IOException naming the file if it is missing, a folder or unreadable */
    static void requireReadableFile(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, what + " not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + ": " + what + " must be a readable file");
        }
    }

    /** @return the views as one (V, C, H, W) tensor, row-major */
    static float[] batch(List<DepthImage> views, ImageInput input) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("need at least one view");
        }
        int per = input.channels() * input.size() * input.size();
        float[] out = new float[views.size() * per];
        for (int v = 0; v < views.size(); v++) {
            System.arraycopy(input.toChw(views.get(v)), 0, out, v * per, per);
        }
        return out;
    }

    /**
     * @param rows (V, D) row-major
     * @return the mean over V, length D
     */
    static float[] meanOfRows(float[] rows, int v, int d) {
        float[] out = new float[d];
        for (int i = 0; i < v; i++) {
            for (int j = 0; j < d; j++) {
                out[j] += rows[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j] /= v;
        }
        return out;
    }
}
