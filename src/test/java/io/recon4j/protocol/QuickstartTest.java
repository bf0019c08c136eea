package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.model.ReconConfig;
import io.recon4j.protocol.ClaimRow.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole quickstart protocol end to end at a budget of seconds: structure, not accuracy. */
@Tag("train")
class QuickstartTest {

    @Test
    void everyClaimHasAVerdictBaselinesAndSpreadsFromSeveralFolds(@TempDir Path dir) throws IOException {
        List<String> progress = new ArrayList<>();
        Quickstart.Options o = Quickstart.Options.builder().optCounts(10, 4).optPretrainEpochs(1).optFewShot(3, 5, 5)
                .optProgress(progress::add).build();
        Quickstart.Result r = Quickstart.run(o, dir.resolve("run"));

        List<String> claims = r.rows().stream().map(row -> row.claim().substring(0, 1)).distinct().toList();
        assertEquals(List.of("1", "5", "2", "3", "4", "6"), claims);
        for (ClaimRow row : r.rows()) {
            assertNotNull(row.verdict());
            assertFalse(row.why().isBlank(), row.claim());
            if (row.verdict() == Verdict.NOT_RUN) {
                // The row names where its full-budget verdict is recorded; that heading must exist.
                assertTrue(row.why().contains("docs/results.md, \"At a glance\""), row.why());
                continue;
            }
            assertTrue(row.value().n() >= 2, row.claim() + " spread from " + row.value().n() + " units");
            assertFalse(row.baselines().isEmpty(), row.claim());
            assertEquals(Verdict.of(row.comparison()), row.verdict(), row.claim());
            if (row.value().unit().equals("folds")) {
                assertEquals(3, row.value().n());
                assertTrue(Double.isFinite(row.value().spread()), row.claim());
                assertTrue(Double.isFinite(row.baselines().get(0).value().spread()), row.claim());
            }
            assertTrue(row.value().mean() >= 0 && row.value().mean() <= 100, row.claim());
        }
        assertTrue(r.rows().stream().anyMatch(row -> row.metric().contains("unseen") && row.claim().startsWith("5")));
        // Transductive naming scores the same unseen test shapes as the per-shape row, against the same goal.
        ClaimRow perShape = r.rows().stream().filter(row -> row.claim().startsWith("5 zero-shot")).findFirst().orElseThrow();
        ClaimRow clusters = r.rows().stream().filter(row -> row.claim().startsWith("5 (deviation)")).findFirst().orElseThrow();
        assertTrue(clusters.tests().contains("--transductive") && clusters.why().contains("clusters"), clusters.why());
        assertEquals(perShape.value().n(), clusters.value().n());
        assertEquals(perShape.baselines(), clusters.baselines());
        assertTrue(Files.readString(Path.of("docs/results.md")).contains("\n## At a glance"), "the heading the rows point to");
        assertTrue(Files.exists(dir.resolve("run/pretrain-recon/pretrained.pth")));
        assertTrue(Files.exists(dir.resolve("run/pretrain-pointmae/pretrained.pth")));
        assertEquals(5, r.stages().size());
        assertTrue(r.stages().get(0).estimatedSeconds() > 0);
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("== 5 zero-shot")), progress.toString());
        String md = r.toMarkdown();
        assertTrue(md.contains("## Verdicts"), md);
        assertTrue(md.contains(r.claimsTable()) && md.contains(r.verdicts()) && md.contains(r.stageTimes()), md);

        // What the HTML page draws: both step logs, every encoder's folds, unseen-class shapes with attention.
        Quickstart.Figures f = r.figures();
        assertEquals(dir.resolve("run/pretrain-recon/metrics.jsonl"), f.pretrainingLogs().get("ReCon"));
        assertTrue(Files.readString(f.pretrainingLogs().get("Point-MAE†")).contains("\"kind\":\"step\""));
        assertEquals(List.of("ReCon", "Point-MAE†", "random init"), List.copyOf(f.fewShotUnseen().keySet()));
        f.fewShotUnseen().values().forEach(folds -> assertEquals(3, folds.length));
        assertEquals(Quickstart.SHAPE_VIEWS, f.shapes().size());
        List<String> unseen = Quickstart.unseenClasses(io.recon4j.data.procedural.ProceduralShapes.train(
                io.recon4j.data.procedural.ProceduralShapes.Config.defaults().withCounts(1, 1)).classNames());
        for (Quickstart.ShapeView v : f.shapes()) {
            assertTrue(unseen.contains(v.truth()) && unseen.contains(v.predicted()), v.truth() + " → " + v.predicted());
            assertEquals(3 * ReconConfig.NANO.numPoints(), v.xyz().length);
            assertEquals(List.of("cls", "img", "text"), v.attention().stream().map(a -> a.spec().query().cliName()).toList());
            assertTrue(v.cosine() >= -1 && v.cosine() <= 1, v.id());
        }
    }
}
