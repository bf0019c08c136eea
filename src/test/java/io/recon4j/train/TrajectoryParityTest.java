package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.recon4j.model.ReconConfig;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recon4j's training step replays the official code's {@code tiny} training trajectories (ReCon pretraining and
 * fine-tuning, 10 steps each) within the fixture's tolerances, judged by the rules of its {@code check.py}
 * ({@link TrajectoryCheck}).
 */
@Tag("fixture")
@Tag("train")
class TrajectoryParityTest {

    static final Path DIR = Path.of("..", "shared", "fixtures", "recon-trajectory", "tiny");
    /** The fixture's sizes (its README, section 2). */
    static final ReconConfig TINY = new ReconConfig(96, 2, 3, 2, 3, 16, 8, 256, 0.6f, 0f);

    @TempDir
    static Path out;
    static TrajectoryCheck checker;

    @BeforeAll
    static void replay() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/recon-trajectory/tiny not present: skipping trajectory parity");
        checker = new TrajectoryCheck(DIR);
        try (NDManager m = NDManager.newBaseManager()) {
            new TrajectoryReplay(DIR, out, TINY, 10, null).run(EnumSet.allOf(TrajectoryReplay.Phase.class), m);
        }
    }

    static void assertPasses(List<TrajectoryCheck.Result> results) {
        String report = results.stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(results.stream().allMatch(TrajectoryCheck.Result::ok), "trajectory differs from the official code:\n" + report);
    }

    @Test
    void pretrainingFollowsTheOfficialTrajectory() throws IOException {
        List<TrajectoryCheck.Result> r = checker.check("pre", out);
        assertEquals(List.of("pre_losses", "pre_grad_norm", "pre_grads_step0", "pre_after_step0", "pre_final"),
                r.stream().map(TrajectoryCheck.Result::name).toList());
        assertPasses(r);
    }

    @Test
    void fineTuningFollowsTheOfficialTrajectory() throws IOException {
        List<TrajectoryCheck.Result> r = checker.check("ft", out);
        assertEquals(List.of("ft_losses", "ft_acc", "ft_grad_norm", "ft_grads_step0", "ft_after_step0", "ft_final", "ft_logits"),
                r.stream().map(TrajectoryCheck.Result::name).toList());
        assertPasses(r);
    }

    /** The ported checker has teeth: the fixture's own initial weights are not its weights after one step. */
    @Test
    void checkerRejectsWeightsThatDidNotStep(@TempDir Path wrong) throws IOException {
        for (String f : List.of("pre_losses.npy", "pre_grad_norm.npy", "pre_grads_step0.pth", "pre_final.pth")) {
            Files.copy(DIR.resolve(f), wrong.resolve(f));
        }
        // The initial weights with the counters of one step: only the missing update can fail.
        Map<String, PthTensor> stale = new LinkedHashMap<>(StateDict.read(DIR.resolve("pre_init.pth")).asMap());
        StateDict.read(DIR.resolve("pre_after_step0.pth")).asMap().forEach((k, v) -> {
            if (!v.dtype().isFloatingPoint()) {
                stale.put(k, v);
            }
        });
        PthWriter.writeStateDict(wrong.resolve("pre_after_step0.pth"), stale);
        List<TrajectoryCheck.Result> r = checker.check("pre", wrong);
        assertTrue(r.stream().filter(x -> !x.name().equals("pre_after_step0")).allMatch(TrajectoryCheck.Result::ok),
                "the fixture's own files pass: " + r);
        TrajectoryCheck.Result after = r.stream().filter(x -> x.name().equals("pre_after_step0")).findFirst().orElseThrow();
        assertFalse(after.ok(), after.toString());
        assertTrue(after.error() == null && after.ratio() > 10, "fails on the weights, far beyond the tolerance: " + after);
    }
}
