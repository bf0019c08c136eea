package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.geometry.ChamferDistance;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TorchDefaultInit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pretraining model (official class {@code ReCon}): masked point modelling with a Chamfer-L2 reconstruction
 * target, plus cross-modal distillation of the img/text queries into frozen teacher features. With both teachers
 * off it is the paper's Point-MAE†. The paper's other methods are configurations of the same parts
 * ({@link PretrainMethod}): which towers exist ({@code MAE_encoder}, the official two-tower {@code Dis_encoder}),
 * their blocks and tokens, whether the input is masked, and whether the decoder exists.
 *
 * <pre>
 * tokens  = MiniPointNet(all groups); visible rows → ReCon encoder (stop-grad K/V for the queries)
 * decoder = [visible rows; mask_token × M] + decoder_pos_embed → pre-LN blocks → LN(last M)
 * rebuild = increase_dim(decoder) → (B·M, K, 3)            loss mdm = Chamfer-L2(rebuild, masked groups)
 * csc_img = SmoothL1(teacher_img, img_proj(img query));   csc_text likewise
 * </pre>
 */
public final class ReconPretrainer extends ModuleBlock {

    private final ReconConfig config;
    private final PretrainMethod method;
    private final boolean stopGradient;
    private final Parameter maskToken;
    private final ReconEncoder encoder;
    private final ReconEncoder disEncoder;
    private final PositionalMlp decoderPosEmbed;
    private final MaeDecoder decoder;
    private final LinearLayer increaseDim;
    private final LinearLayer imgProj;
    private final LinearLayer textProj;

    /**
     * Starts a pretraining model.
     *
     * @param config architecture (the two-tower model has two encoders of this size)
     * @return a builder: method recon and no teacher (Point-MAE†) by default
     */
    public static Builder builder(ReconConfig config) {
        return new Builder(config);
    }

    /** DJL-style builder: optional {@code opt…}, {@link #build()} validates. */
    public static final class Builder {
        private final ReconConfig config;
        private PretrainMethod method = PretrainMethod.RECON;
        private int imgDim;
        private int textDim;
        private boolean stopGradient = true;

        private Builder(ReconConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
        }

        /** @param m which of the paper's pretraining methods */
        public Builder optMethod(PretrainMethod m) {
            this.method = java.util.Objects.requireNonNull(m, "method");
            return this;
        }

        /** @param width D_img, the image teacher's feature width (768 for the official ViT-B in21k), 0 for none */
        public Builder optImageTeacher(int width) {
            this.imgDim = width;
            return this;
        }

        /** @param width D_text, the text teacher's feature width (512 for CLIP), 0 for none */
        public Builder optTextTeacher(int width) {
            this.textDim = width;
            return this;
        }

        /**
         * @param on stop-gradient on the queries' keys/values in ReCon's two-stream blocks (official: on); off is the
         *     named deviation {@code --no-stop-gradient}: the queries' losses also reach the local tokens and the patch
         *     embedding through the cross-attention, as in a single-stream multi-task Transformer
         */
        public Builder optStopGradient(boolean on) {
            this.stopGradient = on;
            return this;
        }

        /**
         * @return the model (not yet initialised); throws if the method distils no teacher but widths were given, or
         *     if the stop-gradient is turned off for a method without ReCon blocks
         */
        public ReconPretrainer build() {
            if (imgDim < 0 || textDim < 0) {
                throw new IllegalArgumentException("teacher widths must be >= 0, got " + imgDim + " / " + textDim);
            }
            if (!stopGradient && !method.hasStopGradient()) {
                throw new IllegalArgumentException("--no-stop-gradient: method " + method.cliName()
                        + " has no ReCon block, hence no stop-gradient to turn off (recon or mpm only)");
            }
            return new ReconPretrainer(method, config, imgDim, textDim, stopGradient);
        }
    }

