/**
 * The ReCon model, as the paper's figure: {@link io.recon4j.model.PointPatching} cuts (B, N, 3) points into
 * {@link io.recon4j.model.Patches}; {@link io.recon4j.model.ReconEncoder} embeds them (mini-PointNet, positional MLP)
 * and runs the blocks beside the global queries; its output rows are {@link io.recon4j.model.Tokens} (cls, img, text,
 * locals). {@link io.recon4j.model.ReconClassifier} is the fine-tuning model ({@code forwardFeatures} →
 * {@code forwardHead}); {@link io.recon4j.model.ReconPretrainer} the pretraining model, whose terms
 * {@link io.recon4j.model.PretrainLoss} sums. {@link io.recon4j.model.PretrainMethod} lists the paper's baselines as
 * configurations of the same parts.
 *
 * <p>Tensor axes, everywhere in this package: B batch (clouds), N points per cloud, G groups (patches) per cloud,
 * K points per group, C channels (the Transformer width), Q global queries, V visible groups, M masked groups,
 * L layers (blocks), H attention heads, D a teacher's feature width.
 */
package io.recon4j.model;
