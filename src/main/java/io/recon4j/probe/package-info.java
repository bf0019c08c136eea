/**
 * Probing frozen image encoders: a {@link io.recon4j.probe.FrozenEncoder} (the CAE encoder, or the raw-pixel
 * baseline {@link io.recon4j.probe.PixelEncoder}) is run once over an image set into {@link io.recon4j.probe.ProbeFeatures},
 * and a {@link io.recon4j.probe.ProbeHead} ({@link io.recon4j.probe.LinearProbe} on the cls token, or
 * {@link io.recon4j.probe.AttentiveProbe} over all tokens) is trained on them by {@link io.recon4j.probe.ProbeTrainer}.
 *
 * <p>Axis letters: B batch, N images of a set, C×H×W an image's channels, height and width, T tokens per image
 * (1 + patches), Q probe queries, D feature width, K classes.
 */
package io.recon4j.probe;
