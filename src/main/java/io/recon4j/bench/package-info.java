/**
 * Benchmarks behind {@code recon bench}: training and inference throughput of the ReCon models against the matmul
 * peak ({@link io.recon4j.bench.ModelBenchmark}, each configuration in its own JVM; {@link io.recon4j.bench.SideBySide}
 * beside the official code), analytic FLOPs ({@link io.recon4j.bench.ModelFlops}) and resident memory over a long
 * run ({@link io.recon4j.bench.SoakBenchmark}), written as Markdown tables.
 *
 * <p>Axis letters: B batch, N points per cloud, G groups, K neighbours per group, C channels; class logits are
 * written (B, classes).
 */
package io.recon4j.bench;
