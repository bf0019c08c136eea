/**
 * The ReCon model, as the paper's figure: {@link io.recon4j.model.PointPatching} cuts (B, N, 3) points into
 * {@link io.recon4j.model.Patches}; {@link io.recon4j.model.ReconEncoder} embeds them
 * ({@link io.recon4j.model.MiniPointNet}, {@link io.recon4j.model.PositionalMlp}) and runs the
 * {@link io.recon4j.model.ReconBlock}s beside the {@link io.recon4j.model.GlobalQueries}; its output rows are {@link io.recon4j.model.Tokens} (cls, img, text,
 * locals). {@link io.recon4j.model.ReconClassifier} is the fine-tuning model ({@code forwardFeatures} →
 * {@code forwardHead}); {@link io.recon4j.model.ReconPretrainer} the pretraining model, whose terms
 * {@link io.recon4j.model.PretrainLoss} sums. {@link io.recon4j.model.PretrainMethod} lists the paper's baselines as
 * configurations of the same parts; {@link io.recon4j.model.SmcHead} is the single-modal contrastive projection and
 * {@link io.recon4j.model.ZeroShotModel} the official zero-shot model. Generic layers come from {@link io.recon4j.nn},
 * checkpoints from {@link io.recon4j.pth}; the model never names a teacher.
 *
 * <p>Tensor axes, everywhere in this package: B batch (clouds), N points per cloud, G groups (patches) per cloud,
 * K points per group, C channels (the Transformer width), Q global queries, V visible groups, M masked groups,
 * L layers (blocks), H attention heads, D a teacher's feature width (D_text, D_img); class logits are written
 * (B, classes).
 */
package io.recon4j.model;
