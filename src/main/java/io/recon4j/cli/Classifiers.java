package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.model.HeadType;
import io.recon4j.model.ImportReport;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Builds a classifier for the evaluation commands and loads a checkpoint into it, printing the import report. */
final class Classifiers {

    private Classifiers() {
    }

    /**
     * @param strict refuse a checkpoint that leaves model tensors missing (a fine-tuned model for {@code test},
     *     as the official {@code load_model} with {@code strict=True}); false for an encoder-only use (SVM)
     */
    static ReconClassifier load(ReconConfig config, int classes, HeadType head, Path checkpoint, boolean strict,
                                NDManager manager, PrintWriter out) throws IOException {
        InputFiles.checkpoint(checkpoint);
        ReconClassifier model = ReconClassifier.forCheckpoint(config, classes, head, checkpoint);
        model.initialize(manager);
        ImportReport report = Weights.loadIntoClassifier(model, checkpoint);
        if (model.method() != io.recon4j.model.PretrainMethod.RECON) {
            out.println(checkpoint + ": " + model.method().cliName() + " architecture (from its tensor names)");
        }
        out.print(checkpoint + ": " + report.describe());
        if (strict && !report.missing().isEmpty()) {
            throw new IllegalArgumentException(checkpoint + " is not a fine-tuned " + head.name().toLowerCase(java.util.Locale.ROOT)
                    + "-head classifier of this size: it lacks " + report.missing().size() + " of the model's tensors, e.g. "
                    + report.missing().get(0) + " (fine-tune it first with recon finetune, or check --size/--head)");
        }
        long encoderMissing = report.missing().stream().filter(k -> !k.startsWith("cls_head_finetune") && !isUntrainedToken(model, k)).count();
        if (!strict && encoderMissing > 0) {
            throw new IllegalArgumentException(checkpoint + " lacks " + encoderMissing + " encoder tensors, e.g. "
                    + report.missing().stream().filter(k -> !k.startsWith("cls_head_finetune") && !isUntrainedToken(model, k))
                    .findFirst().orElseThrow()
                    + "; is it a ReCon checkpoint of this --size?");
        }
        return model;
    }

    /**
     * @param checkpoint pretrained weights, or null for a randomly initialised encoder (a baseline) drawn from {@code seed}
     *     (which also draws the weights a checkpoint lacks: the two-tower MAE tower's cls token)
     * @return the classifier whose frozen encoder a probe reads
     */
    static ReconClassifier encoder(ReconConfig config, int classes, Path checkpoint, long seed, NDManager manager,
                                   PrintWriter out) throws IOException {
        // Seeded either way: a two-tower checkpoint lacks the MAE tower's cls token, drawn at initialisation.
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        if (checkpoint != null) {
            return load(config, classes, HeadType.FULL, checkpoint, false, manager, out);
        }
        ReconClassifier net = ReconClassifier.builder(config).setClasses(classes).build();
        net.initialize(manager);
        return net;
    }

    /** The two-tower MAE tower's cls token exists only in the fine-tune model (officially initialised, not loaded). */
    private static boolean isUntrainedToken(ReconClassifier model, String key) {
        return model.method() == io.recon4j.model.PretrainMethod.TWOTOWER && (key.equals("cls_token") || key.equals("cls_pos"));
    }
}
