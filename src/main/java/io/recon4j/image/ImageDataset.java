package io.recon4j.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled image set in memory: pixels as floats in [0, 1] laid out (N, C, H, W), one class index per
 * image and the class names. Batches are read normalised per channel, {@code (x - mean[c]) / std[c]}
 * (identity until {@link #normalized} sets the constants). Views ({@link #normalized}, {@link #head}) share
 * the pixel array, so they cost no copy.
 */
public final class ImageDataset {

    /**
     * Per-channel statistics of the raw [0, 1] pixels.
     *
     * @param mean (C) means
     * @param std (C) population standard deviations
     */
    public record ChannelStats(double[] mean, double[] std) {
    }

    private final String name;
    private final float[] pixels;
    private final int size;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final List<String> classNames;
    private final float[] mean;
    private final float[] std;

    /**
     * @param name shown in reports, e.g. {@code "Fashion-MNIST train"}
     * @param pixels (N, C, H, W) values in [0, 1], N = {@code labels.length}
     * @param channels C
     * @param height H
     * @param width W
     * @param labels (N) class indices in [0, classNames.size())
     * @param classNames the class of each index
     */
    public ImageDataset(String name, float[] pixels, int channels, int height, int width, int[] labels,
                        List<String> classNames) {
        this(name, pixels, labels.length, channels, height, width, labels, List.copyOf(classNames),
                filled(channels, 0f), filled(channels, 1f));
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel values for " + labels.length
                    + " images of " + channels + "×" + height + "×" + width + " (expected " + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " is outside 0.."
                        + (classNames.size() - 1) + " (" + classNames.size() + " classes)");
            }
        }
    }

    private ImageDataset(String name, float[] pixels, int size, int channels, int height, int width, int[] labels,
                         List<String> classNames, float[] mean, float[] std) {
        this.name = name;
        this.pixels = pixels;
        this.size = size;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.classNames = classNames;
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param mean (C) subtracted from each channel when batches are read
     * @param std (C) divides each channel after the subtraction
     * @return the same images, read normalised
     */
    public ImageDataset normalized(float[] mean, float[] std) {
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException(name + ": normalisation needs " + channels + " mean and std values, got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(name + ": normalisation std must be > 0, got " + Arrays.toString(std));
            }
        }
        return new ImageDataset(name, pixels, size, channels, height, width, labels, classNames, mean.clone(), std.clone());
    }

    /** @return the first {@code n} images (all if {@code n} ≥ size), named e.g. {@code "... (first 1000)"} */
    public ImageDataset head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative image count " + n);
        }
        if (n >= size) {
            return this;
        }
        return new ImageDataset(name + " (first " + n + ")", pixels, n, channels, height, width, labels, classNames, mean, std);
    }

    /**
     * @param manager owner of the result
     * @param from first image (inclusive)
     * @param to last image (exclusive)
     * @return (B, C, H, W) float32, normalised, B = to - from
     */
    public NDArray images(NDManager manager, int from, int to) {
        checkRange(from, to);
        int plane = height * width;
        int per = channels * plane;
        float[] out = Arrays.copyOfRange(pixels, from * per, to * per);
        for (int i = 0; i < out.length; i++) {
            int c = (i / plane) % channels;
            out[i] = (out[i] - mean[c]) / std[c];
        }
        return manager.create(out, new Shape(to - from, channels, height, width));
    }

    /** @return the class indices of images {@code from} (inclusive) to {@code to} (exclusive) */
    public int[] labels(int from, int to) {
        checkRange(from, to);
        return Arrays.copyOfRange(labels, from, to);
    }

    /** @return the class index of image {@code i} */
    public int label(int i) {
        checkRange(i, i + 1);
        return labels[i];
    }

    /** @return mean and population standard deviation of each channel's raw [0, 1] pixels (normalisation ignored) */
    public ChannelStats channelStats() {
        int plane = height * width;
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        for (int i = 0; i < size * channels * plane; i++) {
            int c = (i / plane) % channels;
            sum[c] += pixels[i];
            sq[c] += (double) pixels[i] * pixels[i];
        }
        double count = (double) size * plane;
        double[] m = new double[channels];
        double[] s = new double[channels];
        for (int c = 0; c < channels; c++) {
            m[c] = sum[c] / count;
            s[c] = Math.sqrt(Math.max(sq[c] / count - m[c] * m[c], 0));
        }
        return new ChannelStats(m, s);
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException(name + ": images [" + from + ", " + to + ") outside [0, " + size + ")");
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** @return e.g. {@code "Fashion-MNIST train"} */
    public String name() {
        return name;
    }

    /** @return N */
    public int size() {
        return size;
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return H */
    public int height() {
        return height;
    }

    /** @return W */
    public int width() {
        return width;
    }

    /** @return the class names, by index */
    public List<String> classNames() {
        return classNames;
    }
}
