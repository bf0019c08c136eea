package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A per-sample operation on a point cloud (subsampling, normalisation, augmentation), applied by
 * {@link DataLoader} or by hand. Every random draw must come from {@code rng}, so that a transform
 * is reproducible from the generator's seed alone. Implementations must be thread-safe (stateless).
 *
 * <p>Factories for the official ReCon / Point-MAE transforms are in {@link Transforms}; the
 * official per-dataset chains are in {@link DatasetPipelines}.
 */
@FunctionalInterface
public interface PointTransform {

    /**
     * @param cloud the input, (N, 3) plus optional per-point fields; never modified
     * @param rng the source of all randomness for this call
     * @return the transformed cloud
     * @throws IllegalArgumentException if the cloud does not fit the transform (e.g. too few points)
     */
    PointCloud apply(PointCloud cloud, RandomGenerator rng);

    /** @return this transform followed by {@code next}, both drawing from the same generator */
    default PointTransform andThen(PointTransform next) {
        Objects.requireNonNull(next, "next");
        return (cloud, rng) -> next.apply(apply(cloud, rng), rng);
    }

    /** @return the transform that returns its input unchanged */
    static PointTransform identity() {
        return (cloud, rng) -> cloud;
    }
}
