package io.recon4j.teacher;

import io.recon4j.render.DepthImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an image encoder expects: square images of {@code size} pixels with {@code channels} channels,
 * normalised per channel as {@code (value - mean[c]) / std[c]}. A grey depth image is repeated into every
 * channel.
 *
 * @param size H = W in pixels
 * @param channels 1 or 3
 * @param mean per-channel mean (length = channels)
 * @param std per-channel standard deviation (length = channels, all &gt; 0)
 */
public record ImageInput(int size, int channels, float[] mean, float[] std) {

    /** ImageNet statistics, which the official image pipeline applies to every teacher (also CLIP). */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet standard deviations. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public ImageInput {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("image size must be in 8..4096, got " + size);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (mean == null || std == null || mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("need " + channels + " mean and std values, got " + Arrays.toString(mean)
                    + " and " + Arrays.toString(std));
        }
        for (float s : std) {
            if (!(s > 0f)) {
                throw new IllegalArgumentException("std values must be > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** @return 3-channel input of {@code size} pixels with ImageNet normalisation */
    public static ImageInput imagenet(int size) {
        return new ImageInput(size, 3, IMAGENET_MEAN, IMAGENET_STD);
    }

    /** @return the per-channel mean (a copy) */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return the per-channel std (a copy) */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * @param image a {@code size}×{@code size} image
     * @return the normalised tensor (C, H, W), row-major
     */
    public float[] toChw(DepthImage image) {
        if (image.width() != size || image.height() != size) {
            throw new IllegalArgumentException("the teacher expects " + size + "x" + size + " images, got "
                    + image.width() + "x" + image.height());
        }
        int hw = size * size;
        float[] out = new float[channels * hw];
        float[] px = image.pixels();
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < hw; i++) {
                out[c * hw + i] = (px[i] - mean[c]) / std[c];
            }
        }
        return out;
    }

    /** @return a short stable description, part of teacher identities */
    public String key() {
        return String.format(Locale.ROOT, "in(%dx%dx%d,mean=%s,std=%s)", channels, size, size, Arrays.toString(mean),
                Arrays.toString(std));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageInput other && size == other.size && channels == other.channels
                && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + channels) + 17 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return key();
    }
}