    /**
     * @param method which of the paper's pretraining methods
     * @param config architecture (the two-tower model has two encoders of this size)
     * @param imgDim image-teacher feature width, 0 for none (must be 0 for methods that do not distil)
     * @param textDim text-teacher feature width, 0 for none
     * @param stopGradient whether the queries read stop-gradient locals (official; two-stream methods only)
     */
    private ReconPretrainer(PretrainMethod method, ReconConfig config, int imgDim, int textDim, boolean stopGradient) {
        if (!method.distils() && (imgDim > 0 || textDim > 0)) {
            throw new IllegalArgumentException("--method " + method.cliName() + " distils no teacher, but teacher widths "
                    + imgDim + " / " + textDim + " were given");
        }
        this.config = config;
        this.method = method;
        this.stopGradient = stopGradient;
        long c = config.transDim();
        boolean rec = method.reconstructs();
        maskToken = rec ? parameter("mask_token", new Shape(1, 1, c), Parameter.Type.WEIGHT, Inits.truncNormal(0.02f)) : null;
        encoder = method.mainStream() == null ? null
                : module("MAE_encoder", new ReconEncoder(config, method.mainStream(), method.mainLayout(false), false));
        disEncoder = method.hasDistillationTower() ? module("Dis_encoder", new ReconEncoder(config,
                ReconEncoder.Stream.SINGLE_STREAM, GlobalQueries.Layout.DISTILLATION, false)) : null;
        // The official ReCon class leaves these two at PyTorch's default init.
        decoderPosEmbed = rec ? module("decoder_pos_embed", PositionalMlp.torchDefault(c)) : null;
        decoder = rec ? module("MAE_decoder", new MaeDecoder(config)) : null;
        increaseDim = rec ? module("increase_dim.0", new LinearLayer(c, 3L * config.groupSize(), true, true,
                new TorchDefaultInit(c), new TorchDefaultInit(c))) : null;
        imgProj = imgDim > 0 ? module("img_proj", projection(c, imgDim)) : null;
        textProj = textDim > 0 ? module("text_proj", projection(c, textDim)) : null;
    }

    private static LinearLayer projection(long in, long out) {
        // The official projection init: N(mean 0.02, std 0.01) weights, zero bias.
        return new LinearLayer(in, out, true, false, Inits.normal(0.02f, 0.01f), Inits.ZEROS);
    }

    /** @return the architecture */
    public ReconConfig config() {
        return config;
    }

    /** @return the method this model is configured for */
    public PretrainMethod method() {
        return method;
    }

    /** @return the {@code MAE_encoder} tower, whose weights transfer to {@link ReconClassifier}; null for cmc */
    public ReconEncoder encoder() {
        return encoder;
    }

    /** @return the two-tower model's distillation tower ({@code Dis_encoder}), or null */
    public ReconEncoder distillationEncoder() {
        return disEncoder;
    }

    /** @return true if the model distils an image teacher */
    public boolean hasImageTeacher() {
        return imgProj != null;
    }

    /** @return true if the model distils a text teacher */
    public boolean hasTextTeacher() {
        return textProj != null;
    }

    /** @return the patching (FPS + kNN) the model applies to (B, N, 3) points; its centres key block masking */
    public PointPatching patching() {
        return (encoder != null ? encoder : disEncoder).patching();
    }

