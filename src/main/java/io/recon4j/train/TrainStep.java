package io.recon4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step, the only one in recon4j: every training loop and the trajectory replay run it.
 * The order of the official runners ({@code tools/runner_pretrain.py}, {@code runner_finetune.py}):
 *
 * <pre>
 * loss = objective(batch); loss.backward()
 * norm = clip_grad_norm_(params, clip)       // only measured when clip = 0 (official pretraining)
 * optimizer.step(); zero_grad()              // GroupedAdamW zero-fills the gradients
 * </pre>
 *
 * A NaN/Inf loss or gradient stops before the weights change.
 */
final class TrainStep {

    /** The forward pass of one step. */
    @FunctionalInterface
    interface Objective {
        /**
         * @param step manager owning every array of this step (closed after the step)
         * @param logs put named scalar terms here to log them (e.g. each loss term)
         * @return the scalar loss to minimise
         */
        NDArray loss(NDManager step, Map<String, NDArray> logs);
    }

    /** Sees the raw gradients after the backward pass, before clipping (the replay saves them). */
    @FunctionalInterface
    interface GradientProbe {
        /** @param params the optimised parameters by official name, their gradients filled */
        void inspect(Map<String, Parameter> params);
    }

    /**
     * What one step measured.
     *
     * @param loss the minimised loss
     * @param terms each logged term
     * @param gradNorm global L2 norm of the gradients before clipping
     */
    record Outcome(double loss, Map<String, Double> terms, double gradNorm) {
        /** @return loss, the terms, then grad_norm: one step's log record */
        Map<String, Double> values() {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("loss", loss);
            v.putAll(terms);
            v.put("grad_norm", gradNorm);
            return v;
        }
    }

    private TrainStep() {
    }

    /**
     * @param optimizer optimizer over the trainable parameters
     * @param objective the forward pass
     * @param lr base learning rate of this step
     * @param clipNorm global gradient-norm limit, 0 for none
     * @param step manager of the step (temporaries go there)
     * @param probe sees the gradients before clipping, or null
     * @param where the step's place for error messages (e.g. "epoch 2 batch 7")
     * @param recovery appended to a divergence message (where the last good weights are)
     * @throws TrainingDivergedException on a NaN/Inf loss or gradient, before any weight changes
     */
    static Outcome run(GroupedAdamW optimizer, Objective objective, double lr, double clipNorm, NDManager step,
                       GradientProbe probe, String where, String recovery) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            loss = objective.loss(step, terms);
            gc.backward(loss);
        }
        double value = loss.getFloat();
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException("loss is " + value + " at " + where + "; stopped without updating the "
                    + "weights." + recovery);
        }
        Map<String, Double> logged = new LinkedHashMap<>();
        terms.forEach((k, v) -> logged.put(k, (double) v.getFloat()));
        if (probe != null) {
            probe.inspect(optimizer.parameters());
        }
        double norm = GradClip.norm(optimizer.parameters().values(), clipNorm, step);
        if (!Double.isFinite(norm)) {
            List<String> bad = GradClip.nonFinite(optimizer.parameters());
            throw new TrainingDivergedException("gradient norm is " + norm + " at " + where + " (loss " + value
                    + "; non-finite gradients in " + (bad.size() > 5 ? bad.subList(0, 5) + " and " + (bad.size() - 5) + " more" : bad)
                    + "); stopped without updating the weights." + recovery);
        }
        optimizer.step(lr);
        return new Outcome(value, logged, norm);
    }
}
