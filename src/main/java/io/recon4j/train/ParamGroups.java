package io.recon4j.train;

import ai.djl.nn.Parameter;

/**
 * The official {@code build_opti_sche} grouping: decides a parameter's learning-rate scale and
 * weight decay from its official name and shape.
 */
@FunctionalInterface
public interface ParamGroups {

    /** @return the group of the parameter {@code name} */
    GroupedAdamW.Group groupOf(String name, Parameter parameter);

    /**
     * Pretraining (and Point-MAE): no decay for 1-D parameters, biases and names containing "token";
     * {@code weightDecay} for the rest.
     */
    static ParamGroups pretraining(float weightDecay) {
        return (name, p) -> new GroupedAdamW.Group(1f, noDecay(name, p) ? 0f : weightDecay);
    }

    /**
     * Fine-tuning ({@code PointTransformer}): names containing "cls" (cls_token, cls_pos, cls_head_finetune.*)
     * get {@code headLrScale}× the learning rate and decay {@code weightDecay} whatever their shape; the rest
     * as in pretraining.
     */
    static ParamGroups finetuning(float weightDecay, float headLrScale) {
        return (name, p) -> name.contains("cls")
                ? new GroupedAdamW.Group(headLrScale, weightDecay)
                : new GroupedAdamW.Group(1f, noDecay(name, p) ? 0f : weightDecay);
    }

    /** The official no-decay rule: 1-D, bias, or a name containing "token". */
    static boolean noDecay(String name, Parameter p) {
        return p.getArray().getShape().dimension() == 1 || name.endsWith(".bias") || name.contains("token");
    }
}
