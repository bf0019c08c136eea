package io.recon4j.report;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;

/** A real, tiny fine-tuning run folder (2 epochs of a 32-d model on a few procedural shapes) for the report tests. */
final class TinyRun {

    static final ReconConfig SMALL = new ReconConfig(32, 2, 2, 1, 2, 8, 8, 64, 0.6f, 0f);
    static final ProceduralShapes.Config DATA = ProceduralShapes.Config.defaults().withCounts(3, 2).withNumPoints(256);

    private TinyRun() {
    }

    static Path create(Path dir) throws IOException {
        FineTuneConfig cfg = FineTuneConfig.modelNet(SMALL, HeadType.FULL).with(2, 16, 0, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            FineTuning.run(cfg, ProceduralShapes.train(DATA), ProceduralShapes.test(DATA), RunFolder.at(dir), false, m, null);
        }
        return dir;
    }

    static ProceduralShapes test() {
        return ProceduralShapes.test(DATA);
    }
}
