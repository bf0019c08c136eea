package io.recon4j.data;

import io.recon4j.cloud.Mesh;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A z-up dataset (raw ModelNet, most robot and CAD scans) seen y-up, the convention the official pretraining
 * augmentation (rotation about y) and the renderer assume: every cloud goes through {@link Transforms#zUpToYUp}.
 * Without it, pretraining on z-up data spins shapes about a horizontal axis.
 */
public final class ZUpDataset implements PointCloudDataset {

    private final PointCloudDataset source;

    private ZUpDataset(PointCloudDataset source) {
        this.source = source;
    }

    /** @return {@code source}, every cloud turned from z-up to y-up */
    public static ZUpDataset of(PointCloudDataset source) {
        return new ZUpDataset(source);
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public Sample get(int index) throws IOException {
        Sample s = source.get(index);
        return new Sample(Transforms.zUpToYUp(s.points()), s.label(), s.id());
    }

    @Override
    public Optional<Mesh> mesh(int index) throws IOException {
        return source.mesh(index).map(m -> new Mesh(Transforms.zUpToYUp(m.vertices().withoutFields()), m.triangles()));
    }

    @Override
    public int labelOf(int index) throws IOException {
        return source.labelOf(index);
    }

    @Override
    public String idOf(int index) throws IOException {
        return source.idOf(index);
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public String upAxis() {
        return "z";
    }

    @Override
    public String name() {
        // A different name keeps anything keyed by dataset name (reports, caches) apart from the z-up view.
        return source.name() + "(z-up->y-up)";
    }
}
