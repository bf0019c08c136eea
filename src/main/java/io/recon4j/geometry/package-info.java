/**
 * Geometry kernels of ReCon, in plain Java and exact to the official code: farthest point sampling
 * ({@link io.recon4j.geometry.FarthestPointSampler}, the pointnet2_ops CUDA semantics including the dead zone
 * and tie resolution), kNN grouping ({@link io.recon4j.geometry.KnnGrouper}), both in one call
 * ({@link io.recon4j.geometry.PointGrouper} giving a {@link io.recon4j.geometry.Grouping}), and the
 * differentiable Chamfer reconstruction loss on DJL arrays ({@link io.recon4j.geometry.ChamferDistance}).
 *
 * <p>Array layouts are row-major and named by axis: B clouds, N points per cloud, G groups (centres),
 * K points per group; coordinates are interleaved xyz, so a batch of clouds is a (B, N, 3) {@code float[]}.
 */
package io.recon4j.geometry;
