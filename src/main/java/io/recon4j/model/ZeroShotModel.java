package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.TorchDefaultInit;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The official zero-shot model ({@code PointTransformerZeroShot}): the ReCon encoder over all groups (no
 * masking, no stop-gradient, eval mode) and the pretrained projections into the teachers' spaces. The point
 * feature is {@code ratio · text_proj(text query) + img_proj(img query)} ({@link Type#FULL}), or either term
 * alone ({@link Type#TEXT} uses {@code text_proj(text)}, {@link Type#IMAGE} uses {@code img_proj(img)}).
 */
public final class ZeroShotModel extends ModuleBlock {

    /** Which projected queries make the point feature (the official {@code type}). */
    public enum Type {
        /** ratio · text + image; both teachers must have the same width. */
        FULL,
        /** text_proj(text query) only. */
        TEXT,
        /** img_proj(img query) only. */
        IMAGE;

        /** @return the type named {@code s} (full, text or image, any case) */
        public static Type parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zero-shot type must be full, text or image, got '" + s + "'");
            }
        }
    }

    private final ReconEncoder encoder;
    private final LinearLayer textProj;
    private final LinearLayer imgProj;
    private final Type type;
    private final float ratio;
    private final int dimension;

    /**
     * @param config architecture
     * @param type which projections to use
     * @param textDim text-teacher width (needed for FULL and TEXT)
     * @param imgDim image-teacher width (needed for FULL and IMAGE)
     * @param ratio weight of the text term for FULL (official: 0.2 for ModelNet10, 0.25 for ModelNet40)
     */
    public ZeroShotModel(ReconConfig config, Type type, int textDim, int imgDim, float ratio) {
        this.type = type;
        this.ratio = ratio;
        long c = config.transDim();
        encoder = module("", ReconEncoder.finetuned(config));
        boolean text = type != Type.IMAGE;
        boolean img = type != Type.TEXT;
        if ((text && textDim <= 0) || (img && imgDim <= 0)) {
            throw new IllegalArgumentException("zero-shot type " + type + " needs " + (text ? "a text" : "")
                    + (text && img ? " and " : "") + (img ? "an image" : "") + " projection");
        }
        if (type == Type.FULL && textDim != imgDim) {
            throw new IllegalArgumentException("zero-shot type full adds the text (" + textDim + "-d) and image (" + imgDim
                    + "-d) features, so both teachers must have the same width; use --type text or image");
        }
        // Official order: text_proj before img_proj. Weights are loaded over the init.
        textProj = text ? module("text_proj", new LinearLayer(c, textDim, true, false, new TorchDefaultInit(c),
                new TorchDefaultInit(c))) : null;
        imgProj = img ? module("img_proj", new LinearLayer(c, imgDim, true, false, new TorchDefaultInit(c),
                new TorchDefaultInit(c))) : null;
        dimension = text ? textDim : imgDim;
    }

    /**
     * Builds the model for a pretraining checkpoint ({@code pretrained.pth}, or an official ReCon checkpoint): the
     * projection widths come from the file; keys are mapped as the official loader does ({@code module.},
     * {@code MAE_encoder.}, {@code base_model.} stripped).
     *
     * @param file the checkpoint
     * @param config architecture (must match the checkpoint)
     * @param type which projections to use
     * @param ratio weight of the text term for FULL
     * @param manager owns the weights
     * @throws IllegalArgumentException naming the file if a needed projection or any encoder weight is missing
     */
    public static ZeroShotModel load(Path file, ReconConfig config, Type type, float ratio, NDManager manager) throws IOException {
        StateDict sd = StateDict.read(file).removeModulePrefix().stripPrefixes(StateDict.FINE_TUNE_PREFIXES);
        int textDim = outputWidth(sd, "text_proj.weight");
        int imgDim = outputWidth(sd, "img_proj.weight");
        if (type != Type.IMAGE && textDim == 0) {
            throw new IllegalArgumentException(file + " has no text_proj: it was pretrained without a text teacher, so it "
                    + "cannot do text zero-shot" + (imgDim > 0 ? " (try --type image)" : ""));
        }
        if (type != Type.TEXT && imgDim == 0) {
            throw new IllegalArgumentException(file + " has no img_proj: it was pretrained without an image teacher; "
                    + "use --type text");
        }
        ZeroShotModel m = new ZeroShotModel(config, type, textDim, imgDim, ratio);
        m.initialize(manager);
        ImportReport report = Weights.load(m, sd);
        if (!report.missing().isEmpty()) {
            throw new IllegalArgumentException(file + " lacks " + report.missing().size() + " weights of the zero-shot model "
                    + "(first: " + report.missing().get(0) + "); wrong --size or not a ReCon pretraining checkpoint?");
        }
        return m;
    }

    private static int outputWidth(StateDict sd, String key) {
        if (!sd.contains(key)) {
            return 0;
        }
        PthTensor t = sd.get(key);
        return t.rank() == 2 ? (int) t.shape()[0] : 0;
    }

    /** @return D, the width of the point feature */
    public int dimension() {
        return dimension;
    }

    /** @return the type */
    public Type type() {
        return type;
    }

    /**
     * @param points (B, N, 3) clouds, patched by the encoder
     * @return (B, D) point features, in eval mode
     */
    public NDArray features(ParameterStore ps, NDArray points) {
        return features(ps, encoder.patching().patchify(points));
    }

    /** @return (B, D) point features of patches already made, in eval mode */
    public NDArray features(ParameterStore ps, Patches patches) {
        Tokens x = encoder.encode(ps, patches, false, null);
        NDArray text = textProj == null ? null : textProj.forward(ps, x.text(), false);
        NDArray img = imgProj == null ? null : imgProj.forward(ps, x.img(), false);
        return switch (type) {
            case TEXT -> text;
            case IMAGE -> img;
            case FULL -> text.mul(ratio).add(img);
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // (B, N, 3) points; or pre-grouped (neighbourhoods, centres)
        return new NDList(inputs.size() == 1 ? features(ps, inputs.get(0))
                : features(ps, Patches.of(inputs.get(0), inputs.get(1))));
    }
}
