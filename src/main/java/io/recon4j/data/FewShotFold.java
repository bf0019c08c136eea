package io.recon4j.data;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One N-way K-shot fold: which samples of a support (train) and a query (test) dataset it uses,
 * with labels remapped to 0..N-1. Holds indices and ids only; {@link #trainView}/{@link #testView}
 * give datasets over the source datasets. Made by {@link FewShotSplits}.
 *
 * @param supportDataset name of the dataset the train samples come from
 * @param queryDataset name of the dataset the test samples come from (equal to {@code supportDataset}
 *     when both were drawn from one dataset)
 * @param seed the generation seed
 * @param fold the fold number
 * @param way N, the number of classes
 * @param shot K, train samples per class
 * @param querySize test samples per class (20 in the official splits)
 * @param classes the N chosen classes, in new-label order
 * @param train the N·K train entries
 * @param test the N·querySize test entries
 */
public record FewShotFold(String supportDataset, String queryDataset, long seed, int fold, int way, int shot,
        int querySize, List<ClassEntry> classes, List<Entry> train, List<Entry> test) {

    /**
     * A chosen class.
     *
     * @param label the new label, 0..N-1
     * @param originalLabel the label in the source datasets
     * @param name the class name
     */
    public record ClassEntry(int label, int originalLabel, String name) {
        public ClassEntry {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One sample of the fold.
     *
     * @param index its index in the source dataset
     * @param id its id in the source dataset (checked when read through a view)
     * @param label the new label, 0..N-1
     * @param originalLabel the label in the source dataset
     */
    public record Entry(int index, String id, int label, int originalLabel) {
        public Entry {
            Objects.requireNonNull(id, "id");
        }
    }

    public FewShotFold {
        Objects.requireNonNull(supportDataset, "supportDataset");
        Objects.requireNonNull(queryDataset, "queryDataset");
        classes = List.copyOf(classes);
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** @return true if train and test were drawn from one dataset (then they are disjoint by index) */
    public boolean singleSource() {
        return supportDataset.equals(queryDataset);
    }

    /** @return the class names in new-label order */
    public List<String> classNames() {
        return classes.stream().map(ClassEntry::name).toList();
    }

    /**
     * @param support the dataset the fold's train samples were drawn from (its name must match)
     * @return the fold's train samples as a dataset, labels remapped
     */
    public PointCloudDataset trainView(PointCloudDataset support) throws IOException {
        return new View(this, "train", train, support, supportDataset);
    }

    /**
     * @param query the dataset the fold's test samples were drawn from (its name must match)
     * @return the fold's test samples as a dataset, labels remapped
     */
    public PointCloudDataset testView(PointCloudDataset query) throws IOException {
        return new View(this, "test", test, query, queryDataset);
    }

    /** A fold's train or test part over its source dataset. */
    private static final class View implements PointCloudDataset {
        private final List<Entry> entries;
        private final PointCloudDataset source;
        private final List<String> classNames;
        private final String name;

        View(FewShotFold fold, String part, List<Entry> entries, PointCloudDataset source, String expectedName)
                throws IOException {
            Objects.requireNonNull(source, "source");
            if (!source.name().equals(expectedName)) {
                throw new IOException("few-shot fold " + fold.fold() + " " + part + " was drawn from dataset '"
                        + expectedName + "', not from '" + source.name() + "'");
            }
            for (Entry e : entries) {
                if (e.index() >= source.size()) {
                    throw new IOException("few-shot fold " + fold.fold() + " " + part + " uses index " + e.index()
                            + " (id '" + e.id() + "') but dataset '" + source.name() + "' has " + source.size() + " samples");
                }
            }
            this.entries = entries;
            this.source = source;
            this.classNames = fold.classNames();
            this.name = source.name() + "/" + fold.way() + "way_" + fold.shot() + "shot/fold" + fold.fold() + "/" + part;
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public Sample get(int index) throws IOException {
            Entry e = entries.get(index);
            Sample s = source.get(e.index());
            if (!s.id().equals(e.id())) {
                throw new IOException("few-shot view " + name + ": expected sample '" + e.id() + "' at index "
                        + e.index() + " of '" + source.name() + "' but found '" + s.id()
                        + "'; the dataset differs from the one the split was generated from");
            }
            return new Sample(s.points(), e.label(), e.id());
        }

        @Override
        public int labelOf(int index) {
            return entries.get(index).label();
        }

        @Override
        public String idOf(int index) {
            return entries.get(index).id();
        }

        @Override
        public String upAxis() {
            return source.upAxis();
        }

        @Override
        public List<String> classNames() {
            return classNames;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
