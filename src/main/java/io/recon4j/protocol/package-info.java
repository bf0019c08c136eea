/**
 * Evaluation protocols that orchestrate training and measurement into one reported number, as the official
 * runners do: the few-shot protocol ({@link io.recon4j.protocol.FewShotRunner}: N-way K-shot folds, one
 * fine-tuning run of {@link io.recon4j.train} per fold, mean ± std of the folds' best accuracy) and the linear-SVM
 * protocol ({@link io.recon4j.protocol.SvmProtocol}: frozen features of both splits, an
 * {@link io.recon4j.eval.LinearSvm} fitted and scored, a logistic probe beside it), zero-shot classification
 * ({@link io.recon4j.protocol.ZeroShotRun}: by the text teacher's class embeddings or through an image classifier's
 * labels), the paired comparison of two methods' few-shot runs ({@link io.recon4j.protocol.FewShotComparison}), the
 * data-scaling analysis over pretraining fractions ({@link io.recon4j.protocol.DataScaling}) and
 * the quickstart ({@link io.recon4j.protocol.Quickstart}: the papers' claims at a budget of minutes, each
 * as a {@link io.recon4j.protocol.ClaimRow} with baselines, spread and a verdict). The pieces they combine stay in
 * {@link io.recon4j.train} (runs) and {@link io.recon4j.eval} (measurements).
 *
 * <p>No tensors here: C is the encoder's channel width (the SVM feature is 2C wide, D in
 * {@link io.recon4j.eval}); "N-way K-shot" is the few-shot term (N classes, K support samples each), not the
 * points or neighbours axes.
 */
package io.recon4j.protocol;
