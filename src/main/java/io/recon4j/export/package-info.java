/**
 * Export of recon4j models to standard ONNX graphs that ONNX Runtime runs without custom operators
 * ({@code recon export onnx}, docs/onnx.md).
 *
 * <p>Axis letters: B batch (the graphs' only dynamic axis, named {@code batch}), N points per cloud, G groups,
 * K neighbours per group, C channels, Q global queries, L tokens, H heads, d channels per head; class logits are
 * written (B, classes).
 */
package io.recon4j.export;
