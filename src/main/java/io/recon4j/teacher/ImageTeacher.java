package io.recon4j.teacher;

import io.recon4j.render.DepthImage;
import java.util.List;

/**
 * A frozen image encoder: one or more rendered views of a shape → one D-float feature. The views arrive at
 * the size {@link #input()} asks for; how several views become one feature is the teacher's choice (the
 * built-in file-backed teachers average the per-view features).
 *
 * <p>To plug in another encoder (e.g. a CAE ViT trained in recon4j), implement this interface and, for the
 * command line, register a factory with {@link Teachers#registerImage}.
 */
public interface ImageTeacher extends Teacher {

    /** @return the image size, channels and normalisation the encoder expects */
    ImageInput input();

    /**
     * @param views V ≥ 1 images of {@code input().size()} pixels square
     * @return the shape's feature, length {@link #dimension()}
     */
    float[] embed(List<DepthImage> views);
}
