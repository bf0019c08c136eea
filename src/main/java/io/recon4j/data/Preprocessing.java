package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one cloud is prepared for a trained model, exactly as {@code recon test} prepares a test sample: {@code pc_norm}
 * (when the model was trained on normalised data), z-up clouds turned y-up (when it was trained with {@code --up z}),
 * then deterministic FPS to the model's N points (the official test-time "FPS to npoints", start at point 0).
 * Deterministic: the same cloud always gives the same points. Stateless and thread-safe.
 *
 * @param normalize apply {@code pc_norm} (false for ScanObjectNN-trained models, whose loader does not normalise)
 * @param zUp the model was trained on z-up clouds turned y-up ({@link ZUpDataset}); new clouds are turned the same way
 * @param numPoints N, points the model takes per cloud
 */
public record Preprocessing(boolean normalize, boolean zUp, int numPoints) {

    public Preprocessing {
        if (numPoints <= 0) {
            throw new IllegalArgumentException("number of points must be positive, got " + numPoints);
        }
    }

    /**
     * @param cloud a cloud as loaded (any scale and position), with at least N points
     * @return the N points the model sees
     * @throws IllegalArgumentException if the cloud has fewer than N points or is degenerate
     */
    public PointCloud apply(PointCloud cloud) {
        return sample(normalize ? Transforms.normalize(cloud) : cloud);
    }

    /**
     * Reads a file as the ModelNet loader reads a sample ({@link ModelNetDataset#readShape}: meshes surface-sampled,
     * large clouds reduced as the official cache, {@code pc_norm}), then as {@link #apply}; for a model trained without
     * normalisation the file's points are taken as they are.
     *
     * @throws IOException if the file cannot be read (the message names it)
     */
    public PointCloud read(Path file) throws IOException {
        if (!normalize) {
            return sample(io.recon4j.cloud.CloudIO.readPoints(file).withoutFields());
        }
        try {
            return sample(ModelNetDataset.readShape(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private PointCloud sample(PointCloud cloud) {
        if (cloud.size() < numPoints) {
            throw new IllegalArgumentException("the cloud has " + cloud.size() + " points; the model samples " + numPoints
                    + " by FPS, so it needs at least that many");
        }
        PointCloud up = zUp ? Transforms.zUpToYUp(cloud) : cloud;
        // FPS draws nothing at random; the generator is only the interface's.
        return Transforms.fps(numPoints).apply(up, new SplittableRandom(0));
    }

    /**
     * @param clouds prepared clouds ({@link #apply}), each of N points
     * @return their coordinates as one (B, N, 3) row-major array
     */
    public float[] stack(List<PointCloud> clouds) {
        float[] out = new float[clouds.size() * numPoints * 3];
        for (int b = 0; b < clouds.size(); b++) {
            float[] xyz = clouds.get(b).xyz();
            if (xyz.length != numPoints * 3) {
                throw new IllegalArgumentException("cloud " + b + " has " + xyz.length / 3 + " points, expected " + numPoints);
            }
            System.arraycopy(xyz, 0, out, b * numPoints * 3, xyz.length);
        }
        return out;
    }
}
