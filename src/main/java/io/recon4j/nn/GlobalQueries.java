package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * ReCon's three global queries, each a learned token and a learned position: {@code cls} (single-modal
 * contrast / classification), {@code img} (image teacher) and {@code text} (text teacher).
 * Sequence order is [cls, img, text]; official parameter names and order are kept.
 */
public final class GlobalQueries extends ModuleBlock {

    /** Number of global queries. */
    public static final int COUNT = 3;

    private final Parameter clsToken;
    private final Parameter clsPos;
    private final Parameter imgToken;
    private final Parameter textToken;
    private final Parameter imgPos;
    private final Parameter textPos;

    /**
     * @param channels C
     * @param zeroClsToken start {@code cls_token} at zero, as the official fine-tune model does
     */
    public GlobalQueries(long channels, boolean zeroClsToken) {
        Shape s = new Shape(1, 1, channels);
        Initializer tn = Inits.truncNormal(0.02f);
        clsToken = parameter("cls_token", s, Parameter.Type.WEIGHT, zeroClsToken ? Inits.ZEROS : tn);
        clsPos = parameter("cls_pos", s, Parameter.Type.WEIGHT, tn);
        imgToken = parameter("img_token", s, Parameter.Type.WEIGHT, tn);
        textToken = parameter("text_token", s, Parameter.Type.WEIGHT, tn);
        imgPos = parameter("img_pos", s, Parameter.Type.WEIGHT, tn);
        textPos = parameter("text_pos", s, Parameter.Type.WEIGHT, tn);
    }

    /**
     * @param like any array of the step (its batch size, device and manager are used)
     * @return (B, 3, C): [cls, img, text] tokens broadcast over the batch, owned by {@code like}'s manager
     */
    public NDArray tokens(ParameterStore ps, NDArray like, boolean training) {
        return stack(ps, like, training, clsToken, imgToken, textToken);
    }

    /** @return (B, 3, C): [cls, img, text] positions broadcast over the batch, owned by {@code like}'s manager */
    public NDArray positions(ParameterStore ps, NDArray like, boolean training) {
        return stack(ps, like, training, clsPos, imgPos, textPos);
    }

    private static NDArray stack(ParameterStore ps, NDArray like, boolean training, Parameter... ps3) {
        NDList parts = new NDList(ps3.length);
        for (Parameter p : ps3) {
            parts.add(ps.getValue(p, like.getDevice(), training));
        }
        NDArray one = NDArrays.concat(parts, 1);   // (1, 3, C)
        one.attach(like.getManager());              // parameter-derived: must not stay in the model's manager
        return one.broadcast(like.getShape().get(0), COUNT, one.getShape().get(2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(tokens(ps, inputs.head(), training), positions(ps, inputs.head(), training));
    }
}
