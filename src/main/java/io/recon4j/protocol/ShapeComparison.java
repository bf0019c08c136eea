package io.recon4j.protocol;

import io.recon4j.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A paired comparison of two methods on the same test split, shape by shape: for each seed (a pair of run folders with
 * {@link TestPredictions}: two SVM runs, or two tests of fine-tuned models) every test shape counts 100 where the
 * compared column (a probe, or the plain or voting pass) got it right and 0 where not, and the
 * {@link PairedComparison} of A − B runs over the shapes of all seeds (its sign-flip test on these units is an exact
 * McNemar test: only shapes the two got differently move it). Units are test shapes, so the interval covers which
 * shapes were tested, not how another pretraining seed would do: the per-seed lines say whether the seeds agree.
 *
 * @param column which column of the predictions was compared ({@link TestPredictions#SVM}, ...)
 * @param seeds one entry per seed, in the order given
 * @param pooled A − B over the shapes of all seeds
 */
public record ShapeComparison(String column, List<Seed> seeds, PairedComparison pooled) {

    /**
     * @param folderA run folder of A
     * @param folderB run folder of B
     * @param accuracyA A's test accuracy in percent
     * @param accuracyB B's test accuracy in percent
     * @param onlyA shapes A got right and B wrong
     * @param onlyB shapes B got right and A wrong
     * @param comparison A − B over this seed's shapes
     */
    public record Seed(Path folderA, Path folderB, double accuracyA, double accuracyB, int onlyA, int onlyB,
                       PairedComparison comparison) {
    }

    /**
     * @param folder an SVM or test run folder (or its {@value TestPredictions#FILE})
     * @return whether it holds per-shape predictions
     */
    public static boolean hasPredictions(Path folder) {
        return Files.isRegularFile(predictionsFile(folder));
    }

    /**
     * Pairs two methods' runs, one folder per seed in the same order, shape by shape.
     *
     * @param runsA run folders of A with predictions (one per seed)
     * @param runsB run folders of B, same seeds, same order
     * @param column which column to compare; null: the first column of A's first run
     * @param seed seed of the bootstrap
     * @return the comparison
     * @throws IllegalArgumentException when the folder counts differ, a folder has no predictions (a run written before
     *     they were kept) or not that column, or two paired runs were not scored on the same test shapes
     * @throws IOException when a predictions file cannot be read
     */
    public static ShapeComparison of(List<Path> runsA, List<Path> runsB, String column, long seed) throws IOException {
        if (runsA.size() != runsB.size() || runsA.isEmpty()) {
            throw new IllegalArgumentException("--a has " + runsA.size() + " folders and --b " + runsB.size()
                    + ": give one run folder per seed to each, in the same order");
        }
        String col = column != null ? column : read(runsA.get(0)).columns().get(0);
        List<Seed> seeds = new ArrayList<>();
        List<double[]> as = new ArrayList<>();
        List<double[]> bs = new ArrayList<>();
        for (int s = 0; s < runsA.size(); s++) {
            TestPredictions pa = read(runsA.get(s));
            TestPredictions pb = read(runsB.get(s));
            requireSameShapes(runsA.get(s), pa, runsB.get(s), pb);
            double[] a = correct(runsA.get(s), pa, col);
            double[] b = correct(runsB.get(s), pb, col);
            int onlyA = 0;
            int onlyB = 0;
            for (int i = 0; i < a.length; i++) {
                onlyA += a[i] > b[i] ? 1 : 0;
                onlyB += b[i] > a[i] ? 1 : 0;
            }
            seeds.add(new Seed(runsA.get(s), runsB.get(s), pa.accuracy(col), pb.accuracy(col), onlyA, onlyB,
                    PairedComparison.of(a, b, seed + s)));
            as.add(a);
            bs.add(b);
        }
        return new ShapeComparison(col, List.copyOf(seeds), PairedComparison.of(concat(as), concat(bs), seed));
    }

    /**
     * Whether A gains more than B between two conditions (e.g. pretraining fractions), shape by shape: each test shape's
     * gain is its 0/100 score in A's {@code hi} run minus its score in A's {@code lo} run, likewise for B, and the
     * {@link PairedComparison} of A's gains − B's gains runs over the shapes (a difference of differences: all four
     * runs must have scored the same test shapes).
     *
     * @param aHi A's run folder at the larger condition
     * @param aLo A's run folder at the smaller condition
     * @param bHi B's run folder at the larger condition
     * @param bLo B's run folder at the smaller condition
     * @param column which column of the predictions
     * @param seed seed of the bootstrap
     * @return gain of A − gain of B, in points
     * @throws IllegalArgumentException when a folder has no predictions or the runs were not scored on the same shapes
     * @throws IOException when a predictions file cannot be read
     */
    public static PairedComparison gainDifference(Path aHi, Path aLo, Path bHi, Path bLo, String column, long seed)
            throws IOException {
        return gainDifference(List.of(aHi), List.of(aLo), List.of(bHi), List.of(bLo), column, seed);
    }

    /**
     * As {@link #gainDifference(Path, Path, Path, Path, String, long)} over several seeds, pooled: each list holds one
     * run folder per seed in the same order, the four runs of a seed are paired shape by shape, the seeds' shapes are
     * pooled.
     *
     * @throws IllegalArgumentException also when the lists differ in length
     */
    public static PairedComparison gainDifference(List<Path> aHi, List<Path> aLo, List<Path> bHi, List<Path> bLo,
            String column, long seed) throws IOException {
        if (aLo.size() != aHi.size() || bHi.size() != aHi.size() || bLo.size() != aHi.size() || aHi.isEmpty()) {
            throw new IllegalArgumentException("gain difference: " + aHi.size() + ", " + aLo.size() + ", " + bHi.size()
                    + " and " + bLo.size() + " run folders; give one per seed to each, in the same order");
        }
        List<Double> gainA = new ArrayList<>();
        List<Double> gainB = new ArrayList<>();
        for (int s = 0; s < aHi.size(); s++) {
            List<Path> runs = List.of(aHi.get(s), aLo.get(s), bHi.get(s), bLo.get(s));
            List<double[]> c = new ArrayList<>();
            TestPredictions first = read(runs.get(0));
            for (Path run : runs) {
                TestPredictions p = read(run);
                requireSameShapes(runs.get(0), first, run, p);
                c.add(correct(run, p, column));
            }
            for (int i = 0; i < c.get(0).length; i++) {
                gainA.add(c.get(0)[i] - c.get(1)[i]);
                gainB.add(c.get(2)[i] - c.get(3)[i]);
            }
        }
        return PairedComparison.of(gainA.stream().mapToDouble(Double::doubleValue).toArray(),
                gainB.stream().mapToDouble(Double::doubleValue).toArray(), seed);
    }

    /**
     * @param nameA label of A
     * @param nameB label of B
     * @return one line per seed (accuracies, the shapes only one got right, A − B), then the pooled A − B and its verdict
     */
    public String toText(String nameA, String nameB) {
        String what = TestPredictions.describe(column);
        StringBuilder sb = new StringBuilder();
        int aheadA = 0;
        int aheadB = 0;
        for (Seed s : seeds) {
            sb.append(String.format(Locale.ROOT, "%s: %s %.2f %%, %s %.2f %% (%s); only %s right on %d shapes, only %s on %d: %s%n",
                    s.folderA().getParent() == null ? s.folderA() : s.folderA().getParent().getFileName(), nameA, s.accuracyA(),
                    nameB, s.accuracyB(), what, nameA, s.onlyA(), nameB, s.onlyB(), s.comparison()));
            aheadA += s.accuracyA() > s.accuracyB() ? 1 : 0;
            aheadB += s.accuracyB() > s.accuracyA() ? 1 : 0;
        }
        String verdict = pooled.verdictWords(nameA + " better", nameB + " better");
        sb.append(String.format(Locale.ROOT, "%s - %s (%s, per test shape, %d seed%s; %s ahead on %d, %s on %d): %s -> %s%n",
                nameA, nameB, what, seeds.size(), seeds.size() == 1 ? "" : "s", nameA, aheadA, nameB, aheadB, pooled, verdict));
        return sb.toString();
    }

    private static Path predictionsFile(Path folder) {
        return folder.getFileName() != null && folder.getFileName().toString().equals(TestPredictions.FILE)
                ? folder : folder.resolve(TestPredictions.FILE);
    }

    private static TestPredictions read(Path folder) throws IOException {
        Path file = predictionsFile(folder);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " has no " + TestPredictions.FILE + ": not a run of recon svm or recon test,"
                    + " or one written before per-shape predictions were kept (2026-12-05); run it again to"
                    + " compare shape by shape");
        }
        return TestPredictions.read(file);
    }

    private static double[] correct(Path folder, TestPredictions p, String column) {
        try {
            return p.correct(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(folder + ": " + e.getMessage(), e);
        }
    }

    private static void requireSameShapes(Path a, TestPredictions pa, Path b, TestPredictions pb) {
        if (!pa.classes().equals(pb.classes())) {
            throw new IllegalArgumentException(a + " and " + b + " have different classes: " + pa.classes() + " vs " + pb.classes());
        }
        if (pa.size() != pb.size()) {
            throw new IllegalArgumentException(a + " scored " + pa.size() + " test shapes, " + b + " " + pb.size()
                    + ": compare runs on the same test split");
        }
        for (int i = 0; i < pa.size(); i++) {
            if (!pa.ids().get(i).equals(pb.ids().get(i)) || pa.labels()[i] != pb.labels()[i]) {
                throw new IllegalArgumentException("test shape " + i + " is " + pa.ids().get(i) + " in " + a + " but "
                        + pb.ids().get(i) + " in " + b + ": compare runs on the same test split, in the same order");
            }
        }
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
