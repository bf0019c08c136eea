package io.recon4j.model;

import io.recon4j.pth.StateDict;
import io.recon4j.util.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a recon4j checkpoint says about the model in it, stored as the top-level {@value #ENTRY} dict beside the
 * weights (as CAE checkpoints carry {@code cae_config}): architecture, pretraining method, head, class names, up axis,
 * preprocessing and the recon4j version. Every value is a plain dict, list, str, int or float, so {@code torch.load}
 * (also with {@code weights_only=True}) reads the file as before: {@code torch.load(f)['model_card']['class_names']}.
 *
 * @param config the architecture (official {@code cfgs} field names in the file)
 * @param method the pretraining method whose architecture the weights have
 * @param head the classifier head, or null for a pretraining checkpoint (no head)
 * @param classNames class names indexed by label (the fine-tuning classes; for pretraining the classes seen), may be empty
 * @param upAxis the up axis of the training data as stored: "y" (used as is) or "z" (turned y-up on load)
 * @param normalization "pc_norm" (centroid to origin, unit sphere, as the ModelNet/ShapeNet loaders) or "none"
 *     (ScanObjectNN)
 * @param textTeacher identity of the distilled text teacher, "" for none
 * @param imageTeacher identity of the distilled image teacher, "" for none
 * @param version the recon4j version that wrote the file
 */
public record ModelCard(ReconConfig config, PretrainMethod method, HeadType head, List<String> classNames, String upAxis,
                        String normalization, String textTeacher, String imageTeacher, String version) {

    /** The checkpoint's top-level key. */
    public static final String ENTRY = "model_card";
    /** Format of the entry; bumped when a field changes meaning. */
    public static final int FORMAT = 1;
    /** Normalisation of the ModelNet/ShapeNet loaders (official {@code pc_norm}). */
    public static final String PC_NORM = "pc_norm";
    /** No normalisation (the official ScanObjectNN loader). */
    public static final String NO_NORMALIZATION = "none";

    public ModelCard {
        if (config == null || method == null) {
            throw new IllegalArgumentException("a model card needs the architecture and the method");
        }
        classNames = List.copyOf(classNames == null ? List.of() : classNames);
        upAxis = upAxis == null ? "y" : upAxis.toLowerCase(Locale.ROOT);
        if (!upAxis.equals("y") && !upAxis.equals("z")) {
            throw new IllegalArgumentException("up axis must be y or z, got '" + upAxis + "'");
        }
        normalization = normalization == null ? PC_NORM : normalization;
        if (!normalization.equals(PC_NORM) && !normalization.equals(NO_NORMALIZATION)) {
            throw new IllegalArgumentException("normalization must be " + PC_NORM + " or " + NO_NORMALIZATION + ", got '"
                    + normalization + "'");
        }
        textTeacher = textTeacher == null ? "" : textTeacher;
        imageTeacher = imageTeacher == null ? "" : imageTeacher;
        version = version == null ? Version.current() : version;
    }

    /** @return the card of a fine-tuned classifier written now */
    public static ModelCard finetuned(ReconConfig config, PretrainMethod method, HeadType head, List<String> classNames,
                                      String upAxis, String normalization) {
        return new ModelCard(config, method, head, classNames, upAxis, normalization, "", "", null);
    }

    /** @return the card of a pretraining checkpoint written now */
    public static ModelCard pretrained(ReconConfig config, PretrainMethod method, List<String> classNames, String upAxis,
                                       String textTeacher, String imageTeacher) {
        return new ModelCard(config, method, null, classNames, upAxis, PC_NORM, textTeacher, imageTeacher, null);
    }

    /** @return true for a fine-tuned classifier (it has a head) */
    public boolean hasHead() {
        return head != null;
    }

    /** @return the number of classes of the head (0 without a head) */
    public int numClasses() {
        return head == null ? 0 : classNames.size();
    }

    /** @return the entry as torch.load shows it: a dict of plain values, in a fixed order */
    public Map<String, Object> toEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", (long) FORMAT);
        m.put("recon4j_version", version);
        m.put("kind", head == null ? "pretrained" : "finetuned");
        m.put("method", method.cliName());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("trans_dim", (long) config.transDim());
        model.put("depth", (long) config.depth());
        model.put("num_heads", (long) config.heads());
        model.put("decoder_depth", (long) config.decoderDepth());
        model.put("decoder_num_heads", (long) config.decoderHeads());
        model.put("num_group", (long) config.numGroups());
        model.put("group_size", (long) config.groupSize());
        model.put("npoints", (long) config.numPoints());
        model.put("mask_ratio", (double) config.maskRatio());
        model.put("drop_path_rate", (double) config.dropPath());
        m.put("model", model);
        m.put("head", head == null ? null : head.name().toLowerCase(Locale.ROOT));
        m.put("num_classes", (long) numClasses());
        m.put("class_names", new ArrayList<Object>(classNames));
        m.put("up_axis", upAxis);
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("normalization", normalization);
        pre.put("npoints", (long) config.numPoints());
        pre.put("sampling", "fps");
        m.put("preprocessing", pre);
        Map<String, Object> teachers = new LinkedHashMap<>();
        teachers.put("text", textTeacher);
        teachers.put("image", imageTeacher);
        m.put("teachers", teachers);
        return m;
    }

    /**
     * @param checkpoint the checkpoint's weights and top-level entries
     * @return its card, or empty for a checkpoint without one (official, or written by recon4j before cards existed)
     * @throws IllegalArgumentException if the entry exists but is malformed
     */
    public static Optional<ModelCard> of(StateDict checkpoint) {
        Object e = checkpoint.extras().get(ENTRY);
        if (e == null) {
            return Optional.empty();
        }
        if (!(e instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'" + ENTRY + "' is not a dict");
        }
        try {
            Map<?, ?> model = (Map<?, ?>) m.get("model");
            Map<?, ?> pre = (Map<?, ?>) m.get("preprocessing");
            Map<?, ?> teachers = (Map<?, ?>) m.get("teachers");
            ReconConfig config = new ReconConfig(i(model, "trans_dim"), i(model, "depth"), i(model, "num_heads"),
                    i(model, "decoder_depth"), i(model, "decoder_num_heads"), i(model, "num_group"), i(model, "group_size"),
                    i(model, "npoints"), f(model, "mask_ratio"), f(model, "drop_path_rate"));
            List<String> names = new ArrayList<>();
            for (Object o : (List<?>) m.get("class_names")) {
                names.add((String) o);
            }
            Object head = m.get("head");
            return Optional.of(new ModelCard(config, PretrainMethod.parse((String) m.get("method")),
                    head == null ? null : HeadType.parse((String) head), names, (String) m.get("up_axis"),
                    (String) pre.get("normalization"), (String) teachers.get("text"), (String) teachers.get("image"),
                    (String) m.get("recon4j_version")));
        } catch (ClassCastException | NullPointerException ex) {
            throw new IllegalArgumentException("'" + ENTRY + "' is incomplete or has a value of the wrong type: " + ex.getMessage(),
                    ex);
        }
    }

    private static int i(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    private static float f(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).floatValue();
    }

    /** @return one line, e.g. "recon nano (C=128, depth 6, 32x32 of 512 points), full head, 10 classes, y-up, pc_norm" */
    public String describe() {
        ReconConfig c = config;
        return String.format(Locale.ROOT, "%s C=%d depth %d heads %d, %d groups x %d of %d points, %s, %s, %s-up, %s, recon4j %s",
                method.cliName(), c.transDim(), c.depth(), c.heads(), c.numGroups(), c.groupSize(), c.numPoints(),
                head == null ? "no head (pretrained)" : head.name().toLowerCase(Locale.ROOT) + " head",
                classNames.isEmpty() ? "no class names" : classNames.size() + " classes", upAxis, normalization, version);
    }
}
