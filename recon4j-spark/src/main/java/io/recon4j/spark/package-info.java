/**
 * recon4j's batch embedding on Apache Spark: {@link io.recon4j.spark.ReconSpark#embed} turns a table of point-cloud
 * files (a column of paths, or Spark's {@code binaryFile} source with the bytes) into the rows of {@code recon embed}
 * ({@link io.recon4j.embed.EmbedSchema}), partition by partition in batches, with one model per executor JVM loaded
 * from broadcast checkpoint bytes. {@link io.recon4j.spark.ReconSparkJob} is the {@code spark-submit} entry point.
 */
package io.recon4j.spark;
