package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Paired bootstrap intervals and sign-flip p-values on cases with known answers. */
@Tag("fast")
class PairedComparisonTest {

    @Test
    void aConsistentGainIsSignificantEvenWhenUnitsVaryALot() {
        // Units differ by tens of points (fold difficulty), a beats b by 2-4 points on every unit.
        double[] b = {40, 85, 60, 72, 55, 90, 48, 66, 80, 58};
        double[] a = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = b[i] + 2 + (i % 3);
        }
        PairedComparison c = PairedComparison.of(a, b, 1);
        assertEquals(2.9, c.meanDifference(), 1e-12);
        assertTrue(c.low() >= 2 && c.high() <= 4, c.toString());
        // All 10 differences positive: only the all-plus and all-minus patterns reach it, p = 2 / 1024.
        assertEquals(2.0 / 1024, c.pValue(), 1e-15);
        assertEquals(PairedComparison.Verdict.A_BETTER, c.verdict());
        assertEquals(PairedComparison.Verdict.B_BETTER, PairedComparison.of(b, a, 1).verdict());
    }

    @Test
    void wordsSayMarginalWhereTheIntervalAndPDisagree() {
        assertEquals("ReCon better", new PairedComparison(3, 1, 5, 0.01, 10).verdictWords("ReCon better", "MAE better"));
        assertEquals("MAE better", new PairedComparison(-3, -5, -1, 0.04, 10).verdictWords("ReCon better", "MAE better"));
        assertEquals("inconclusive", new PairedComparison(1, -1, 3, 0.5, 10).verdictWords("ReCon better", "MAE better"));
        // Two folds, both +1.5 and +2: the bootstrap interval excludes 0, but p can be no lower than 2/4.
        PairedComparison two = PairedComparison.of(new double[] {83, 84.5}, new double[] {81.5, 82.5}, 0);
        assertEquals(PairedComparison.Verdict.A_BETTER, two.verdict());
        assertEquals(0.5, two.pValue(), 1e-12);
        assertEquals("marginal: ReCon better by the interval, not by p", two.verdictWords("ReCon better", "MAE better"));
    }

    @Test
    void noiseAroundZeroIsInconclusive() {
        double[] a = {50, 52, 48, 51, 49, 50};
        double[] b = {51, 50, 49, 49, 50, 51};
        PairedComparison c = PairedComparison.of(a, b, 3);
        assertEquals(PairedComparison.Verdict.INCONCLUSIVE, c.verdict());
        assertTrue(c.low() < 0 && c.high() > 0 && c.pValue() > 0.5, c.toString());
    }

    @Test
    void exactPValueMatchesAHandCount() {
        // d = {3, 1, -1}: |sum| = 3; sign patterns (8) with |sum| >= 3: {3,1,-1}=3, {-3,-1,1}=-3, {3,1,1}=5,
        // {-3,-1,-1}=-5, {3,-1,1}=3, {-3,1,-1}=-3 -> 6 of 8.
        PairedComparison c = PairedComparison.of(new double[] {3, 1, -1}, new double[] {0, 0, 0}, 0);
        assertEquals(6.0 / 8, c.pValue(), 1e-15);
    }

    @Test
    void monteCarloBeyondSixteenUnitsAndReproducible() {
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = 60 + (i % 7) + 1.5;
            b[i] = 60 + (i % 7) + (i % 2 == 0 ? 0 : 1);
        }
        PairedComparison c1 = PairedComparison.of(a, b, 42);
        PairedComparison c2 = PairedComparison.of(a, b, 42);
        assertEquals(c1, c2);
        assertTrue(c1.pValue() > 0 && c1.pValue() < 0.001, c1.toString());
        assertTrue(c1.toString().startsWith("+1.00 ["), c1.toString());
    }

    @Test
    void badInputIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1, 2}, new double[] {1}, 0))
                .getMessage().contains("same units"));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1}, new double[] {1}, 0));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 0)).getMessage().contains("unit 1"));
    }
}
