/**
 * Evaluation protocols of the official ReCon code: classification metrics (overall and mean class
 * accuracy, confusion matrix), test-time voting, the linear-SVM probe on frozen features and the
 * few-shot fold runner. Models enter as {@link io.recon4j.eval.CloudFunction}s (a batch of clouds in,
 * one row of floats per cloud out), so the protocols can be tested with plain-Java fakes.
 */
package io.recon4j.eval;
