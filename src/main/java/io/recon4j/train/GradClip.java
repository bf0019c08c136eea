package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** {@code torch.nn.utils.clip_grad_norm_}: rescales all gradients together when their global L2 norm exceeds a limit. */
public final class GradClip {

    private GradClip() {
    }

    /**
     * @param params parameters whose gradients to clip (those without a gradient are skipped)
     * @param maxNorm the limit; 0 or less only measures the norm
     * @param scratch manager for temporaries (closed by the caller)
     * @return the global norm before clipping
     */
    public static double norm(Collection<Parameter> params, double maxNorm, NDManager scratch) {
        NDList norms = new NDList();
        NDList grads = new NDList();
        for (Parameter p : params) {
            NDArray w = p.getArray();
            if (!w.hasGradient()) {
                continue;
            }
            NDArray g = w.getGradient();
            g.attach(scratch);
            grads.add(g);
            norms.add(g.square().sum());
        }
        if (norms.isEmpty()) {
            return 0.0;
        }
        // One host sync for the whole model, not one per parameter.
        double total = Math.sqrt(NDArrays.stack(norms).sum().getFloat());
        double coef = maxNorm / (total + 1e-6);
        if (maxNorm > 0 && coef < 1.0) {
            for (NDArray g : grads) {
                g.muli((float) coef);
            }
        }
        return total;
    }

    /**
     * @param params parameters by name
     * @return the names of parameters whose gradient holds a NaN or an infinity, with their gradient norm
     *     (for the divergence message)
     */
    public static java.util.List<String> nonFinite(java.util.Map<String, Parameter> params) {
        java.util.List<String> bad = new java.util.ArrayList<>();
        params.forEach((name, p) -> {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    float n = g.square().sum().getFloat();
                    float maxAbs = g.abs().max().getFloat();
                    if (!Float.isFinite(n)) {
                        bad.add(name + " (max |grad| " + maxAbs + ")");
                    }
                }
            }
        });
        return bad;
    }
}
