/**
 * recon4j's front door: {@link io.recon4j.Recon} loads a trained ReCon checkpoint ({@link io.recon4j.ReconCheckpoint})
 * and classifies, embeds or zero-shot-labels point-cloud files in a few calls, answering with
 * {@link io.recon4j.Prediction}s; {@link io.recon4j.ReconTranslatorFactory} and {@link io.recon4j.ReconBlockFactory}
 * give the same model to DJL's {@code Criteria}/{@code ZooModel} API.
 *
 * <p>Axis letters: B batch, N points per cloud, G groups (patches), K neighbours per group, C channels,
 * D the encoder feature width (2C); class logits are written (B, classes).
 */
package io.recon4j;
