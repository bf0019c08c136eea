/**
 * Batch embedding of point-cloud files: a frozen ReCon encoder (and optionally its classifier head) over a folder
 * or list of files, one Parquet row per file ({@link io.recon4j.embed.EmbedSchema}), streamed in committed parts so
 * that a stopped run resumes ({@link io.recon4j.embed.EmbedJob}). {@link io.recon4j.embed.Embedder} is the per-batch
 * core that the Spark module ({@code recon4j-spark}) runs on its executors, so both write the same rows.
 *
 * <p>Axis letters: B batch, N points, C channels, K classes, D embedding width (2C for ReCon, recon.md §1.9).
 */
package io.recon4j.embed;
