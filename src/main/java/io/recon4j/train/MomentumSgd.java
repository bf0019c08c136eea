package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum ({@code torch.optim.SGD(momentum=μ, dampening=0, nesterov=False)}), optionally with
 * the LARS trust ratio of MAE's {@code util/lars.py} (the linear-probing optimizer).
 *
 * <p>Per parameter w with gradient g: {@code d = g + wd·w}; with LARS, for w of 2 or more axes only,
 * {@code d ← d · η‖w‖/‖d‖} (1 when either norm is 0) and the decay applies to those parameters only;
 * then {@code buf = μ·buf + d}, {@code w ← w − lr·buf}. Gradients are zeroed after the update, because
 * DJL accumulates them across backward passes.
 */
public final class MomentumSgd implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, Parameter> params;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final float momentum;
    private final float weightDecay;
    private final float trustCoefficient;
    private long step;

    private MomentumSgd(NDManager manager, Map<String, Parameter> params, float momentum, float weightDecay,
                        float trustCoefficient) {
        this.manager = manager;
        this.params = new LinkedHashMap<>(params);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.trustCoefficient = trustCoefficient;
    }

    /**
     * Plain momentum SGD (decay on every parameter, as torch).
     *
     * @param manager owner of the momentum buffers
     * @param params trainable parameters by name
     * @param momentum μ (0.9 in the CAE attentive probe)
     * @param weightDecay L2 decay added to the gradient
     */
    public static MomentumSgd sgd(NDManager manager, Map<String, Parameter> params, float momentum, float weightDecay) {
        return new MomentumSgd(manager, params, momentum, weightDecay, 0f);
    }

    /**
     * LARS as MAE's {@code util/lars.py}: momentum SGD whose update of each matrix is rescaled by its trust ratio.
     *
     * @param manager owner of the momentum buffers
     * @param params trainable parameters by name
     * @param momentum μ (0.9)
     * @param weightDecay decay of the matrices (0 in linear probing)
     * @param trustCoefficient η (0.001)
     */
    public static MomentumSgd lars(NDManager manager, Map<String, Parameter> params, float momentum, float weightDecay,
                                   float trustCoefficient) {
        if (!(trustCoefficient > 0)) {
            throw new IllegalArgumentException("LARS trust coefficient must be > 0, got " + trustCoefficient);
        }
        return new MomentumSgd(manager, params, momentum, weightDecay, trustCoefficient);
    }

    /** @return the optimised parameters by name */
    public Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /** @return how many steps were taken */
    public long stepCount() {
        return step;
    }

    /**
     * One update of every parameter that has a gradient, then zeroes the gradients.
     *
     * @param lr the learning rate of this step
     */
    public void step(double lr) {
        step++;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (!w.hasGradient()) {
                continue;
            }
            try (NDManager scratch = manager.newSubManager(w.getDevice())) {
                NDArray grad = w.getGradient();
                grad.attach(scratch);
                NDArray buf = buffers.computeIfAbsent(e.getKey(), k -> state(w));
                buf.muli(momentum).addi(direction(w, grad, scratch));
                NDArray delta = buf.mul((float) lr);
                delta.attach(scratch);
                w.subi(delta);
                // DJL's backward adds into .grad: without this the next step would see the sum of all gradients so far.
                grad.subi(grad);
            }
        }
    }

    /** @return the direction d of one parameter (decay and trust ratio applied), owned by {@code scratch} */
    private NDArray direction(NDArray w, NDArray grad, NDManager scratch) {
        boolean lars = trustCoefficient > 0;
        if (lars && w.getShape().dimension() <= 1) {
            return grad.duplicate();
        }
        NDArray d = grad.duplicate();
        if (weightDecay != 0f) {
            NDArray decay = w.mul(weightDecay);
            decay.attach(scratch);
            d.addi(decay);
        }
        if (lars) {
            NDArray wNorm = w.norm();
            wNorm.attach(scratch);
            float wn = wNorm.getFloat();
            float dn = d.norm().getFloat();
            d.muli(wn > 0 && dn > 0 ? trustCoefficient * wn / dn : 1f);
        }
        return d;
    }

    private NDArray state(NDArray w) {
        NDArray z = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        z.setName("momentum_buffer");
        return z;
    }

    @Override
    public void close() {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
    }
}
