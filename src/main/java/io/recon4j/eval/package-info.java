/**
 * Measurement primitives of the official ReCon evaluation: classification metrics (overall and mean class
 * accuracy, {@link io.recon4j.eval.ConfusionMatrix}), running a model over a whole dataset
 * ({@link io.recon4j.eval.Evaluator}), test-time {@link io.recon4j.eval.Voting}, a liblinear-exact
 * {@link io.recon4j.eval.LinearSvm} and a {@link io.recon4j.eval.LogisticProbe} on frozen features, and the
 * {@link io.recon4j.eval.PairedComparison} of two methods, and the grouping tools of the transductive zero-shot
 * ({@link io.recon4j.eval.KMeans}, the Hungarian {@link io.recon4j.eval.Assignment}). Models enter as {@link io.recon4j.eval.CloudFunction}s
 * (a batch of clouds in, one row of floats per cloud out; {@link io.recon4j.eval.ModelClassifier} adapts a ReCon
 * classifier), so everything here can be tested with plain-Java fakes. The protocols that combine these with
 * training runs live in {@link io.recon4j.protocol}.
 *
 * <p>Axis letters: B batch, N points per cloud, S samples of a dataset, D row width of a model's output,
 * K classes (this package never sees neighbourhoods, so K is free for the class count).
 */
package io.recon4j.eval;
