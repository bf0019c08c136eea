package io.recon4j.data;

import io.recon4j.cloud.Hdf5Clouds;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * ScanObjectNN (real scans, 15 classes), one variant and split, read fully into memory from the
 * official HDF5 files ({@code data} (S, 2048, 3) float, {@code label} (S,); {@code mask} is ignored).
 *
 * <p>As in the official {@code datasets/ScanObjectNNDataset.py}: <b>no normalisation</b>, raw
 * coordinates and all points of the file (2048). The train-split point shuffle, FPS and rotation
 * are per-epoch transforms: see {@link DatasetPipelines#scanObjectNNTrain(int)}.
 */
public final class ScanObjectNNDataset implements PointCloudDataset {

    /** The 15 class names in label order, as the official code lists them. */
    public static final List<String> CLASS_NAMES = List.of("bag", "bin", "box", "cabinet", "chair", "desk",
            "display", "door", "shelf", "table", "bed", "pillow", "sink", "sofa", "toilet");

    /** The three benchmark variants: folder and file names as in the official data release. */
    public enum Variant {
        /** Objects with background: {@code main_split/training_objectdataset.h5}, 2309 / 581. */
        OBJ_BG("main_split", "training_objectdataset.h5", "test_objectdataset.h5"),
        /** Objects only: {@code main_split_nobg/training_objectdataset.h5}, 2309 / 581. */
        OBJ_ONLY("main_split_nobg", "training_objectdataset.h5", "test_objectdataset.h5"),
        /** The hardest, perturbed variant: {@code main_split/*_augmentedrot_scale75.h5}, 11416 / 2882. */
        PB_T50_RS("main_split", "training_objectdataset_augmentedrot_scale75.h5",
                "test_objectdataset_augmentedrot_scale75.h5");

        private final String folder;
        private final String trainFile;
        private final String testFile;

        Variant(String folder, String trainFile, String testFile) {
            this.folder = folder;
            this.trainFile = trainFile;
            this.testFile = testFile;
        }

        /** @return the folder holding the variant's files ({@code main_split} or {@code main_split_nobg}) */
        public String folder() {
            return folder;
        }

        /** @return the HDF5 file name of a split */
        public String fileName(Split split) {
            return split == Split.TRAIN ? trainFile : testFile;
        }
    }

    private final Variant variant;
    private final Split split;
    private final Path file;
    private final List<PointCloud> clouds;
    private final int[] labels;
    private final String name;

    private ScanObjectNNDataset(Variant variant, Split split, Path file, List<PointCloud> clouds, int[] labels) {
        this.variant = variant;
        this.split = split;
        this.file = file;
        this.clouds = List.copyOf(clouds);
        this.labels = labels.clone();
        this.name = "scanobjectnn-" + variant.name().toLowerCase(Locale.ROOT) + "/" + split.folderName();
    }

    /**
     * Loads one variant and split.
     *
     * @param root the folder holding {@code main_split} and {@code main_split_nobg}, or the variant's
     *     folder itself (the one holding the {@code .h5} files)
     * @throws DatasetFormatException if the file is not found (the message lists where it was looked for),
     *     or if a label is outside [0, 15)
     * @throws io.recon4j.cloud.CloudFormatException if the HDF5 content is malformed (missing or misshaped
     *     {@code data}/{@code label}, label count differing from the cloud count, non-finite coordinates)
     * @throws IOException if the HDF5 file cannot be read
     */
    public static ScanObjectNNDataset load(Path root, Variant variant, Split split) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(split, "split");
        Path file = locate(root, variant, split);
        Hdf5Clouds.Content content = Hdf5Clouds.read(file);
        int[] labels = content.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASS_NAMES.size()) {
                throw new DatasetFormatException(file, "dataset 'label', entry " + i, "label " + labels[i]
                        + " is outside [0, " + CLASS_NAMES.size() + ")");
            }
        }
        return new ScanObjectNNDataset(variant, split, file, content.clouds(), labels);
    }

    private static Path locate(Path root, Variant variant, Split split) throws IOException {
        Path nested = root.resolve(variant.folder()).resolve(variant.fileName(split));
        if (Files.isRegularFile(nested)) {
            return nested;
        }
        Path direct = root.resolve(variant.fileName(split));
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        String found = Files.isDirectory(root) ? IndexFiles.listing(root, 12) : "the folder does not exist";
        throw new DatasetFormatException(root, "layout", "ScanObjectNN " + variant + " " + split.folderName()
                + " file not found: looked for " + nested + " and " + direct + "; " + found);
    }

    @Override
    public int size() {
        return clouds.size();
    }

    @Override
    public Sample get(int index) {
        return new Sample(clouds.get(index), labels[index], idOf(index));
    }

    @Override
    public int labelOf(int index) {
        return labels[Objects.checkIndex(index, labels.length)];
    }

    /** @return {@code "<variant>/<split>/<row>"}, e.g. {@code "OBJ_BG/train/00017"} (the files have no ids) */
    @Override
    public String idOf(int index) {
        Objects.checkIndex(index, labels.length);
        return String.format(Locale.ROOT, "%s/%s/%05d", variant, split.folderName(), index);
    }

    @Override
    public List<String> classNames() {
        return CLASS_NAMES;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the variant */
    public Variant variant() {
        return variant;
    }

    /** @return the split */
    public Split split() {
        return split;
    }

    /** @return the HDF5 file read */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "ScanObjectNNDataset[" + name + ", " + size() + " samples, " + file + "]";
    }
}
