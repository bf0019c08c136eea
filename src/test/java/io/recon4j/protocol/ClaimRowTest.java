package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.eval.PairedComparison;
import io.recon4j.protocol.ClaimRow.Estimate;
import io.recon4j.protocol.ClaimRow.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The verdict rule, the spreads and the quickstart's markdown, on hand-made rows. */
@Tag("fast")
class ClaimRowTest {

    @Test
    void verdictFollowsThePairedIntervalAgainstZero() {
        assertEquals(Verdict.REPRODUCED, Verdict.of(new PairedComparison(3, 0.5, 5, 0.01, 20)));
        assertEquals(Verdict.NOT_REPRODUCED, Verdict.of(new PairedComparison(-3, -5, -0.5, 0.01, 20)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new PairedComparison(3, -0.1, 5, 0.2, 20)));
    }

    @Test
    void versusPairsPerFoldAndSaysWhyInWords() {
        double[] base = {60, 70, 50, 65, 55, 75, 62, 58};
        double[] better = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            better[i] = base[i] + 4 + (i % 2); // small but consistent gain on every fold, far below the fold spread
        }
        ClaimRow up = Quickstart.versus("1 x", "m", "t", better, "random init", base, 20, "folds", 1);
        assertEquals(Verdict.REPRODUCED, up.verdict(), up.why());
        assertTrue(up.why().contains("beats random init"), up.why());
        assertTrue(up.value().spread() > 4, "the fold spread is reported, not the paired one: " + up.value());
        assertEquals(2, up.baselines().size());
        assertEquals(20, up.baselines().get(1).value().mean());

        ClaimRow down = Quickstart.versus("1 x", "m", "t", base, "random init", better, 20, "folds", 1);
        assertEquals(Verdict.NOT_REPRODUCED, down.verdict());
        assertTrue(down.why().contains("random encoder"), down.why());

        double[] noisy = {61, 69, 51, 64, 56, 74, 63, 57};
        ClaimRow flat = Quickstart.versus("1 x", "m", "t", noisy, "random init", base, 20, "folds", 1);
        assertEquals(Verdict.INCONCLUSIVE, flat.verdict(), flat.why());
        assertTrue(flat.why().contains("within the spread"), flat.why());
    }

    @Test
    void spreadsAreTheFoldStdAndTheBinomialError() {
        Estimate folds = Estimate.ofFolds(new double[] {40, 60});
        assertEquals(50, folds.mean(), 1e-12);
        assertEquals(Math.sqrt(200), folds.spread(), 1e-9);
        Estimate shapes = Estimate.ofShapes(new double[] {100, 0, 100, 0});
        assertEquals(50, shapes.mean(), 1e-12);
        assertEquals(100 * Math.sqrt(0.25 / 4), shapes.spread(), 1e-9);
        assertEquals("50.0 ± 25.0", shapes.format());
    }

    @Test
    void measuredRowsNeedAValueAndAComparison() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClaimRow("1", "m", "t", null, List.of(), null, Verdict.INCONCLUSIVE, "why"));
        assertEquals(Verdict.NOT_RUN, ClaimRow.notRun("2 block", "t", "script").verdict());
    }

    @Test
    void markdownHasTheTableAVerdictLinePerRowAndTheStages() {
        ClaimRow measured = Quickstart.versus("1 pretraining pays", "5-way 10-shot (%)", "probe", new double[] {80, 90, 85},
                "random init", new double[] {70, 75, 72}, 20, "folds", 3);
        ClaimRow skipped = ClaimRow.notRun("3 data scaling", "fractions", "twelve runs: scripts/data-scaling.sh");
        Quickstart.Result r = new Quickstart.Result("Setup.", List.of(measured, skipped),
                List.of(new Quickstart.Stage("pretrain", 100, 250), new Quickstart.Stage("probes", 0, 5)));
        String md = r.toMarkdown();
        assertTrue(md.contains("| 1 pretraining pays | 5-way 10-shot (%) | probe | 85.0 ± 5.0 (3 folds) | random init 72.3 ± 2.5; "
                + "chance 20.0 | +12.7 [+10.0, +15.0] | reproduced |"), md);
        assertTrue(md.contains("- **1 pretraining pays** (5-way 10-shot (%)): " + measured.verdict().words() + " — "), md);
        assertTrue(md.contains("- **3 data scaling**: not run at this budget — twelve runs"), md);
        assertTrue(md.contains("| total | 100 | 255 |"), md);
    }

    @Test
    void seenAndUnseenClassesSplitTheDatasetInHalves() {
        List<String> all = new ProceduralShapes(ProceduralShapes.Config.defaults(), ProceduralShapes.Split.TRAIN).classNames();
        List<String> seen = Quickstart.seenClasses(all);
        List<String> unseen = Quickstart.unseenClasses(all);
        assertEquals(8, seen.size());
        assertEquals(8, unseen.size());
        Set<String> union = new HashSet<>(seen);
        union.addAll(unseen);
        assertEquals(new HashSet<>(all), union);
        List<String> both = new ArrayList<>(seen);
        both.retainAll(unseen);
        assertTrue(both.isEmpty(), "a class on both sides: " + both);
    }

    @Test
    void badOptionsFailBeforeAnyWork() {
        assertThrows(IllegalArgumentException.class, () -> Quickstart.Options.builder().optFewShot(1, 5, 10).build());
        assertThrows(IllegalArgumentException.class, () -> Quickstart.Options.builder().optFewShot(10, 9, 10).build());
        assertThrows(IllegalArgumentException.class, () -> Quickstart.Options.builder().optPretrainEpochs(0).build());
    }
}
