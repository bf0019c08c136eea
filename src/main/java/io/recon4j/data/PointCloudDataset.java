package io.recon4j.data;

import io.recon4j.cloud.Mesh;
import java.util.Optional;
import java.io.IOException;
import java.util.List;

/**
 * A finite, indexable collection of labelled point clouds. Implementations are thread-safe for
 * concurrent {@link #get} calls, so a loader can read with several threads.
 */
public interface PointCloudDataset {

    /** @return the number of samples */
    int size();

    /**
     * @param index in [0, size())
     * @return the sample
     * @throws IOException if its file cannot be read (the message names the file)
     */
    Sample get(int index) throws IOException;

    /**
     * The label of sample {@code index} without necessarily reading its points. The default reads the
     * sample; datasets that know labels from their index files override it (few-shot split
     * generation asks for every label).
     *
     * @throws IOException if the sample has to be read and cannot be
     */
    default int labelOf(int index) throws IOException {
        return get(index).label();
    }

    /**
     * The id of sample {@code index} without necessarily reading its points; the default reads the sample.
     *
     * @throws IOException if the sample has to be read and cannot be
     */
    default String idOf(int index) throws IOException {
        return get(index).id();
    }

    /**
     * The surface sample {@code index}'s points were drawn from, in the frame of its points but not normalised
     * (renderers frame it themselves), for image teachers that see the mesh ({@code --img-render mesh}).
     *
     * @return the mesh, or empty when the sample's file holds points only
     * @throws IOException if the file cannot be read (the message names the file)
     */
    default Optional<Mesh> mesh(int index) throws IOException {
        return Optional.empty();
    }

    /** @return class names, indexed by label */
    List<String> classNames();

    /**
     * @return the up axis of the clouds as stored: "y" (used as they are, the official convention) or "z" (turned
     *     y-up on load by {@link ZUpDataset}); views of another dataset answer for their source. Checkpoints record it,
     *     so that a model is fed new clouds the way it was trained.
     */
    default String upAxis() {
        return "y";
    }

    /** @return a short human-readable name, e.g. {@code "modelnet10/test"} */
    String name();
}
