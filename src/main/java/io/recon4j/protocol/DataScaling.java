package io.recon4j.protocol;

import io.recon4j.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ReCon paper's data-scaling analysis (its Figure 1a) read back from finished runs: for each pretraining fraction
 * and method, the linear SVM's accuracy and the few-shot folds' best accuracies; then the three paired questions the
 * paper's claim makes — which method leads at each fraction, how much each method gains from the smallest to the
 * largest fraction, and whether one gains more than another (the difference of those gains, fold by fold).
 *
 * <p>Folds pair across fractions and methods because every run of one seed draws the same few-shot splits (their
 * {@code fold.json} must be identical, {@link FewShotComparison}); the fraction changes the pretraining data only.
 *
 * <p>A baseline without pretraining (the untrained encoder, {@link #withBaseline}) answers the claim's other half —
 * does a method pretrained on a fraction beat no pretraining at all? — paired in the same way.
 *
 * @param way N of the N-way few-shot runs read
 * @param points one entry per fraction (ascending) and method (in the order given)
 * @param baseline the encoder without pretraining (fraction 0), or null when none was given
 * @param foldLimit only folds numbered below it are read (0: every finished fold) — so that a point with ten folds is
 *     not averaged over other splits than one with five
 * @param seed seed of the bootstrap intervals
 */
public record DataScaling(int way, List<Point> points, Point baseline, int foldLimit, long seed) {

    /**
     * One method pretrained on one fraction of the training split.
     *
     * @param fraction share of the training split used for pretraining, in (0, 1]
     * @param method the row's name (mpm, cmc, recon, ...)
     * @param svm the linear SVM's test accuracy in %, NaN when the run has none
     * @param logistic the logistic probe's test accuracy in % on the same features, NaN when the run has none
     * @param fewShot the few-shot run folder of each seed (in the seeds' order; a null entry for a seed without the
     *     run, so that a pairing never shifts by position), null when no seed has one
     * @param folds best test accuracy of each finished fold in %, seed after seed (fold order; empty when none)
     * @param svmRun the SVM run folder of each seed when every seed's kept per-shape predictions
     *     ({@link TestPredictions}), else null
     * @param seeds how many seeds' run folders the point pools
     */
    public record Point(double fraction, String method, double svm, double logistic, List<Path> fewShot, double[] folds,
            List<Path> svmRun, int seeds) {

        /** @return mean of the folds' best accuracies, NaN when none */
        public double foldMean() {
            return FewShotComparison.mean(folds);
        }

        /** @return population std of the folds (the official code's), NaN when none */
        public double foldStd() {
            return FewShotComparison.std(folds);
        }
    }

    /**
     * Reads the runs of {@code scripts/claims-modelnet10.sh}-style folders: {@code svm-METHOD/svm.md} and
     * {@code fs-Ww-METHOD/fold-k/result.json} in each fraction's folder.
     *
     * @param folders the run folder of each fraction (several seeds are not mixed here: one folder per fraction)
     * @param methods the methods to read, in display order
     * @param way N of the few-shot runs
     * @param seed seed of the bootstrap intervals
     * @throws IllegalArgumentException when a fraction is outside (0, 1], no method or fraction is given, or a
     *     method has neither an SVM nor a few-shot result at any fraction
     * @throws NoSuchFileException when a fraction's folder does not exist
     * @throws IOException when a result file cannot be read or parsed
     */
    public static DataScaling read(Map<Double, Path> folders, List<String> methods, int way, long seed) throws IOException {
        return read(folders, methods, way, 0, seed);
    }

    /**
     * As {@link #read(Map, List, int, long)}, over the first {@code foldLimit} folds of every run only.
     *
     * @param foldLimit read folds 0 .. foldLimit − 1 (0: every finished fold)
     * @throws IllegalArgumentException also when {@code foldLimit} is negative
     */
    public static DataScaling read(Map<Double, Path> folders, List<String> methods, int way, int foldLimit, long seed)
            throws IOException {
        Map<Double, List<Path>> seeds = new LinkedHashMap<>();
        folders.forEach((f, d) -> seeds.put(f, List.of(d)));
        return readSeeds(seeds, methods, way, foldLimit, seed);
    }

    /**
     * As {@link #read(Map, List, int, int, long)}, with several pretraining seeds at each fraction, pooled: the SVM and
     * logistic accuracies are the seeds' means, the folds are every seed's, and every comparison pairs folds (or test
     * shapes) within a seed — seed i of one point with seed i of another.
     *
     * @param folders each fraction's run folders, one per seed, the seeds in the same order at every fraction
     * @throws IllegalArgumentException also when the fractions hold different numbers of seeds
     */
    public static DataScaling readSeeds(Map<Double, List<Path>> folders, List<String> methods, int way, int foldLimit, long seed)
            throws IOException {
        if (foldLimit < 0) {
            throw new IllegalArgumentException("fold limit " + foldLimit + " is negative (0 reads every fold)");
        }
        if (folders.isEmpty() || methods.isEmpty()) {
            throw new IllegalArgumentException("need at least one fraction and one method");
        }
        SortedMap<Double, List<Path>> sorted = new TreeMap<>(folders);
        int seeds = sorted.values().iterator().next().size();
        List<Point> points = new ArrayList<>();
        for (Map.Entry<Double, List<Path>> e : sorted.entrySet()) {
            double f = e.getKey();
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("fraction " + f + " of " + e.getValue() + " is not in (0, 1]");
            }
            if (e.getValue().size() != seeds || seeds == 0) {
                throw new IllegalArgumentException("fraction " + f + " has " + e.getValue().size() + " run folders, another "
                        + seeds + ": give one folder per seed at every fraction, the seeds in the same order");
            }
            for (Path d : e.getValue()) {
                if (!Files.isDirectory(d)) {
                    throw new NoSuchFileException(d.toString(), null, "no run folder for fraction " + f);
                }
            }
            for (String m : methods) {
                points.add(readPoint(f, m, e.getValue(), way, foldLimit));
            }
        }
        for (String m : methods) {
            if (points.stream().filter(p -> p.method().equals(m)).allMatch(DataScaling::empty)) {
                throw new IllegalArgumentException("method " + m + " has no svm-" + m + "/svm.md and no fs-" + way + "w-" + m
                        + " folds in any of " + sorted.values());
            }
        }
        return new DataScaling(way, List.copyOf(points), null, foldLimit, seed);
    }

    /**
     * The same analysis with a baseline that had no pretraining, read like a method's point.
     *
     * @param method the baseline's run-folder suffix (e.g. {@code scratch}: {@code svm-scratch}, {@code fs-5w-scratch})
     * @param folder the run folder holding it (e.g. the 100% folder, where claim 1's scratch row lives)
     * @return a copy with the baseline
     * @throws IllegalArgumentException when the folder holds neither an SVM nor few-shot folds of {@code method}, or
     *     {@code method} is also one of the pretrained methods
     * @throws NoSuchFileException when the folder does not exist
     * @throws IOException when a result file cannot be read or parsed
     */
    public DataScaling withBaseline(String method, Path folder) throws IOException {
        return withBaseline(method, List.of(folder));
    }

    /**
     * As {@link #withBaseline(String, Path)}, one folder per seed in the order of the points' seeds.
     *
     * @throws IllegalArgumentException also when the number of folders is not the points' number of seeds
     */
    public DataScaling withBaseline(String method, List<Path> folders) throws IOException {
        if (methods().contains(method)) {
            throw new IllegalArgumentException("baseline " + method + " is also one of the pretrained methods " + methods());
        }
        if (folders.size() != seeds()) {
            throw new IllegalArgumentException("baseline " + method + ": " + folders.size() + " run folders for " + seeds()
                    + " seeds; give one per seed, in the points' order");
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new NoSuchFileException(folder.toString(), null, "no run folder for the baseline " + method);
            }
        }
        Point b = readPoint(0, method, folders, way, foldLimit);
        if (empty(b)) {
            throw new IllegalArgumentException("baseline " + method + ": " + folders + " has no svm-" + method
                    + "/svm.md and no fs-" + way + "w-" + method + " folds");
        }
        return new DataScaling(way, points, b, foldLimit, seed);
    }

    /** @return how many pretraining seeds each point pools */
    public int seeds() {
        return points.isEmpty() ? 0 : points.get(0).seeds();
    }

    private static Point readPoint(double fraction, String method, List<Path> folders, int way, int foldLimit)
            throws IOException {
        List<Double> svm = new ArrayList<>();
        List<Double> logistic = new ArrayList<>();
        List<Path> fewShot = new ArrayList<>();
        List<Path> svmRuns = new ArrayList<>();
        List<Double> folds = new ArrayList<>();
        for (Path folder : folders) {
            Path svmMd = folder.resolve("svm-" + method).resolve("svm.md");
            if (Files.exists(svmMd)) {
                svm.add(SvmProtocol.readAccuracy(svmMd));
                logistic.add(SvmProtocol.readLogisticAccuracy(svmMd));
            }
            Path fs = folder.resolve("fs-" + way + "w-" + method);
            List<FewShotRunner.FoldResult> done = Files.isDirectory(fs) ? finishedFolds(fs, foldLimit) : List.of();
            done.forEach(r -> folds.add(r.bestAccuracy()));
            fewShot.add(done.isEmpty() ? null : fs);
            if (ShapeComparison.hasPredictions(svmMd.getParent())) {
                svmRuns.add(svmMd.getParent());
            }
        }
        // A seed without the few-shot run keeps its place (null): comparisons pair the seeds that have both runs.
        return new Point(fraction, method, mean(svm), mean(logistic),
                fewShot.stream().allMatch(java.util.Objects::isNull) ? null : java.util.Collections.unmodifiableList(fewShot),
                folds.stream().mapToDouble(Double::doubleValue).toArray(), svmRuns.size() == folders.size() ? svmRuns : null,
                folders.size());
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<FewShotRunner.FoldResult> finishedFolds(Path run, int foldLimit) throws IOException {
        return FewShotRunner.finishedFolds(run).stream().filter(r -> foldLimit == 0 || r.fold() < foldLimit).toList();
    }

    /** @return whether fold {@code fold} (0-based) is read */
    private boolean counts(int fold) {
        return foldLimit == 0 || fold < foldLimit;
    }

    private static boolean empty(Point p) {
        return Double.isNaN(p.svm()) && p.folds().length == 0;
    }

    /** @return the fractions, ascending */
    public List<Double> fractions() {
        return points.stream().map(Point::fraction).distinct().toList();
    }

    /** @return the methods, in the order given */
    public List<String> methods() {
        return points.stream().map(Point::method).distinct().toList();
    }

    /** @return the point of a method at a fraction */
    public Point point(double fraction, String method) {
        return points.stream().filter(p -> p.fraction() == fraction && p.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no point " + method + " at " + fraction));
    }

    /**
     * A − B at one fraction, over the folds both finished.
     *
     * @return the comparison, or null when fewer than two folds pair
     * @throws IOException when a split file cannot be read
     */
    public FewShotComparison between(double fraction, String a, String b) throws IOException {
        Point pa = point(fraction, a);
        Point pb = point(fraction, b);
        return pa.fewShot() == null || pb.fewShot() == null ? null : pairedOrNull(pa.fewShot(), pb.fewShot());
    }

    /**
     * A method at one fraction − the baseline, over the folds both finished.
     *
     * @return the comparison, or null when there is no baseline or fewer than two folds pair
     * @throws IOException when a split file cannot be read
     */
    public FewShotComparison overBaseline(double fraction, String method) throws IOException {
        Point p = point(fraction, method);
        return baseline == null || p.fewShot() == null || baseline.fewShot() == null ? null
                : pairedOrNull(p.fewShot(), baseline.fewShot());
    }

    /**
     * A method's gain from the smallest to the largest fraction, fold by fold.
     *
     * @return the comparison largest − smallest, or null when fewer than two folds pair
     * @throws IOException when a split file cannot be read
     */
    public FewShotComparison gain(String method) throws IOException {
        List<Double> f = fractions();
        Point lo = point(f.get(0), method);
        Point hi = point(f.get(f.size() - 1), method);
        return f.size() < 2 || lo.fewShot() == null || hi.fewShot() == null ? null : pairedOrNull(hi.fewShot(), lo.fewShot());
    }

    /**
     * Does A gain more than B from more pretraining data? The difference of the two gains, over the folds all four
     * runs finished: (A at the largest − A at the smallest) − (B at the largest − B at the smallest).
     *
     * @return the paired comparison of the gains, or null when fewer than two folds are finished in all four runs
     * @throws IOException when a split file cannot be read
     */
    public PairedComparison gainDifference(String a, String b) throws IOException {
        FewShotComparison ga = gain(a);
        FewShotComparison gb = gain(b);
        if (ga == null || gb == null) {
            return null;
        }
        List<Double> f = fractions();
        // A and B must also share their splits at each end (the gains only checked each method against itself).
        between(f.get(0), a, b);
        between(f.get(f.size() - 1), a, b);
        // The folds finished in all four runs, matched by fold number (the gains' own pairing keeps only shared ones).
        // Keyed by seed and fold: fold k of one seed is another split than fold k of the next.
        Map<Long, double[]> byFold = new LinkedHashMap<>();
        List<Path> aHi = point(f.get(f.size() - 1), a).fewShot();
        for (int s = 0; s < aHi.size(); s++) {
            if (aHi.get(s) == null) {
                continue;
            }
            for (FewShotRunner.FoldResult r : finishedFolds(aHi.get(s), foldLimit)) {
                byFold.put(key(s, r.fold()), new double[] {r.bestAccuracy(), Double.NaN, Double.NaN, Double.NaN});
            }
        }
        fill(byFold, point(f.get(0), a).fewShot(), 1);
        fill(byFold, point(f.get(f.size() - 1), b).fewShot(), 2);
        fill(byFold, point(f.get(0), b).fewShot(), 3);
        List<double[]> full = byFold.values().stream().filter(v -> java.util.Arrays.stream(v).allMatch(Double::isFinite)).toList();
        if (full.size() < 2) {
            return null;
        }
        double[] da = full.stream().mapToDouble(v -> v[0] - v[1]).toArray();
        double[] db = full.stream().mapToDouble(v -> v[2] - v[3]).toArray();
        return PairedComparison.of(da, db, seed);
    }

    /**
     * A probe ({@link TestPredictions#SVM} or {@link TestPredictions#LOGISTIC}) of {@code hi} − {@code lo}, shape by
     * shape (both scored on the same test split).
     *
     * @return the comparison, or null when either run kept no per-shape predictions
     * @throws IOException when a predictions file cannot be read
     */
    ShapeComparison probeBetween(Point hi, Point lo, String probe) throws IOException {
        return hi.svmRun() == null || lo.svmRun() == null ? null
                : ShapeComparison.of(hi.svmRun(), lo.svmRun(), probe, seed);
    }

    /**
     * A probe's gain of {@code a} − gain of {@code b} from the smallest to the largest fraction, shape by shape.
     *
     * @param probe {@link TestPredictions#SVM} or {@link TestPredictions#LOGISTIC}
     * @return the comparison, or null when one of the four runs kept no per-shape predictions
     * @throws IOException when a predictions file cannot be read
     */
    PairedComparison probeGainDifference(String a, String b, String probe) throws IOException {
        List<Double> f = fractions();
        Point aHi = point(f.get(f.size() - 1), a);
        Point aLo = point(f.get(0), a);
        Point bHi = point(f.get(f.size() - 1), b);
        Point bLo = point(f.get(0), b);
        if (f.size() < 2 || aHi.svmRun() == null || aLo.svmRun() == null || bHi.svmRun() == null || bLo.svmRun() == null) {
            return null;
        }
        return ShapeComparison.gainDifference(aHi.svmRun(), aLo.svmRun(), bHi.svmRun(), bLo.svmRun(), probe, seed);
    }

    private void fill(Map<Long, double[]> byFold, List<Path> runs, int slot) throws IOException {
        for (int s = 0; s < runs.size(); s++) {
            if (runs.get(s) == null) {
                continue;
            }
            for (FewShotRunner.FoldResult r : finishedFolds(runs.get(s), foldLimit)) {
                double[] v = byFold.get(key(s, r.fold()));
                if (v != null) {
                    v[slot] = r.bestAccuracy();
                }
            }
        }
    }

    /** @return where a pooled comparison pairs fewer seeds than the points pool (a seed lacks a run): which share */
    private String seedsNote(FewShotComparison c) {
        long paired = java.util.Arrays.stream(c.seedOf()).distinct().count();
        return paired < seeds() ? String.format(Locale.ROOT, " (%d of %d seeds have both runs)", paired, seeds()) : "";
    }

    private static long key(int seedIndex, int fold) {
        return ((long) seedIndex << 32) | fold;
    }

    private FewShotComparison pairedOrNull(List<Path> a, List<Path> b) throws IOException {
        try {
            return FewShotComparison.of(a, b, this::counts, seed);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("only ")) {
                return null; // fewer than two paired folds: nothing to say yet
            }
            throw e;
        }
    }

    /**
     * @return the Markdown report: one table (fraction × method, the baseline first: SVM, logistic probe, few-shot
     *     mean ± std and fold count), then the paired comparisons at each fraction (each method against the baseline too), each method's gain and the differences of the gains —
     *     over few-shot folds, then per test shape for each probe
     * @throws IOException when a split file cannot be read
     */
    public String toMarkdown() throws IOException {
        StringBuilder sb = new StringBuilder();
        if (seeds() > 1) {
            sb.append(seeds()).append(" pretraining seeds pooled: linear SVM and logistic probe are the seeds' means, few-shot "
                    + "every seed's folds; every comparison pairs folds or test shapes within a seed.\n\n");
        }
        sb.append("| pretraining data | method | linear SVM % | logistic probe % | ").append(way)
                .append("-way few-shot % (mean ± std, folds").append(foldLimit > 0 ? " of 1–" + foldLimit : "").append(") |\n");
        sb.append("|---:|---|---:|---:|---:|\n");
        List<Point> rows = new ArrayList<>();
        if (baseline != null) {
            rows.add(baseline);
        }
        rows.addAll(points);
        for (Point p : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", p == baseline ? "none" : percent(p.fraction()),
                    p == baseline ? p.method() + " (no pretraining)" : p.method(),
                    Double.isNaN(p.svm()) ? "–" : String.format(Locale.ROOT, "%.2f", p.svm()),
                    Double.isNaN(p.logistic()) ? "–" : String.format(Locale.ROOT, "%.2f", p.logistic()),
                    p.folds().length == 0 ? "–"
                            : String.format(Locale.ROOT, "%.2f ± %.2f (%d)", p.foldMean(), p.foldStd(), p.folds().length)));
        }
        List<String> m = methods();
        List<Double> f = fractions();
        sb.append("\nPaired over folds (A − B: mean difference [95% bootstrap CI], sign-flip p, folds):\n\n");
        for (double x : f) {
            for (int j = 1; j < m.size(); j++) {
                for (int i = 0; i < j; i++) {
                    FewShotComparison c = between(x, m.get(j), m.get(i));
                    sb.append(String.format(Locale.ROOT, "- at %s: %s − %s: %s%n", percent(x), m.get(j), m.get(i),
                            c == null ? "fewer than 2 paired folds"
                                    : c.comparison() + seedsNote(c) + " → " + c.comparison().verdictWords(m.get(j) + " better", m.get(i) + " better")));
                }
            }
            if (baseline != null && baseline.fewShot() != null) {
                for (String x1 : m) {
                    FewShotComparison c = overBaseline(x, x1);
                    sb.append(String.format(Locale.ROOT, "- at %s: %s − %s: %s%n", percent(x), x1, baseline.method(),
                            c == null ? "fewer than 2 paired folds"
                                    : c.comparison() + seedsNote(c) + " → " + c.comparison().verdictWords(x1 + " better", baseline.method() + " better")));
                }
            }
        }
        if (f.size() >= 2) {
            String span = percent(f.get(f.size() - 1)) + " − " + percent(f.get(0));
            for (String x : m) {
                FewShotComparison g = gain(x);
                sb.append(String.format(Locale.ROOT, "- gain of %s, %s: %s%n", x, span,
                        g == null ? "fewer than 2 paired folds" : g.comparison() + seedsNote(g)));
            }
            for (int j = 1; j < m.size(); j++) {
                for (int i = 0; i < j; i++) {
                    PairedComparison d = gainDifference(m.get(j), m.get(i));
                    sb.append(String.format(Locale.ROOT, "- gain of %s − gain of %s: %s%n", m.get(j), m.get(i),
                            d == null ? "fewer than 2 folds in all four runs"
                                    : d + " → " + d.verdictWords(m.get(j) + " gains more", m.get(i) + " gains more")));
                }
            }
        }
        probeLines(sb, m, f, TestPredictions.SVM, "Linear SVM");
        probeLines(sb, m, f, TestPredictions.LOGISTIC, "Logistic probe");
        return sb.toString();
    }

    /** A probe per test shape (only where the runs kept predictions): A − B at each fraction, each gain, their differences. */
    private void probeLines(StringBuilder sb, List<String> m, List<Double> f, String probe, String title) throws IOException {
        List<String> lines = new ArrayList<>();
        for (double x : f) {
            for (int j = 1; j < m.size(); j++) {
                for (int i = 0; i < j; i++) {
                    ShapeComparison c = probeBetween(point(x, m.get(j)), point(x, m.get(i)), probe);
                    if (c != null) {
                        lines.add(String.format(Locale.ROOT, "- at %s: %s − %s: %s → %s", percent(x), m.get(j), m.get(i), c.pooled(),
                                c.pooled().verdictWords(m.get(j) + " better", m.get(i) + " better")));
                    }
                }
            }
            for (String x1 : m) {
                ShapeComparison c = baseline == null ? null : probeBetween(point(x, x1), baseline, probe);
                if (c != null) {
                    lines.add(String.format(Locale.ROOT, "- at %s: %s − %s: %s → %s", percent(x), x1, baseline.method(), c.pooled(),
                            c.pooled().verdictWords(x1 + " better", baseline.method() + " better")));
                }
            }
        }
        if (f.size() >= 2) {
            for (String x : m) {
                ShapeComparison g = probeBetween(point(f.get(f.size() - 1), x), point(f.get(0), x), probe);
                if (g != null) {
                    lines.add(String.format(Locale.ROOT, "- gain of %s, %s − %s: %s", x, percent(f.get(f.size() - 1)), percent(f.get(0)),
                            g.pooled()));
                }
            }
            for (int j = 1; j < m.size(); j++) {
                for (int i = 0; i < j; i++) {
                    PairedComparison d = probeGainDifference(m.get(j), m.get(i), probe);
                    if (d != null) {
                        lines.add(String.format(Locale.ROOT, "- gain of %s − gain of %s: %s → %s", m.get(j), m.get(i), d,
                                d.verdictWords(m.get(j) + " gains more", m.get(i) + " gains more")));
                    }
                }
            }
        }
        if (!lines.isEmpty()) {
            sb.append('\n').append(title).append(" paired per test shape (A − B in points [95% bootstrap CI], sign-flip p = exact"
                    + " McNemar, shapes; only runs that kept predictions.json):\n\n");
            lines.forEach(l -> sb.append(l).append('\n'));
            sb.append('\n');
        }
    }

    /** @return e.g. {@code 25%} */
    static String percent(double fraction) {
        double p = 100 * fraction;
        return p == Math.rint(p) ? String.format(Locale.ROOT, "%d%%", (long) p) : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
