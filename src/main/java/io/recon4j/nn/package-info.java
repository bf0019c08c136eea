/**
 * Generic neural-network layers shared by ReCon and CAE, each a {@link io.recon4j.nn.ModuleBlock} whose parameters
 * carry the official PyTorch names and order so state dicts load as they are: {@link io.recon4j.nn.LinearLayer},
 * {@link io.recon4j.nn.LayerNormLayer}, {@link io.recon4j.nn.BatchNormLayer}, {@link io.recon4j.nn.Mlp},
 * {@link io.recon4j.nn.SharedMlp}, {@link io.recon4j.nn.Attention}, {@link io.recon4j.nn.CrossAttention},
 * {@link io.recon4j.nn.TransformerBlock} (built by {@link io.recon4j.nn.BlockOptions}), {@link io.recon4j.nn.DropPath}
 * and {@link io.recon4j.nn.LayerScale}; their initialisations ({@link io.recon4j.nn.Inits},
 * {@link io.recon4j.nn.TorchDefaultInit}); and the autograd and memory helpers every model uses
 * ({@link io.recon4j.nn.Scalars}, {@link io.recon4j.nn.NoGrad}, {@link io.recon4j.nn.Scope}). Nothing here knows a
 * model: ReCon's own blocks live in {@link io.recon4j.model}, CAE's in {@link io.recon4j.cae}.
 *
 * <p>Axis letters: B batch, L tokens of a sequence (Lq queries and Lk keys when they differ), Q query tokens of a
 * cross-attention, C channels (C_in, C_out of a layer), H heads, d = C/H channels per head; (..., C) is any leading
 * shape.
 */
package io.recon4j.nn;
