package io.recon4j.teacher;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.render.DepthImage;
import io.recon4j.render.RenderConfig;
import io.recon4j.util.AtomicFiles;
import io.recon4j.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;

/**
 * What an image teacher sees in a dataset's renders, for one render configuration: how much its features vary
 * over a subset of shapes (the {@link DistillationTargets.Spread} that {@code recon pretrain} reports), how well
 * they separate the dataset's categories (leave-one-out 1-nearest-neighbour accuracy, cosine), and, given a
 * classifier over named classes (e.g. the ImageNet logits of the same network), its top-5 labels: how often one
 * of them is a sensible reading of the category ({@link RelatedLabels}) and the labels of a few shapes per
 * category. Features come through the {@link FeatureCache} under the keys pretraining uses.
 */
public final class TeacherInspection {

    /** How many labels each example shows and the related-label rate counts. */
    public static final int TOP = 5;

    /**
     * One shape shown to a person.
     *
     * @param id sample id
     * @param category its dataset category
     * @param view the first rendered view (what the teacher sees, one of V)
     * @param top the classifier's top-5 over the mean of the views' logits, empty without a classifier
     */
    public record Example(String id, String category, DepthImage view, List<ClassLabels.Prediction> top) {
    }

    /**
     * @param render the render configuration
     * @param shapes shapes in the subset
     * @param spread the teacher's feature spread over the subset
     * @param nearestNeighbourAccuracy leave-one-out 1-NN category accuracy of the teacher's features (cosine)
     * @param majorityRate the largest category's share of the subset (the 1-NN accuracy's floor to beat)
     * @param scored subset shapes whose category has related labels (0 without a classifier)
     * @param relatedTop1 share of scored shapes whose top-1 label is related to the category
     * @param relatedTop5 share of scored shapes with a related label among the top-5
     * @param examples a few shapes per category
     * @param bridgeAccuracy share of the subset whose category the {@link LabelBridge} names from the classifier's
     *     logits (zero-shot over the dataset's categories), NaN without a bridge
     * @param bridgeTransductiveAccuracy the same bridge naming clusters of the subset's logits instead of single shapes
     *     ({@link ZeroShot#scoreTransductive}, seed 0): the ceiling of {@code recon zeroshot --transductive}; NaN
     *     without a bridge or with fewer shapes than categories
     * @param bridgeNamed per category, how many shapes the per-shape bridge named so (empty without a bridge): a bridge
     *     that names nearly every shape alike scores the largest category's share
     * @param categoryNames the dataset's categories, indexed by label
     */
    public record Result(RenderConfig render, int shapes, DistillationTargets.Spread spread, double nearestNeighbourAccuracy,
                         double majorityRate, int scored, double relatedTop1, double relatedTop5, List<Example> examples,
                         double bridgeAccuracy, double bridgeTransductiveAccuracy, int[] bridgeNamed, List<String> categoryNames) {

        /** @return the dataset's number of categories (uniform chance is its inverse) */
        public int categories() {
            return categoryNames.size();
        }

        /** @return the render mode's command-line name */
        public String mode() {
            return render.mode().cliName();
        }

        /** @return one line: the mode, the feature spread, the 1-NN accuracy and, when scored, the related top-5 rate */
        public String toText() {
            return String.format(Locale.ROOT, "%s: %s; 1-NN accuracy %.1f%%%s", mode(), spread, 100 * nearestNeighbourAccuracy,
                    scored == 0 ? "" : String.format(Locale.ROOT, "; related label in top-5 %.1f%% of %d", 100 * relatedTop5, scored));
        }
    }

