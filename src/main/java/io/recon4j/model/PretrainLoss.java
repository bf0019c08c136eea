package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import io.recon4j.nn.Scalars;
import java.util.Map;

/**
 * The total pretraining loss, built in this one place from the named terms (official: every weight 1):
 *
 * <pre>
 * total = mdm + w_img·csc_img + w_text·csc_text + w_smc·smc     (each term a scalar; absent terms skipped)
 * </pre>
 *
 * @param imgWeight w_img
 * @param textWeight w_text
 * @param smcWeight w_smc
 */
public record PretrainLoss(float imgWeight, float textWeight, float smcWeight) {

    /** The official weights, all 1. */
    public static final PretrainLoss OFFICIAL = new PretrainLoss(1f, 1f, 1f);

    /**
     * @param terms named scalar terms ({@code mdm}, {@code csc_img}, {@code csc_text}, {@code smc}), summed in order
     * @return their weighted sum, or null when there is no term
     */
    public NDArray total(Map<String, NDArray> terms) {
        NDArray total = null;
        for (Map.Entry<String, NDArray> e : terms.entrySet()) {
            float w = switch (e.getKey()) {
                case "csc_img" -> imgWeight;
                case "csc_text" -> textWeight;
                case "smc" -> smcWeight;
                default -> 1f;
            };
            // A weight of 1 adds the term itself, so the official sum is bit-identical to the plain one.
            NDArray term = w == 1f ? e.getValue() : Scalars.mul(e.getValue(), w);
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
