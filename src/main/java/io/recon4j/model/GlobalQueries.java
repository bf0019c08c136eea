package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.recon4j.nn.Inits;
import io.recon4j.nn.ModuleBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Learned global tokens, each a token and a position. ReCon has three, {@code cls} (single-modal contrast /
 * classification), {@code img} (image teacher) and {@code text} (text teacher), in the sequence order
 * [cls, img, text]; other towers carry a subset ({@link Layout}). Official parameter names and order are kept.
 */
public final class GlobalQueries extends ModuleBlock {

    /** Number of ReCon's global queries. */
    public static final int COUNT = 3;

    /** Which tokens a tower carries (in sequence order) and how the official code initialises them. */
    public enum Layout {
        /** ReCon's [cls, img, text], trunc-normal 0.02 ({@code MaskTransformer}, {@code PointTransformer}). */
        RECON(true, true, Inits.truncNormal(0.02f), Inits.truncNormal(0.02f)),
        /** [cls] alone, trunc-normal 0.02: the two-tower fine-tune model's MAE tower, recon4j's smc tower. */
        CLS(true, false, Inits.truncNormal(0.02f), Inits.truncNormal(0.02f)),
        /** [img, text] of the official two-tower {@code DisTransformer}: tokens at zero, positions randn. */
        DISTILLATION(false, true, Inits.ZEROS, Inits.standardNormal());

        private final boolean cls;
        private final boolean imgText;
        private final Initializer tokenInit;
        private final Initializer posInit;

        Layout(boolean cls, boolean imgText, Initializer tokenInit, Initializer posInit) {
            this.cls = cls;
            this.imgText = imgText;
            this.tokenInit = tokenInit;
            this.posInit = posInit;
        }

        /** @return Q, the number of tokens */
        public int count() {
            return (cls ? 1 : 0) + (imgText ? 2 : 0);
        }

        /** @return the sequence row of the cls token, or -1 */
        public int clsRow() {
            return cls ? 0 : -1;
        }

        /** @return the sequence row of the img token, or -1 */
        public int imgRow() {
            return imgText ? (cls ? 1 : 0) : -1;
        }

        /** @return the sequence row of the text token, or -1 */
        public int textRow() {
            return imgText ? imgRow() + 1 : -1;
        }
    }

    private final Layout layout;
    private final List<Parameter> tokens = new ArrayList<>();
    private final List<Parameter> positions = new ArrayList<>();

    /**
     * ReCon's three queries.
     *
     * @param channels C
     * @param zeroClsToken start {@code cls_token} at zero, as the official fine-tune model does
     */
    public GlobalQueries(long channels, boolean zeroClsToken) {
        this(channels, Layout.RECON, zeroClsToken);
    }

    /**
     * @param channels C
     * @param layout which tokens, and their init
     * @param zeroClsToken start {@code cls_token} at zero (ReCon's fine-tune model)
     */
    public GlobalQueries(long channels, Layout layout, boolean zeroClsToken) {
        this.layout = layout;
        Shape s = new Shape(1, 1, channels);
        if (layout.cls) {
            tokens.add(parameter("cls_token", s, Parameter.Type.WEIGHT, zeroClsToken ? Inits.ZEROS : layout.tokenInit));
            positions.add(parameter("cls_pos", s, Parameter.Type.WEIGHT, layout.posInit));
        }
        if (layout.imgText) {
            // Official order: both tokens, then both positions.
            tokens.add(parameter("img_token", s, Parameter.Type.WEIGHT, layout.tokenInit));
            tokens.add(parameter("text_token", s, Parameter.Type.WEIGHT, layout.tokenInit));
            positions.add(parameter("img_pos", s, Parameter.Type.WEIGHT, layout.posInit));
            positions.add(parameter("text_pos", s, Parameter.Type.WEIGHT, layout.posInit));
        }
    }

    /** @return which tokens these are */
    public Layout layout() {
        return layout;
    }

    /**
     * @param like any array of the step (its batch size, device and manager are used)
     * @return (B, Q, C): the tokens broadcast over the batch, owned by {@code like}'s manager
     */
    public NDArray tokens(ParameterStore ps, NDArray like, boolean training) {
        return stack(ps, like, training, tokens);
    }

    /** @return (B, Q, C): the positions broadcast over the batch, owned by {@code like}'s manager */
    public NDArray positions(ParameterStore ps, NDArray like, boolean training) {
        return stack(ps, like, training, positions);
    }

    private static NDArray stack(ParameterStore ps, NDArray like, boolean training, List<Parameter> params) {
        NDList parts = new NDList(params.size());
        for (Parameter p : params) {
            parts.add(ps.getValue(p, like.getDevice(), training));
        }
        // (1, Q, C); DJL's concat of one array is a copy outside autograd, so a single token goes through a view.
        NDArray one = parts.size() == 1 ? parts.get(0).reshape(1, 1, -1) : NDArrays.concat(parts, 1);
        one.attach(like.getManager());              // parameter-derived: must not stay in the model's manager
        return one.broadcast(like.getShape().get(0), params.size(), one.getShape().get(2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(tokens(ps, inputs.head(), training), positions(ps, inputs.head(), training));
    }
}
