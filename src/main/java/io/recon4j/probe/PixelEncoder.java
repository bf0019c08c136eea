package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * The raw-pixel baseline as a {@link FrozenEncoder}: one token per image, the flattened normalised pixels
 * (T = 1, no patch tokens, D = C·H·W). A linear probe on it is the linear classifier on pixels.
 */
public final class PixelEncoder implements FrozenEncoder {

    private final Shape image;

    /** @param channels C @param height H @param width W */
    public PixelEncoder(int channels, int height, int width) {
        this.image = new Shape(channels, height, width);
    }

    /**
     * @param images (B, C, H, W)
     * @return (B, 1, C·H·W)
     */
    @Override
    public NDArray encode(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || !s.slice(1).equals(image)) {
            throw new IllegalArgumentException("pixel encoder for (B, " + image.get(0) + ", " + image.get(1) + ", "
                    + image.get(2) + ") images got " + s);
        }
        return images.reshape(s.get(0), 1, image.size());
    }

    @Override
    public int dim() {
        return (int) image.size();
    }

    @Override
    public String identity() {
        return String.format(Locale.ROOT, "raw pixels %d×%d×%d", image.get(0), image.get(1), image.get(2));
    }
}
