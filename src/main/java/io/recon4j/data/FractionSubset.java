package io.recon4j.data;

import io.recon4j.cloud.Mesh;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A stratified fraction of a dataset, for data-scaling studies (the ReCon paper's Figure 1a): from each class,
 * {@code round(fraction · n_c)} samples (at least one), chosen by a seeded shuffle of that class. Subsets of one
 * seed are nested: the 25% subset lies inside the 50% one, so a scaling curve adds data instead of redrawing it.
 * Samples keep their order in the source, and their dataset name (teacher-feature cache keys stay valid).
 */
public final class FractionSubset implements PointCloudDataset {

    private final PointCloudDataset source;
    private final int[] indices;
    private final String name;

    private FractionSubset(PointCloudDataset source, int[] indices, String name) {
        this.source = source;
        this.indices = indices;
        this.name = name;
    }

    /**
     * @param source the full dataset
     * @param fraction in (0, 1]; 1 returns every sample
     * @param seed shuffle seed (one seed, nested subsets)
     * @return the subset
     * @throws IllegalArgumentException if the fraction is outside (0, 1]
     * @throws IOException if a label cannot be read
     */
    public static FractionSubset of(PointCloudDataset source, double fraction, long seed) throws IOException {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the data fraction must be in (0, 1], got " + fraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < source.classNames().size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < source.size(); i++) {
            byClass.get(source.labelOf(i)).add(i);
        }
        boolean[] keep = new boolean[source.size()];
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = byClass.get(c);
            if (members.isEmpty()) {
                continue;
            }
            // One permutation per (seed, class) whatever the fraction: smaller fractions take a prefix of it.
            int[] order = members.stream().mapToInt(Integer::intValue).toArray();
            SplittableRandom r = new SplittableRandom(Seeds.mix(seed, c));
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int take = Math.max(1, (int) Math.round(fraction * order.length));
            for (int i = 0; i < take; i++) {
                keep[order[i]] = true;
            }
        }
        int[] indices = java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i]).toArray();
        return new FractionSubset(source, indices, source.name());
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample get(int index) throws IOException {
        return source.get(indices[index]);
    }

    @Override
    public int labelOf(int index) throws IOException {
        return source.labelOf(indices[index]);
    }

    @Override
    public String idOf(int index) throws IOException {
        return source.idOf(indices[index]);
    }

    @Override
    public Optional<Mesh> mesh(int index) throws IOException {
        return source.mesh(indices[index]);
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public String name() {
        return name;
    }
}
