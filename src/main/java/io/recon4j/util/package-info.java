/**
 * Small services every package may use and that depend on no other recon4j package: atomic file writes
 * ({@link io.recon4j.util.AtomicFiles}), run folders ({@link io.recon4j.util.RunFolder}), the compute device
 * ({@link io.recon4j.util.Devices}) and the float path a run computes on ({@link io.recon4j.util.NumericPath}),
 * progress bars ({@link io.recon4j.util.Progress}), the common format error
 * ({@link io.recon4j.util.FileFormatException}) and the build's {@link io.recon4j.util.Version}. No tensors.
 */
package io.recon4j.util;