    /**
     * Writes {@code dir/report.md} (a heading naming the dataset, the command that ran, {@link #markdown}) and, with
     * {@code sheet}, {@code dir/sheet.png} (per shape and render: view | top-5 with probabilities, {@link ContactSheet}).
     *
     * @param results one per render configuration, all from the same inspection
     * @param dataset the dataset's name
     * @param command the command line that produced them (quoted in the report)
     * @param teachers one line naming the teachers measured (their identities)
     * @param sheet whether to draw the contact sheet of the examples
     * @param dir the output folder (created)
     * @return the lines that name the written files
     * @throws IOException when a file cannot be written
     */
    public static String writeReport(List<Result> results, String dataset, String command, String teachers, boolean sheet,
            Path dir) throws IOException {
        Files.createDirectories(dir);
        // the identities name what the numbers depend on beyond the command: file hashes, input, the CPU's int8 path
        String md = "# Image teacher on " + dataset + "\n\n`" + command + "`\n\n" + teachers + "\n\n" + markdown(results);
        AtomicFiles.write(dir.resolve("report.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        String written = "report: " + dir.resolve("report.md") + "\n";
        if (sheet) {
            ContactSheet.write(results, RelatedLabels.modelNet(), dir.resolve("sheet.png"));
            written += "contact sheet: " + dir.resolve("sheet.png") + "\n";
        }
        return written;
    }

    private final PointCloudDataset data;
    private final ImageTeacher teacher;
    private final ImageTeacher classifier;
    private final ClassLabels labels;
    private final RelatedLabels related;
    private final FeatureCache cache;
    private final int limit;
    private final int perClass;
    private final LabelBridge bridge;

    private TeacherInspection(Builder b) {
        this.data = b.data;
        this.teacher = b.teacher;
        this.classifier = b.classifier;
        this.labels = b.labels;
        this.related = b.related;
        this.cache = b.cache;
        this.limit = b.limit;
        this.perClass = b.perClass;
        this.bridge = b.bridge;
    }

    /**
     * @param data the shapes (pc_norm is applied before rendering, as in pretraining)
     * @param teacher the image teacher whose features pretraining would distil
     * @param cache feature cache
     */
    public static Builder builder(PointCloudDataset data, ImageTeacher teacher, FeatureCache cache) {
        return new Builder(data, teacher, cache);
    }

    /** Optional settings; {@link #build()} checks them. */
    public static final class Builder {
        private final PointCloudDataset data;
        private final ImageTeacher teacher;
        private final FeatureCache cache;
        private ImageTeacher classifier;
        private ClassLabels labels;
        private RelatedLabels related = RelatedLabels.modelNet();
        private int limit = 300;
        private int perClass = 2;
        private LabelBridge bridge;

        private Builder(PointCloudDataset data, ImageTeacher teacher, FeatureCache cache) {
            this.data = Objects.requireNonNull(data, "data");
            this.teacher = Objects.requireNonNull(teacher, "teacher");
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** A model giving one logit per label (may be the teacher itself) and the labels' names, for the top-5. */
        public Builder optClassifier(ImageTeacher model, ClassLabels names) {
            this.classifier = Objects.requireNonNull(model, "classifier");
            this.labels = Objects.requireNonNull(names, "labels");
            return this;
        }

        /** Zero-shot through the classifier's labels: the bridge's targets must be the dataset's class names. */
        public Builder optBridge(LabelBridge labelBridge) {
            this.bridge = Objects.requireNonNull(labelBridge, "bridge");
            return this;
        }

        /** Which labels count as sensible per category (default: the built-in ModelNet table). */
        public Builder optRelated(RelatedLabels table) {
            this.related = Objects.requireNonNull(table, "related");
            return this;
        }

        /** Shapes in the spread subset, evenly spaced over the dataset (default 300). */
        public Builder optLimit(int shapes) {
            this.limit = shapes;
            return this;
        }

        /** Example shapes per category (default 2). */
        public Builder optPerClass(int shapes) {
            this.perClass = shapes;
            return this;
        }

        /** @throws IllegalArgumentException on a bad setting, naming it */
        public TeacherInspection build() {
            if (limit < 2) {
                throw new IllegalArgumentException("the spread subset needs at least 2 shapes, got " + limit);
            }
            if (perClass < 0) {
                throw new IllegalArgumentException("shapes per class must be >= 0, got " + perClass);
            }
            if (classifier != null && classifier.dimension() != labels.size()) {
                throw new IllegalArgumentException("the classifier gives " + classifier.dimension() + " values per image, the "
                        + "label file names " + labels.size() + " classes");
            }
            if (bridge != null && (classifier == null || !bridge.targets().equals(data.classNames()))) {
                throw new IllegalArgumentException("the label bridge needs the classifier and must name the dataset's classes "
                        + data.classNames() + ", it names " + bridge.targets());
            }
            if (data.size() < 2) {
                throw new IllegalArgumentException(data.name() + " has " + data.size() + " shapes; need at least 2");
            }
            return new TeacherInspection(this);
        }
    }

    /**
     * @param render views for the teacher and the classifier (its size must be their input size)
     * @return the measurements for this render configuration
     * @throws IOException if a shape or a cache entry cannot be read or written
     */
    public Result run(RenderConfig render) throws IOException {
        requireSize(teacher, render);
        if (classifier != null) {
            requireSize(classifier, render);
        }
        ShapeViews renderer = new ShapeViews(data, render);
        int n = Math.min(limit, data.size());
        int d = teacher.dimension();
        float[] rows = new float[n * d];
        int[] cats = new int[n];
        int scored = 0;
        int hit1 = 0;
        int hit5 = 0;
        float[][] logits = new float[bridge == null ? 0 : n][];
        try (ProgressBar bar = Progress.bar("teacher (" + render.mode().cliName() + ")", n, "shapes")) {
            for (int i = 0; i < n; i++) {
                int index = (int) ((long) i * data.size() / n);
                Sample s = data.get(index);
                cats[i] = s.label();
                float[] f = DistillationTargets.cachedImage(teacher, cache, renderer, index, s);
                System.arraycopy(f, 0, rows, i * d, d);
                String category = data.classNames().get(s.label());
                if (bridge != null) {
                    logits[i] = DistillationTargets.cachedImage(classifier, cache, renderer, index, s);
                }
                if (classifier != null && related.knows(category)) {
                    List<ClassLabels.Prediction> top = top(index, s, renderer);
                    scored++;
                    hit1 += related.related(category, top.get(0).label()) ? 1 : 0;
                    hit5 += top.stream().anyMatch(p -> related.related(category, p.label())) ? 1 : 0;
                }
                bar.step();
            }
        }
        int k = data.classNames().size();
        ZeroShot.Result perShape = bridge == null ? null : ZeroShot.score(logits, cats, bridge::rank);
        int[] named = new int[bridge == null ? 0 : k];
        for (int i = 0; perShape != null && i < n; i++) {
            named[perShape.predictions()[i]]++;
        }
        double transductive = bridge == null || n < k ? Double.NaN
                : ZeroShot.scoreTransductive(logits, cats, bridge::logScores, k, 0).top1() / 100;
        return new Result(render, n, DistillationTargets.Spread.of(rows, d), nearestNeighbourAccuracy(rows, cats, d),
                majorityRate(cats), scored, scored == 0 ? 0 : hit1 / (double) scored, scored == 0 ? 0 : hit5 / (double) scored,
                examples(renderer), bridge == null ? Double.NaN : perShape.top1() / 100, transductive, named,
                data.classNames());
    }

    private static void requireSize(ImageTeacher t, RenderConfig render) {
        if (t.input().size() != render.size()) {
            throw new IllegalArgumentException(t.identity() + " expects " + t.input().size() + "-pixel images, the renderer is "
                    + "set to " + render.size());
        }
    }

    private List<ClassLabels.Prediction> top(int index, Sample s, ShapeViews renderer) throws IOException {
        return labels.top(DistillationTargets.cachedImage(classifier, cache, renderer, index, s), TOP);
    }

    /** @return {@code perClass} shapes of each category, evenly spaced over that category's shapes */
    private List<Example> examples(ShapeViews renderer) throws IOException {
        List<Example> out = new ArrayList<>();
        if (perClass == 0) {
            return out;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classNames().size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.labelOf(i)).add(i);
        }
        for (List<Integer> members : byClass) {
            int k = Math.min(perClass, members.size());
            for (int j = 0; j < k; j++) {
                int index = members.get((int) ((long) j * members.size() / k));
                Sample s = data.get(index);
                DepthImage view = renderer.firstView(index, s);
                out.add(new Example(s.id(), data.classNames().get(s.label()), view,
                        classifier == null ? List.of() : top(index, s, renderer)));
            }
        }
        return out;
    }

    /** @return leave-one-out 1-NN accuracy of (n, d) rows under cosine similarity */
    static double nearestNeighbourAccuracy(float[] rows, int[] cats, int d) {
        int n = cats.length;
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) rows[i * d + j] * rows[i * d + j];
            }
            norm[i] = Math.sqrt(s) + 1e-12;
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            int bestJ = -1;
            for (int k = 0; k < n; k++) {
                if (k == i) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (double) rows[i * d + j] * rows[k * d + j];
                }
                s /= norm[i] * norm[k];
                if (s > best) {
                    best = s;
                    bestJ = k;
                }
            }
            correct += cats[bestJ] == cats[i] ? 1 : 0;
        }
        return correct / (double) n;
    }

    private static double majorityRate(int[] cats) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int max = 0;
        for (int c : cats) {
            max = Math.max(max, counts.merge(c, 1, Integer::sum));
        }
        return max / (double) cats.length;
    }

    /**
     * @param results one per render configuration, all from the same inspection
     * @return markdown: the spread table (one row per render) and, with a classifier, the top-5 table of the examples
     */
    public static String markdown(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| render | views | shapes | mean abs(x) | per-dim std | std / abs(x) | 1-NN acc. (majority) | related top-1 | related top-5 |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4g | %.4g | %.1f%% | %.1f%% (%.1f%%) | %s | %s |%n", r.mode(),
                    r.render().views(), r.shapes(), r.spread().meanAbs(), r.spread().meanStd(), 100 * r.spread().relative(),
                    100 * r.nearestNeighbourAccuracy(), 100 * r.majorityRate(), rate(r.relatedTop1(), r.scored()),
                    rate(r.relatedTop5(), r.scored())));
        }
        if (results.stream().anyMatch(r -> !Double.isNaN(r.bridgeAccuracy()))) {
            sb.append("\nZero-shot through the classifier's labels (LabelBridge; uniform chance ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100.0 / results.get(0).categories()))
                    .append(", largest category ").append(String.format(Locale.ROOT, "%.1f%%", 100 * results.get(0).majorityRate()))
                    .append("): ");
            sb.append(String.join(", ", results.stream().map(r -> String.format(Locale.ROOT, "%s %.1f%%", r.mode(),
                    100 * r.bridgeAccuracy())).toList())).append('\n');
            // The second look: the names the bridge gave per shape, and the same bridge naming clusters.
            List<String> names = results.get(0).categoryNames();
            for (Result r : results) {
                sb.append(String.format(Locale.ROOT, "- %s: names given %s; transductive naming %s%n", r.mode(),
                        java.util.stream.IntStream.range(0, r.bridgeNamed().length).mapToObj(c -> names.get(c) + " " + r.bridgeNamed()[c])
                                .collect(java.util.stream.Collectors.joining(", ")),
                        Double.isNaN(r.bridgeTransductiveAccuracy()) ? "– (fewer shapes than categories)"
                                : String.format(Locale.ROOT, "%.1f%%", 100 * r.bridgeTransductiveAccuracy())));
            }
        }
        if (results.isEmpty() || results.get(0).examples().isEmpty() || results.get(0).examples().get(0).top().isEmpty()) {
            return sb.toString();
        }
        sb.append("\n| shape |");
        results.forEach(r -> sb.append(" top-5 (").append(r.mode()).append(") |"));
        sb.append("\n|---|");
        results.forEach(r -> sb.append("---|"));
        sb.append('\n');
        for (int e = 0; e < results.get(0).examples().size(); e++) {
            Example ex = results.get(0).examples().get(e);
            sb.append("| ").append(ex.category()).append(" `").append(ex.id()).append("` |");
            for (Result r : results) {
                sb.append(' ').append(String.join(", ", r.examples().get(e).top().stream()
                        .map(p -> String.format(Locale.ROOT, "%s %.2f", p.label(), p.probability())).toList())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String rate(double r, int scored) {
        return scored == 0 ? "–" : String.format(Locale.ROOT, "%.1f%% of %d", 100 * r, scored);
    }
}
