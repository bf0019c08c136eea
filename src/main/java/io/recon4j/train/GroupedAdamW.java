package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code torch.optim.AdamW} with the official parameter groups: each parameter has its own learning-rate
 * multiplier and weight decay, decided once from its official name (see {@link ParamGroups}).
 * Moments live in the optimizer's own manager so they survive per-step scopes and can be checkpointed.
 */
public final class GroupedAdamW implements AutoCloseable {

    /** How one parameter is optimised. */
    public record Group(float lrScale, float weightDecay) {
    }

    private final NDManager manager;
    private final Map<String, Parameter> params;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private long step;

    /**
     * @param manager owner of the optimizer state (a child of the model's manager)
     * @param params trainable parameters by official name (frozen ones are simply not passed)
     * @param grouping decides each parameter's group from its name and shape
     */
    public GroupedAdamW(NDManager manager, Map<String, Parameter> params, ParamGroups grouping) {
        this(manager, params, grouping, 0.9f, 0.999f, 1e-8f);
    }

    /** Same with explicit betas and epsilon. */
    public GroupedAdamW(NDManager manager, Map<String, Parameter> params, ParamGroups grouping,
                        float beta1, float beta2, float eps) {
        this.manager = manager;
        this.params = new LinkedHashMap<>(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        params.forEach((name, p) -> groups.put(name, grouping.groupOf(name, p)));
    }

    /** @return the optimised parameters by official name */
    public Map<String, Parameter> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }

    /** @return each parameter's group, by official name */
    public Map<String, Group> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** @return how many steps were taken (Adam's t) */
    public long stepCount() {
        return step;
    }

    /**
     * One AdamW step for every parameter that has a gradient, then zeroes the gradients (as torch 1.13's
     * {@code zero_grad}, which zero-fills them). A parameter whose gradient is all zero still decays.
     *
     * <p>torch 1.13 {@code AdamW} (single-tensor path), per parameter at step t:
     * <pre>
     * p ← p·(1 − lr·wd);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
     * p ← p − (lr / bc1) · m / (sqrt(v) / sqrt(bc2) + eps)        bc1 = 1 − β1^t, bc2 = 1 − β2^t
     * </pre>
     * One native call per parameter computes p − lr'·m / (sqrt(v) + eps'); with lr' = lr·sqrt(bc2)/bc1 and
     * eps' = eps·sqrt(bc2) that is the same update (numerator and denominator times sqrt(bc2)). Passing eps
     * unscaled, as DJL's own Adam does, makes the effective eps 1/sqrt(bc2) times too large (32× at t = 1).
     *
     * @param lr the base learning rate of this step (each group scales it)
     */
    public void step(double lr) {
        step++;
        double bc1 = 1.0 - Math.pow(beta1, step);
        double sqrtBc2 = Math.sqrt(1.0 - Math.pow(beta2, step));
        float epsT = (float) (eps * sqrtBc2);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (!w.hasGradient()) {
                continue;
            }
            Group g = groups.get(e.getKey());
            double groupLr = lr * g.lrScale();
            NDArray m = means.computeIfAbsent(e.getKey(), k -> state(w));
            NDArray v = variances.computeIfAbsent(e.getKey(), k -> state(w));
            try (NDArray grad = w.getGradient()) {
                // Decay first (p − lr·wd·p, on the old weights), then the moments and the step: the order above.
                // DJL's binding zero-fills w's gradient afterwards (its backward adds into .grad).
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, m, v), new NDList(w), (float) groupLr,
                        (float) (groupLr * sqrtBc2 / bc1), g.weightDecay(), 1f, -1f, beta1, beta2, epsT, true, true);
            }
        }
    }

    private NDArray state(NDArray w) {
        NDArray z = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        z.setName("adam_state");
        return z;
    }

    /** @return first moments by parameter name (live arrays: copy before saving) */
    public Map<String, NDArray> means() {
        return java.util.Collections.unmodifiableMap(means);
    }

    /** @return second moments by parameter name */
    public Map<String, NDArray> variances() {
        return java.util.Collections.unmodifiableMap(variances);
    }

    /** Restores state saved from {@link #means()}, {@link #variances()} and {@link #stepCount()}. */
    public void restore(long stepCount, Map<String, float[]> m, Map<String, float[]> v) {
        step = stepCount;
        m.forEach((k, a) -> means.put(k, load(k, a)));
        v.forEach((k, a) -> variances.put(k, load(k, a)));
    }

    private NDArray load(String name, float[] data) {
        Parameter p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("optimizer state for unknown parameter '" + name + "'");
        }
        NDArray w = p.getArray();
        if (data.length != w.size()) {
            throw new IllegalArgumentException("optimizer state for '" + name + "' has " + data.length
                    + " values, parameter has " + w.size());
        }
        return manager.create(data, w.getShape()).toDevice(w.getDevice(), false);
    }

    @Override
    public void close() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
    }

    /** Helper: keep only the parameters whose name passes {@code filter}. */
    public static Map<String, Parameter> select(Map<String, Parameter> all, Predicate<String> filter) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        all.forEach((k, p) -> {
            if (p.requiresGradient() && filter.test(k)) {
                out.put(k, p);
            }
        });
        return out;
    }
}
