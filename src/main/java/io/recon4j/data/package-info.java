/**
 * Datasets, per-sample transforms and batching, following the official ReCon data pipeline.
 *
 * <ul>
 *   <li>Datasets ({@link io.recon4j.data.PointCloudDataset}) return clouds after their load-time processing only:
 *       {@link io.recon4j.data.ModelNetDataset} (pc_norm at load), {@link io.recon4j.data.ScanObjectNNDataset}
 *       (raw), {@link io.recon4j.data.ShapeNet55Dataset} (raw 8192 points).</li>
 *   <li>Everything random per epoch (subsets, FPS pools, shuffles, augmentation) is a
 *       {@link io.recon4j.data.PointTransform}; {@link io.recon4j.data.Transforms} has the official ones and
 *       {@link io.recon4j.data.DatasetPipelines} the official chains per task.</li>
 *   <li>{@link io.recon4j.data.DataLoader} batches (B, N, 3) with randomness keyed by (seed, epoch, sample index),
 *       so runs are reproducible and resumable whatever the thread count.</li>
 *   <li>{@link io.recon4j.data.FewShotSplits} makes N-way K-shot folds ({@link io.recon4j.data.FewShotFold}).</li>
 * </ul>
 *
 * <p>Axis letters: B batch, N points per cloud, S samples of a file; clouds are row-major (N, 3) {@code float[]}s.
 */
package io.recon4j.data;
