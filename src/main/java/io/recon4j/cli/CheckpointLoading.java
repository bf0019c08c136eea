package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.Recon;
import io.recon4j.ReconCheckpoint;
import io.recon4j.model.ImportReport;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The architecture options and the one way a command loads a ReCon checkpoint: the front door's reader
 * ({@link ReconCheckpoint}, as {@link Recon#load}). The architecture is the one given on the command line (any of
 * {@code --size}, {@code --trans-dim}, ...), else the checkpoint's model card, else the {@code --size} default.
 */
final class CheckpointLoading {

    @Spec
    CommandSpec self;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    ModelOptions model;

    /** @return the architecture options as given, for commands that build a model without a checkpoint */
    ReconConfig config() {
        return model.config();
    }

    /** @return loading options: the given architecture, or the {@code --size} default where the file names none */
    Recon.Options.Builder options() {
        Recon.Options.Builder b = Recon.Options.builder();
        return architectureGiven() ? b.config(model.config()) : b.fallbackConfig(model.config());
    }

    /** Reads and checks {@code file} (named {@code --checkpoint}) against the architecture, before any work. */
    ReconCheckpoint read(Path file) throws IOException {
        return read(file, "--checkpoint", options().build());
    }

    /** As {@link #read(Path)} with explicit loading options; {@code option} names the file in errors. */
    ReconCheckpoint read(Path file, String option, Recon.Options options) throws IOException {
        InputFiles.require(file, option);
        return ReconCheckpoint.read(file, options);
    }

    /** @return the architecture of {@code file} (named {@code --checkpoint}): given, else its own, else the default */
    ReconConfig config(Path file) throws IOException {
        return read(file).card().config();
    }

    /**
     * Loads {@code file} non-strictly, as the official loaders do (the diagnostic commands, which report what is
     * missing instead of refusing it): a classifier takes the fine-tuning view, a pretrainer strips {@code module.}.
     */
    static ImportReport importInto(ModuleBlock target, Path file) throws IOException {
        return target instanceof ReconPretrainer p ? Weights.loadIntoPretrainer(p, file)
                : Weights.loadIntoClassifier((ReconClassifier) target, file);
    }

    /** Refuses a checkpoint without a classification head: {@code otherwise} says what to do instead. */
    static void requireHead(ReconCheckpoint c, String otherwise) {
        if (!c.hasHead()) {
            throw new IllegalArgumentException(c.file() + " has no classifier head (no cls_head_finetune.* tensors: "
                    + "a pretraining checkpoint?): " + otherwise);
        }
    }

    /** Builds the classifier with every weight loaded, printing its architecture (when not ReCon's) and the report. */
    static ReconClassifier classifier(ReconCheckpoint c, NDManager manager, PrintWriter out) {
        return classifier(c, 0, manager, out);
    }

    /** As {@link #classifier(ReconCheckpoint, NDManager, PrintWriter)}, weights the file lacks drawn from {@code seed}. */
    static ReconClassifier classifier(ReconCheckpoint c, long seed, NDManager manager, PrintWriter out) {
        ReconCheckpoint.Loaded loaded = c.load(manager, seed);
        PretrainMethod method = loaded.model().method();
        if (method != PretrainMethod.RECON) {
            out.println(c.file() + ": " + method.cliName() + " architecture (from its tensor names)");
        }
        out.print(c.file() + ": " + loaded.report().describe());
        return loaded.model();
    }

    /**
     * @param c a read checkpoint, or null for a randomly initialised encoder (a baseline) drawn from {@code seed}
     *     (which also draws the weights a checkpoint lacks: the two-tower MAE tower's cls token)
     * @param classes the head width of the baseline (its draws from the seeded generator follow the model's shape)
     * @return the classifier whose frozen encoder a probe reads
     */
    ReconClassifier encoder(ReconCheckpoint c, int classes, long seed, NDManager manager, PrintWriter out) {
        if (c != null) {
            return classifier(c, seed, manager, out);
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        ReconClassifier net = ReconClassifier.builder(model.config()).setClasses(classes).build();
        net.initialize(manager);
        return net;
    }

    private boolean architectureGiven() {
        var parsed = command.commandLine() == null ? null : command.commandLine().getParseResult();
        return parsed != null && self.mixins().get("model").options().stream().anyMatch(o -> parsed.hasMatchedOption(o.longestName()));
    }
}
