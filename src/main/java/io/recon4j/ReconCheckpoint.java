package io.recon4j;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.data.Preprocessing;
import io.recon4j.model.HeadType;
import io.recon4j.model.ImportReport;
import io.recon4j.model.ModelCard;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint read and understood: its model card (stored, or completed from {@link Recon.Options} for official and
 * older recon4j files), its architecture checked against the weights before anything is built, and the classifier
 * built with every weight loaded (strict: a missing or mis-shaped tensor refuses the file). The one loading path of
 * {@link Recon}, the CLI and batch embedding.
 */
public final class ReconCheckpoint {

    /** The classifier with every weight loaded, and what the load used, ignored and (for a head-less file) left out. */
    public record Loaded(ReconClassifier model, ImportReport report) {
    }

    private static final String HEAD = "cls_head_finetune.";
    private static final Pattern BLOCK = Pattern.compile("^(?:Dis_encoder\\.)?blocks\\.blocks\\.(\\d+)\\.");

    private final Path file;
    private final StateDict view;
    private final ModelCard card;
    private final PretrainMethod method;

    private ReconCheckpoint(Path file, StateDict view, ModelCard card, PretrainMethod method) {
        this.file = file;
        this.view = view;
        this.card = card;
        this.method = method;
    }

    /**
     * Reads {@code file} and resolves its description: explicit options first, then the stored model card, then (for a
     * recon4j training checkpoint written before model cards) the architecture in its run configuration.
     *
     * @throws IllegalArgumentException with what to pass when the architecture is unknown or does not fit the weights
     */
    public static ReconCheckpoint read(Path file, Recon.Options options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
        }
        StateDict sd = StateDict.read(file);
        StateDict view = sd.removeModulePrefix().stripPrefixes(StateDict.FINE_TUNE_PREFIXES);
        Optional<ModelCard> stored = ModelCard.of(sd);
        ReconConfig config = options.config() != null ? options.config()
                : stored.map(ModelCard::config).orElseGet(() -> runConfigModel(sd));
        if (config == null) {
            config = options.fallbackConfig();
        }
        if (config == null) {
            throw new IllegalArgumentException(file + " carries no model card (an official checkpoint, or one written by "
                    + "recon4j before model cards): pass its configuration, e.g. Recon.load(file, Recon.Options.builder()"
                    + ".size(\"" + guessSize(view).orElse("nano") + "\").classNames(List.of(...)).build())"
                    + weightsSay(view));
        }
        checkArchitecture(file, view, config);
        PretrainMethod method = PretrainMethod.detect(view);
        int classes = headClasses(view);
        HeadType head = classes == 0 ? null
                : !view.contains(HEAD + "8.weight") ? HeadType.LINEAR
                : options.head() != null ? options.head()
                : stored.map(ModelCard::head).filter(h -> h != HeadType.LINEAR).orElse(HeadType.FULL);
        List<String> names = classNames(file, options, stored, classes);
        String up = options.upAxis() != null ? options.upAxis() : stored.map(ModelCard::upAxis).orElse("y");
        String norm = options.normalization() != null ? options.normalization()
                : stored.map(ModelCard::normalization).orElse(ModelCard.PC_NORM);
        ModelCard card = new ModelCard(config, method, head, names, up, norm,
                stored.map(ModelCard::textTeacher).orElse(""), stored.map(ModelCard::imageTeacher).orElse(""),
                stored.map(ModelCard::version).orElse("unknown (no model card)"));
        return new ReconCheckpoint(file, view, card, method);
    }

    private static List<String> classNames(Path file, Recon.Options options, Optional<ModelCard> stored, int classes) {
        if (options.classNames() != null) {
            if (classes > 0 && options.classNames().size() != classes) {
                throw new IllegalArgumentException(file + ": the checkpoint's head has " + classes + " classes, "
                        + options.classNames().size() + " class names were given");
            }
            return options.classNames();
        }
        List<String> storedNames = stored.map(ModelCard::classNames).orElse(List.of());
        if (classes == 0 || storedNames.size() == classes) {
            return storedNames;
        }
        // Without names the labels are the head's indices.
        List<String> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            out.add(Integer.toString(k));
        }
        return out;
    }

    /** @return the architecture of an older recon4j training checkpoint ({@code recon4j.config}), or null */
    private static ReconConfig runConfigModel(StateDict sd) {
        if (!(sd.extras().get("recon4j") instanceof Map<?, ?> loop) || !(loop.get("config") instanceof String json)) {
            return null;
        }
        JsonObject run = JsonParser.parseString(json).getAsJsonObject();
        return run.has("model") ? new Gson().fromJson(run.get("model"), ReconConfig.class) : null;
    }

    /** @return K of the fine-tuning head in the weights, 0 for none (a pretraining checkpoint) */
    private static int headClasses(StateDict view) {
        if (view.contains(HEAD + "8.weight")) {
            return (int) view.get(HEAD + "8.weight").shape()[0];
        }
        // The linear head is one Linear layer; the MLP head's first layer is followed by its BatchNorm "1".
        boolean linear = view.contains(HEAD + "0.weight") && !view.contains(HEAD + "1.weight");
        return linear ? (int) view.get(HEAD + "0.weight").shape()[0] : 0;
    }

    /** The weights' width and depth against the configuration, before a model is built. */
    private static void checkArchitecture(Path file, StateDict view, ReconConfig config) {
        int c = transDim(view);
        int depth = depth(view);
        List<String> diffs = new ArrayList<>();
        if (c > 0 && c != config.transDim()) {
            diffs.add("trans_dim " + c + ", this model " + config.transDim());
        }
        if (depth > 0 && depth != config.depth()) {
            diffs.add("depth " + depth + ", this model " + config.depth());
        }
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException(file + ": checkpoint has " + String.join("; ", diffs) + ": "
                    + guessSize(view).map(s -> "it looks like --size " + s + " (Recon.Options.builder().size(\"" + s + "\"))")
                    .orElse("give its ReconConfig explicitly (Recon.Options.builder().config(...))"));
        }
    }

    private static int transDim(StateDict view) {
        for (String key : List.of("norm.weight", "Dis_encoder.norm.weight")) {
            if (view.contains(key)) {
                return (int) view.get(key).shape()[0];
            }
        }
        return 0;
    }

    private static int depth(StateDict view) {
        int max = -1;
        for (String k : view.keys()) {
            Matcher m = BLOCK.matcher(k);
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    private static Optional<String> guessSize(StateDict view) {
        int c = transDim(view);
        int depth = depth(view);
        for (String s : List.of("nano", "tiny", "small", "base")) {
            ReconConfig r = ReconConfig.size(s);
            if (r.transDim() == c && r.depth() == depth) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static String weightsSay(StateDict view) {
        int c = transDim(view);
        return c == 0 ? "" : String.format(Locale.ROOT, "; its weights have trans_dim %d and depth %d", c, depth(view));
    }

    /** @return the resolved description */
    public ModelCard card() {
        return card;
    }

    /** @return the preprocessing the card describes */
    Preprocessing preprocessing() {
        return new Preprocessing(card.normalization().equals(ModelCard.PC_NORM), card.upAxis().equals("z"),
                card.config().numPoints());
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return whether the weights hold a classification head */
    public boolean hasHead() {
        return card.head() != null;
    }

    /** @return whether the weights hold the pretraining text projection (text zero-shot) */
    boolean hasTextProjection() {
        return view.contains("text_proj.weight");
    }

    /**
     * Builds the classifier in eval use and loads every weight. A pretraining checkpoint gets a one-class placeholder
     * head (classification refuses it); everything else must come from the file.
     *
     * @throws IllegalArgumentException if a weight is missing or has another shape
     */
    ReconClassifier build(NDManager manager) {
        return load(manager).model();
    }

    /**
     * As {@link #build}, with the import report (for a caller that prints what was loaded); weights the file does
     * not hold are drawn from seed 0, see {@link #load(NDManager, long)}.
     *
     * @throws IllegalArgumentException if a weight is missing or has another shape
     */
    public Loaded load(NDManager manager) {
        return load(manager, 0);
    }

    /**
     * As {@link #load(NDManager)}, drawing the weights the file does not hold (a pretrained two-tower checkpoint lacks
     * the MAE tower's cls token, officially initialised at fine-tuning) from {@code seed}, so that one checkpoint
     * always gives the same model. Reseeds the engine's generator, as the official code seeds before building.
     *
     * @throws IllegalArgumentException if a weight is missing or has another shape
     */
    public Loaded load(NDManager manager, long seed) {
        ReconConfig config = card.config();
        HeadType head = hasHead() ? card.head() : HeadType.FULL;
        int classes = hasHead() ? card.classNames().size() : 1;
        ReconClassifier model = ReconClassifier.builder(config).setClasses(classes).optHead(head).optMethod(method)
                .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        model.initialize(manager);
        ImportReport report;
        try {
            report = Weights.load(model, view);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<String> missing = report.missing().stream().filter(k -> hasHead() || !k.startsWith(HEAD))
                .filter(k -> !(method == PretrainMethod.TWOTOWER && !hasHead() && (k.equals("cls_token") || k.equals("cls_pos"))))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " lacks " + missing.size() + " of the model's weights, e.g. "
                    + missing.get(0) + ": not a ReCon checkpoint of this configuration (" + card.describe() + ")");
        }
        return new Loaded(model, report);
    }
}
