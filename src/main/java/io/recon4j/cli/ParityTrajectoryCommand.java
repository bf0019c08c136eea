package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.train.TrajectoryReplay;
import io.recon4j.util.Devices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon parity trajectory}: replay a recon-trajectory fixture through recon4j's training step. */
@Command(name = "trajectory", mixinStandardHelpOptions = true,
        description = {"Replay a recon-trajectory fixture (../shared/fixtures/recon-trajectory/tiny) through recon4j's",
            "training step (model, AdamW groups, clipping) and write the fixture's artefacts to --out:",
            "pre_losses.npy, pre_grad_norm.npy, pre_grads_step0.pth, pre_after_step0.pth, pre_final.pth, ft_losses.npy,",
            "ft_acc.npy, ft_grad_norm.npy, ft_grads_step0.pth, ft_after_step0.pth, ft_final.pth, ft_logits.npy.",
            "Compare with the fixture's check.py. The tiny fixture: --trans-dim 96 --depth 2 --heads 3 --decoder-depth 2",
            "--groups 16 --group-size 8 --points 256 --num-classes 10."})
final class ParityTrajectoryCommand extends ReconCommand {

    @Option(names = "--fixture", required = true, description = "Fixture folder (holds pre_init.pth, ft_init.pth, ...).")
    Path fixture;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Mixin
    ModelOptions model;

    @Option(names = "--num-classes", paramLabel = "K", required = true,
            description = "Number of classes of the fine-tuning head.")
    int classes;

    @Option(names = "--phases", split = ",", defaultValue = "pre,ft", description = "Phases to replay: pre, ft (default ${DEFAULT-VALUE}).")
    List<String> phases;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        if (classes <= 0) {
            throw new IllegalArgumentException("--num-classes must be positive, got " + classes);
        }
        EnumSet<TrajectoryReplay.Phase> which = EnumSet.noneOf(TrajectoryReplay.Phase.class);
        phases.forEach(p -> which.add(TrajectoryReplay.Phase.parse(p)));
        TrajectoryReplay replay = new TrajectoryReplay(fixture, out, model.config(), classes, line -> {
            pw.println(line);
            pw.flush();
        });
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            replay.run(which, m);
        }
        pw.println("wrote " + which + " artefacts to " + out);
        pw.flush();
        return 0;
    }
}
