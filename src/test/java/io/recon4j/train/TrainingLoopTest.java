package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.recon4j.data.DataLoader;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.nn.LinearLayer;
import io.recon4j.pth.StateDict;
import io.recon4j.util.NumericPath;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic loop with a one-layer model: divergence handling, the resume guard and the float-path record. */
@Tag("train")
class TrainingLoopTest {

    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 1).withNumPoints(64));

    static TrainingLoop<io.recon4j.data.Batch> loop(NDManager m, Path dir, String config, boolean poisonEpoch1) {
        LinearLayer layer = new LinearLayer(3, 4, true);
        layer.initialize(m, DataType.FLOAT32, new Shape(1, 3));
        GroupedAdamW opt = new GroupedAdamW(m, GroupedAdamW.select(layer.stateDict(), k -> true), ParamGroups.pretraining(0.05f));
        DataLoader loader = DataLoader.builder(DATA).batchSize(4).seed(1).build();
        try {
            return new TrainingLoop<>(layer, m, opt, TrainingLoop.of(loader),
                    new TrainingLoop.Options(3, new CosineSchedule(1e-2, 1e-6, 3, 0, 1e-6), 1.0, 1, config, null),
                    RunFolder.at(dir), (ps, batch, epoch, index, step, logs) -> {
                        NDArray points = step.create(batch.points(), new Shape(batch.size(), batch.numPoints(), 3));
                        NDArray y = layer.forward(ps, points, true).square().mean();
                        return poisonEpoch1 && batch.epoch() == 1 ? y.mul(Float.NaN) : y;
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nanLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingLoop<io.recon4j.data.Batch> loop = loop(m, dir, "{}", true);
            TrainingDivergedException ex = assertThrows(TrainingDivergedException.class, () -> loop.run(false));
            assertTrue(ex.getMessage().contains("epoch 1 batch 0"), ex.getMessage());
            assertTrue(ex.getMessage().contains("ckpt-last.pth"), ex.getMessage());
        }
        Map<?, ?> state = (Map<?, ?>) StateDict.read(dir.resolve("ckpt-last.pth")).extras().get("recon4j");
        assertEquals(1L, state.get("next_epoch"));
        assertEquals((long) (16 / 4), state.get("global_step"));
    }

    @Test
    void resumingWithAnotherConfigurationIsRefused(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            loop(m, dir, "{\"lr\":1}", false).run(false);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> loop(m, dir, "{\"lr\":2}", false).run(true));
            assertTrue(ex.getMessage().contains("another configuration"), ex.getMessage());
        }
    }

    @Test
    void everyStartAndResumeRecordsItsFloatPath(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            loop(m, dir, "{}", false).stopAfter(1).run(false);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            loop(m, dir, "{}", false).run(true);
        }
        List<String> lines = Files.readAllLines(dir.resolve("numerics.txt"));
        assertEquals(2, lines.size(), String.join("\n", lines));
        String path = NumericPath.describe(ai.djl.Device.cpu());
        assertTrue(lines.get(0).endsWith(" start: " + path), lines.get(0));
        assertTrue(lines.get(1).endsWith(" resume at step 4: " + path), "one epoch of 4 batches before the stop: " + lines.get(1));
    }
}
