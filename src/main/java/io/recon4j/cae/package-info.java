/**
 * CAE, the Context Autoencoder (Chen et al., 2022), as the official Atten4Vis/CAE code does it: an encoder on the
 * visible patches ({@link io.recon4j.cae.CaeEncoder}, also the frozen encoder of the probes), a latent contextual
 * regressor predicting the masked patches' latents from the visible ones, an alignment of those predictions with
 * the encoder's own gradient-free latents of the masked patches, and a decoder from the predicted latents to a
 * per-patch target ({@link io.recon4j.cae.ContextAutoencoder}); block-wise masking
 * ({@link io.recon4j.cae.BlockMasking}); pretraining with the official recipe ({@link io.recon4j.cae.CaePretraining}).
 *
 * <p>Targets: the official DALL-E dVAE tokenizer ({@code encoder.pkl}) cannot be downloaded here, so the default
 * target is the normalised pixels of the masked patches ({@link io.recon4j.cae.PixelTarget}), and the discrete
 * path uses a k-means codebook learned from the data ({@link io.recon4j.cae.KMeansTokenizer}).
 *
 * <p>Tensor axes: B batch, C channels, H/W image height/width, p patch side, P patches per image, N = P,
 * V visible and M masked patches per image (V + M = P), D token width, T target width per patch, K the token
 * vocabulary of a {@link io.recon4j.cae.PatchTokenizer}.
 */
package io.recon4j.cae;
