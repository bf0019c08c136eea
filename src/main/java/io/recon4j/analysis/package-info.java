/**
 * Analyses of trained models, read from the models' own forward passes (no second implementation of attention).
 *
 * <p>Axis letters in tensor Javadoc: B batch (shapes), H attention heads, G groups (patches, local tokens),
 * Q global queries (cls, img, text), L rows an attention reads (keys), C channels.
 */
package io.recon4j.analysis;
