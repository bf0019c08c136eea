package io.recon4j.data;

import io.recon4j.cloud.CloudFormatException;
import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ShapeNet-55 as released by Point-BERT and used for ReCon pretraining: one {@code (8192, 3)} float
 * {@code .npy} per model in {@code shapenet_pc/<synset>-<modelid>.npy}, and the split lists
 * {@code ShapeNet-55/train.txt} / {@code test.txt} (one file name per line).
 *
 * <p>Samples are the raw 8192 points: the official per-item processing (random 1024-point subset,
 * then pc_norm) and the pretraining rotation are per-epoch transforms, see
 * {@link DatasetPipelines#shapeNetPretrain()}. Labels are the index of the synset among the 55 sorted
 * synsets ({@link ShapeNetTaxonomy}); class names are the category names. Ids are
 * {@code <synset>-<modelid>}.
 *
 * <p>{@link Builder#whole(boolean) whole} loads test + train, in that order, as the official ReCon
 * pretraining does ({@code whole=True}); {@link Builder#fraction(double)} keeps the first
 * {@code int(ratio * lines)} entries, as the official {@code ratio}.
 */
public final class ShapeNet55Dataset extends FileDataset {

    /** Points per model in the official release. */
    public static final int POINTS_PER_MODEL = 8192;

    private final String name;

    private ShapeNet55Dataset(String name, List<Entry> entries, boolean cache) {
        super(entries, cache, ShapeNet55Dataset::load);
        this.name = name;
    }

    /**
     * @param root the {@code ShapeNet55-34} folder, holding {@code ShapeNet-55/} (lists) and {@code shapenet_pc/} (points)
     * @return a builder; the split defaults to train
     */
    public static Builder builder(Path root) {
        Objects.requireNonNull(root, "root");
        return new Builder(root.resolve("ShapeNet-55"), root.resolve("shapenet_pc"));
    }

    /**
     * @param listDir the folder holding {@code train.txt} and {@code test.txt}
     * @param pointDir the folder holding the {@code .npy} files
     * @return a builder with explicit folders
     */
    public static Builder builder(Path listDir, Path pointDir) {
        return new Builder(Objects.requireNonNull(listDir, "listDir"), Objects.requireNonNull(pointDir, "pointDir"));
    }

    /** @return the ReCon pretraining set: train + test lists ({@code whole=True}) under {@code root} */
    public static ShapeNet55Dataset pretraining(Path root) throws IOException {
        return builder(root).whole(true).build();
    }

    private static PointCloud load(Entry e) throws IOException {
        PointCloud cloud = CloudIO.readPoints(e.file());
        if (cloud.size() == 0) {
            throw new CloudFormatException(e.file(), "points", "no points; expected (" + POINTS_PER_MODEL + ", 3)");
        }
        return cloud.withoutFields();
    }

    /** @return the synset id of sample {@code index}, e.g. {@code "02691156"} */
    public String synsetOf(int index) {
        return ShapeNetTaxonomy.synsets().get(labelOf(index));
    }

    /** @return the 55 category names, indexed by label */
    @Override
    public List<String> classNames() {
        return ShapeNetTaxonomy.names();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ShapeNet55Dataset[" + name + ", " + size() + " samples]";
    }

    /** Options of a {@link ShapeNet55Dataset}. */
    public static final class Builder {
        private final Path listDir;
        private final Path pointDir;
        private Split split = Split.TRAIN;
        private boolean whole;
        private double fraction = 1.0;
        private boolean cache;
        private boolean checkFiles = true;

        private Builder(Path listDir, Path pointDir) {
            this.listDir = listDir;
            this.pointDir = pointDir;
        }

        /** @param split the list to read (default train); ignored when {@link #whole} is set */
        public Builder split(Split split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /** @param whole read test.txt then train.txt, as ReCon pretraining (default false) */
        public Builder whole(boolean whole) {
            this.whole = whole;
            return this;
        }

        /** @param ratio keep the first {@code (int) (ratio * lines)} entries, in (0, 1] (default 1, the official {@code ratio}) */
        public Builder fraction(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1], got " + ratio);
            }
            this.fraction = ratio;
            return this;
        }

        /** @param cache keep clouds in memory after their first read (default false; ~98 kB per model) */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /** @param check verify at build time that every listed {@code .npy} exists (default true) */
        public Builder checkFiles(boolean check) {
            this.checkFiles = check;
            return this;
        }

        /**
         * Reads the lists.
         *
         * @throws DatasetFormatException if a folder or list is missing, a line is not
         *     {@code <synset>-<modelid>.npy} with one of the 55 synsets, or (with {@link #checkFiles}) a file is missing
         */
        public ShapeNet55Dataset build() throws IOException {
            if (!Files.isDirectory(pointDir)) {
                throw new DatasetFormatException(pointDir, "layout", "missing ShapeNet-55 point folder (expected"
                        + " shapenet_pc/ with <synset>-<modelid>.npy files)");
            }
            List<Path> lists = whole ? List.of(listDir.resolve("test.txt"), listDir.resolve("train.txt"))
                    : List.of(listDir.resolve(split.folderName() + ".txt"));
            List<Entry> entries = new ArrayList<>();
            for (Path list : lists) {
                for (IndexFiles.Line l : IndexFiles.read(list, "ShapeNet-55 split list")) {
                    entries.add(entry(list, l));
                }
            }
            entries = entries.subList(0, (int) (fraction * entries.size()));
            if (checkFiles) {
                for (Entry e : entries) {
                    if (!Files.isRegularFile(e.file())) {
                        throw new DatasetFormatException(e.file(), "file", "listed in the ShapeNet-55 split but missing");
                    }
                }
            }
            String name = "shapenet55/" + (whole ? "whole" : split.folderName());
            return new ShapeNet55Dataset(name, entries, cache);
        }

        private Entry entry(Path list, IndexFiles.Line l) throws DatasetFormatException {
            String file = l.text();
            int dash = file.indexOf('-');
            if (dash <= 0 || !file.endsWith(".npy") || dash >= file.length() - ".npy".length() - 1) {
                throw new DatasetFormatException(list, l.location(), "'" + file
                        + "' is not of the form <synset>-<modelid>.npy");
            }
            String synset = file.substring(0, dash);
            int label = ShapeNetTaxonomy.label(synset);
            if (label < 0) {
                throw new DatasetFormatException(list, l.location(), "unknown synset '" + synset
                        + "': not one of the 55 ShapeNet-55 synsets");
            }
            String id = file.substring(0, file.length() - ".npy".length());
            return new Entry(pointDir.resolve(file), label, id);
        }
    }
}
