package io.recon4j.data;

import io.recon4j.cloud.Mesh;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The samples of some classes of a dataset, relabelled 0..k-1 in the order the classes are given: how a
 * held-out zero-shot experiment pretrains on some classes and tests on classes never named in pretraining.
 */
public final class ClassSubset implements PointCloudDataset {

    private final PointCloudDataset source;
    private final List<String> names;
    private final int[] newLabel;
    private final int[] indices;

    private ClassSubset(PointCloudDataset source, List<String> names, int[] newLabel, int[] indices) {
        this.source = source;
        this.names = names;
        this.newLabel = newLabel;
        this.indices = indices;
    }

    /**
     * @param source the full dataset
     * @param classes class names to keep, in new-label order
     * @return the subset
     * @throws IllegalArgumentException naming a class the dataset does not have, or a repeated one
     * @throws IOException if a label cannot be read
     */
    public static ClassSubset of(PointCloudDataset source, List<String> classes) throws IOException {
        List<String> all = source.classNames();
        int[] newLabel = new int[all.size()];
        java.util.Arrays.fill(newLabel, -1);
        for (int i = 0; i < classes.size(); i++) {
            int old = all.indexOf(classes.get(i));
            if (old < 0) {
                throw new IllegalArgumentException("class '" + classes.get(i) + "' is not in " + source.name() + " (its classes: "
                        + String.join(", ", all) + ")");
            }
            if (newLabel[old] >= 0) {
                throw new IllegalArgumentException("class '" + classes.get(i) + "' is given twice");
            }
            newLabel[old] = i;
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            if (newLabel[source.labelOf(i)] >= 0) {
                keep.add(i);
            }
        }
        return new ClassSubset(source, List.copyOf(classes), newLabel, keep.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample get(int index) throws IOException {
        Sample s = source.get(indices[index]);
        return new Sample(s.points(), newLabel[s.label()], s.id());
    }

    @Override
    public Optional<Mesh> mesh(int index) throws IOException {
        return source.mesh(indices[index]);
    }

    @Override
    public int labelOf(int index) throws IOException {
        return newLabel[source.labelOf(indices[index])];
    }

    @Override
    public String idOf(int index) throws IOException {
        return source.idOf(indices[index]);
    }

    @Override
    public List<String> classNames() {
        return names;
    }

    @Override
    public String upAxis() {
        return source.upAxis();
    }

    @Override
    public String name() {
        return source.name() + "[" + String.join(",", names) + "]";
    }
}
