package io.recon4j.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28×28 grey images of 10 clothing classes, 60,000 for training and 10,000 for
 * testing, as the four IDX files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz}). Debian's
 * {@code dataset-fashion-mnist} package installs them, gzipped, in {@link #DEFAULT_DIR}.
 *
 * <p>{@link #train} and {@link #test} return images of shape (N, 1, 28, 28), normalised with {@link #MEAN}
 * and {@link #STD}: the mean and population standard deviation of all 47,040,000 training pixels scaled to
 * [0, 1] (0.286041 and 0.353024; the test split has 0.286850 and 0.352444).
 */
public final class FashionMnist {

    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label (the dataset's README). */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Mean of the training pixels in [0, 1]. */
    public static final float MEAN = 0.286041f;
    /** Population standard deviation of the training pixels in [0, 1]. */
    public static final float STD = 0.353024f;
    /** Images in the training split. */
    public static final int TRAIN_SIZE = 60_000;
    /** Images in the test split. */
    public static final int TEST_SIZE = 10_000;

    private FashionMnist() {
    }

    /** @return the 60,000 training images, normalised (see the class comment) */
    public static ImageDataset train(Path dir) throws IOException {
        return load(dir, "train", "Fashion-MNIST train");
    }

    /** @return the 10,000 test images, normalised with the training constants */
    public static ImageDataset test(Path dir) throws IOException {
        return load(dir, "t10k", "Fashion-MNIST test");
    }

    /** @return whether {@code dir} holds the four files (plain or gzipped) */
    public static boolean isPresent(Path dir) {
        for (String prefix : List.of("train", "t10k")) {
            for (String kind : List.of("images-idx3", "labels-idx1")) {
                if (find(dir, prefix + "-" + kind + "-ubyte") == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads one split as an unnormalised [0, 1] set, checking that images and labels agree.
     *
     * @param dir folder of the IDX files
     * @param prefix {@code train} or {@code t10k}
     * @param name the dataset's display name
     */
    private static ImageDataset readRaw(Path dir, String prefix, String name) throws IOException {
        IdxReader.Contents images = IdxReader.readImages(locate(dir, prefix + "-images-idx3-ubyte"));
        IdxReader.Contents labels = IdxReader.readLabels(locate(dir, prefix + "-labels-idx1-ubyte"));
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labels.file(), IdxFormatException.offset(4), labels.count() + " labels, but "
                    + images.file() + " holds " + images.count() + " images; expected one label per image");
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.values()[i] & 0xFF;
            if (classes[i] >= CLASSES.size()) {
                throw new IdxFormatException(labels.file(), IdxFormatException.offset(labels.headerBytes() + i),
                        "label " + classes[i] + " of image " + i + "; expected 0.." + (CLASSES.size() - 1));
            }
        }
        byte[] v = images.values();
        float[] pixels = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            pixels[i] = (v[i] & 0xFF) / 255f;
        }
        return new ImageDataset(name, pixels, 1, images.dims()[1], images.dims()[2], classes, CLASSES);
    }

    private static ImageDataset load(Path dir, String prefix, String name) throws IOException {
        return readRaw(dir, prefix, name).normalized(new float[] {MEAN}, new float[] {STD});
    }

    private static Path locate(Path dir, String base) throws IOException {
        Path found = find(dir, base);
        if (found == null) {
            throw new NoSuchFileException(dir.resolve(base).toString(), null, "neither " + base + " nor " + base
                    + ".gz in " + dir + " (install the data with `apt-get install -y dataset-fashion-mnist`, or point --data "
                    + "at a folder holding the four IDX files)");
        }
        return found;
    }

    private static Path find(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