    /**
     * One pretraining forward pass.
     *
     * @param patches (B, G, K, 3) centred neighbourhoods and (B, G, 3) group centres ({@link #patching()})
     * @param mask (B, G) row-major, true = masked; every cloud masks the same number M (unused by cmc and smc,
     *     whose towers see every group)
     * @param teacherImg (B, D_img) frozen image features, or null
     * @param teacherText (B, D_text) frozen text features, or null
     * @param training train mode (BatchNorm batch statistics, drop path)
     * @return tensors and losses
     */
    public PretrainOutput forward(ParameterStore ps, Patches patches, boolean[] mask,
                                  NDArray teacherImg, NDArray teacherText, boolean training) {
        NDArray neighborhood = patches.neighborhood();
        NDArray centers = patches.centers();
        Map<String, NDArray> losses = new LinkedHashMap<>();
        Tokens encoded = null;
        Reconstruction r = null;
        if (method.reconstructs()) {
            r = reconstruct(ps, neighborhood, centers, mask, training);
            encoded = r.encoded;
            losses.put("mdm", ChamferDistance.l2(r.rebuild, r.target));
        } else if (encoder != null) {
            encoded = encoder.encode(ps, patches, training, null);
        }
        // The tower that carries img/text: the distillation tower where there is one, else the encoder's queries.
        Tokens queries = disEncoder == null ? encoded : disEncoder.encode(ps, patches, training, null);
        NDArray imgP = null;
        NDArray textP = null;
        if (imgProj != null && teacherImg != null) {
            imgP = imgProj.forward(ps, queries.img(), training);
            losses.put("csc_img", Losses.smoothL1(teacherImg, imgP));
        }
        if (textProj != null && teacherText != null) {
            textP = textProj.forward(ps, queries.text(), training);
            losses.put("csc_text", Losses.smoothL1(teacherText, textP));
        }
        return new PretrainOutput(queries, r == null ? null : r.decoded, r == null ? null : r.rebuild,
                r == null ? null : r.target, imgP, textP, losses, PretrainLoss.OFFICIAL.total(losses));
    }

    /** What the masked tower and the decoder produced. */
    private record Reconstruction(Tokens encoded, NDArray decoded, NDArray rebuild, NDArray target) {
    }

    /** The masked tower over the visible groups, then the MAE decoder over [visible rows; mask tokens]. */
    private Reconstruction reconstruct(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean[] mask,
                                       boolean training) {
        long[] s = neighborhood.getShape().getShape();
        long b = s[0];
        long g = s[1];
        long k = s[2];
        long c = config.transDim();
        NDManager m = neighborhood.getManager();
        NDArray visRows = m.create(Masking.rows(mask, (int) g, false));
        NDArray maskRows = m.create(Masking.rows(mask, (int) g, true));
        long v = visRows.size() / b;
        long numMasked = maskRows.size() / b;

        NDArray tokens = encoder.embed(ps, neighborhood, training).reshape(b * g, c).get(visRows).reshape(b, v, c);
        NDArray flatCenters = centers.reshape(b * g, 3);
        NDArray visCenters = flatCenters.get(visRows).reshape(b, v, 3);
        NDArray maskCenters = flatCenters.get(maskRows).reshape(b, numMasked, 3);
        // Stop-gradient on the queries' keys/values exists only in ReCon's two-stream blocks.
        boolean detach = stopGradient && encoder.stream() == ReconEncoder.Stream.TWO_STREAM;
        Tokens encoded = new Tokens(encoder.transform(ps, tokens, encoder.position(ps, visCenters, training), detach,
                training, null), encoder.layout());

        NDArray xVis = encoded.locals();
        NDArray tokensMasked = ps.getValue(maskToken, neighborhood.getDevice(), training).broadcast(b, numMasked, c);
        tokensMasked.attach(m); // parameter-derived: belongs to the step, not the model
        NDArray x = NDArrays.concat(new NDList(xVis, tokensMasked), 1);
        NDArray pos = NDArrays.concat(new NDList(decoderPosEmbed.forward(ps, visCenters, training),
                decoderPosEmbed.forward(ps, maskCenters, training)), 1);
        NDArray decoded = decoder.forward(ps, x, pos, (int) numMasked, training);

        NDArray rebuild = increaseDim.forward(ps, decoded, training).reshape(b * numMasked, k, 3);
        NDArray target = neighborhood.reshape(b * g, k, 3).get(maskRows);
        return new Reconstruction(encoded, decoded, rebuild, target);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("call forward(ps, neighborhood, centers, mask, teacherImg, teacherText, training)");
    }
}
