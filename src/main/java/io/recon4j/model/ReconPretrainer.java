package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.geometry.ChamferDistance;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.PositionalMlp;
import io.recon4j.nn.TorchDefaultInit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ReCon pretraining model (official class {@code ReCon}): masked point modelling with a Chamfer-L2
 * reconstruction target, plus cross-modal distillation of the img/text queries into frozen teacher
 * features. With both teachers off it is the paper's Point-MAE† (same backbone, reconstruction only).
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
    private final Parameter maskToken;
    private final ReconEncoder encoder;
    private final PositionalMlp decoderPosEmbed;
    private final MaeDecoder decoder;
    private final LinearLayer increaseDim;
    private final LinearLayer imgProj;
    private final LinearLayer textProj;

    /**
     * @param config architecture
     * @param imgDim image-teacher feature width (768 for the official ViT-B in21k), 0 for no image teacher
     * @param textDim text-teacher feature width (512 for CLIP), 0 for no text teacher
     */
    public ReconPretrainer(ReconConfig config, int imgDim, int textDim) {
        this.config = config;
        long c = config.transDim();
        maskToken = parameter("mask_token", new Shape(1, 1, c), Parameter.Type.WEIGHT, Inits.truncNormal(0.02f));
        encoder = module("MAE_encoder", new ReconEncoder(config, false));
        // The official ReCon class leaves these two at PyTorch's default init.
        decoderPosEmbed = module("decoder_pos_embed", PositionalMlp.torchDefault(c));
        decoder = module("MAE_decoder", new MaeDecoder(config));
        increaseDim = module("increase_dim.0", new LinearLayer(c, 3L * config.groupSize(), true, true,
                new TorchDefaultInit(c), new TorchDefaultInit(c)));
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

    /** @return the encoder, whose weights transfer to {@link ReconClassifier} */
    public ReconEncoder encoder() {
        return encoder;
    }

    /** @return true if the model distils an image teacher */
    public boolean hasImageTeacher() {
        return imgProj != null;
    }

    /** @return true if the model distils a text teacher */
    public boolean hasTextTeacher() {
        return textProj != null;
    }

    /**
     * One pretraining forward pass.
     *
     * @param neighborhood (B, G, K, 3) centred neighbourhoods
     * @param centers (B, G, 3) group centres
     * @param mask (B, G) row-major, true = masked; every cloud masks the same number M
     * @param teacherImg (B, D_img) frozen image features, or null
     * @param teacherText (B, D_text) frozen text features, or null
     * @param training train mode (BatchNorm batch statistics, drop path)
     * @return tensors and losses
     */
    public PretrainOutput forward(ParameterStore ps, NDArray neighborhood, NDArray centers, boolean[] mask,
                                  NDArray teacherImg, NDArray teacherText, boolean training) {
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
        NDArray encoded = encoder.transform(ps, tokens, encoder.position(ps, visCenters, training), true, training, null);

        NDArray xVis = encoded.get(new NDIndex(":, 3:, :"));
        NDArray tokensMasked = ps.getValue(maskToken, neighborhood.getDevice(), training).broadcast(b, numMasked, c);
        tokensMasked.attach(m); // parameter-derived: belongs to the step, not the model
        NDArray x = NDArrays.concat(new NDList(xVis, tokensMasked), 1);
        NDArray pos = NDArrays.concat(new NDList(decoderPosEmbed.forward(ps, visCenters, training),
                decoderPosEmbed.forward(ps, maskCenters, training)), 1);
        NDArray decoded = decoder.forward(ps, x, pos, (int) numMasked, training);

        NDArray rebuild = increaseDim.forward(ps, decoded, training).reshape(b * numMasked, k, 3);
        NDArray target = neighborhood.reshape(b * g, k, 3).get(maskRows);
        Map<String, NDArray> losses = new LinkedHashMap<>();
        losses.put("mdm", ChamferDistance.l2(rebuild, target));

        NDArray imgP = null;
        NDArray textP = null;
        if (imgProj != null && teacherImg != null) {
            imgP = imgProj.forward(ps, encoded.get(new NDIndex(":, 1, :")), training);
            losses.put("csc_img", Losses.smoothL1(teacherImg, imgP));
        }
        if (textProj != null && teacherText != null) {
            textP = textProj.forward(ps, encoded.get(new NDIndex(":, 2, :")), training);
            losses.put("csc_text", Losses.smoothL1(teacherText, textP));
        }
        NDArray total = null;
        for (NDArray l : losses.values()) {
            total = total == null ? l : total.add(l);
        }
        return new PretrainOutput(encoded, decoded, rebuild, target, imgP, textP, losses, total);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("call forward(ps, neighborhood, centers, mask, teacherImg, teacherText, training)");
    }
}
