package io.recon4j.analysis;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.geometry.Grouping;
import io.recon4j.model.GlobalQueries;
import io.recon4j.model.Patches;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.NoGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attention of one token over the patches of one cloud (the ReCon paper's attention-map figure), read from
 * the model's own attention modules through {@link AttentionRecorder}, and painted onto the points.
 *
 * <p>Which row: a local token's row of its tower's self-attention, or a global query's (cls, img, text) row of
 * the cross-attention (ReCon's two-stream blocks) or, in single-stream towers, of the self-attention. Columns: the
 * G local tokens only; in a single-stream map the mass on the global columns is dropped and the rest renormalised
 * to 1 (as {@link AttentionDistance} does). Heads: the mean over the H heads.
 *
 * <p>Painting, per point of the model's input cloud (N points): a point that lies in several kNN groups takes the
 * <em>largest</em> attention of those patches (an attended patch is shown whole, not diluted by its neighbours);
 * a point in no group takes the attention of the patch whose centre is nearest (kNN groups need not cover the
 * cloud).
 *
 * <p>Axes: N points, G groups, K neighbours, H heads, Q global queries.
 */
public final class AttentionMap {

    /** A global query token, in ReCon's sequence order. */
    public enum GlobalQuery {
        CLS, IMG, TEXT;

        /** @return the query named {@code s} (cls, img or text, any case) */
        public static GlobalQuery parse(String s) {
            for (GlobalQuery q : values()) {
                if (q.name().equalsIgnoreCase(s.trim())) {
                    return q;
                }
            }
            throw new IllegalArgumentException("--query must be one of img, text, cls; got '" + s + "'");
        }

        /** @return its row among the layout's queries, or -1 when the layout lacks it */
        int row(GlobalQueries.Layout layout) {
            if (layout == null) {
                return -1;
            }
            return switch (this) {
                case CLS -> layout.clsRow();
                case IMG -> layout.imgRow();
                case TEXT -> layout.textRow();
            };
        }

        /** @return the lower-case name */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Whose attention, at which layer. Build with {@link #localToken} or {@link #globalQuery}, then {@link #atLayer}.
     *
     * @param token the local token (patch, in FPS order) or -1 for a global query
     * @param query the global query, or null for a local token
     * @param layer the block, from 0; -1 for the last
     */
    public record Spec(int token, GlobalQuery query, int layer) {

        /** @return local token {@code token}'s self-attention at the last layer */
        public static Spec localToken(int token) {
            return new Spec(token, null, -1);
        }

        /** @return a global query's attention at the last layer */
        public static Spec globalQuery(GlobalQuery query) {
            return new Spec(-1, java.util.Objects.requireNonNull(query, "query"), -1);
        }

        /** @param block from 0 @return the same row at that block */
        public Spec atLayer(int block) {
            return new Spec(token, query, block);
        }

        /** @return the layer index (from 0) for a model of {@code depth} blocks */
        public int resolvedLayerFor(int depth) {
            return layer < 0 ? depth - 1 : layer;
        }

        /**
         * Refuses a token or layer the architecture does not have, before any work.
         *
         * @throws IllegalArgumentException with the valid range
         */
        public void check(ReconConfig config) {
            if (query == null && (token < 0 || token >= config.numGroups())) {
                throw new IllegalArgumentException("--token " + token + " is outside 0.." + (config.numGroups() - 1)
                        + " (the model has " + config.numGroups() + " patches)");
            }
            if (layer >= config.depth() || layer < -1) {
                throw new IllegalArgumentException("--layer " + (layer + 1) + " is outside 1.." + config.depth()
                        + " (the model has " + config.depth() + " blocks)");
            }
        }

        /** @return e.g. "local token 7, layer 6" or "img query, layer 6" */
        public String describe(int depth) {
            String who = query == null ? "local token " + token : query.cliName() + " query";
            return who + ", layer " + (resolvedLayerFor(depth) + 1);
        }
    }

    /**
     * One painted map.
     *
     * @param spec whose attention
     * @param site the attention module it came from
     * @param points (N, 3) the model's input cloud, row-major
     * @param centers (G, 3) patch centres in FPS order
     * @param patchWeights (G) attention over the patches, mean over heads, summing to 1
     * @param pointWeights (N) the painted value of each point (see the class comment)
     */
    public record Result(Spec spec, AttentionRecorder.Site site, float[] points, float[] centers, float[] patchWeights,
                         float[] pointWeights) {

        /** @return one line: which row, from which module, its range and the uniform level 1/G */
        public String legend(int depth) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float w : patchWeights) {
                lo = Math.min(lo, w);
                hi = Math.max(hi, w);
            }
            return String.format(Locale.ROOT, "%s (%s): patch attention %.4f (dark) to %.4f (yellow); uniform 1/G = %.4f",
                    spec.describe(depth), site.path(), lo, hi, 1.0 / patchWeights.length);
        }

        /** @return the (3) centre of the chosen local token, or null for a global query */
        public float[] markedCenter() {
            int t = spec.token();
            return t < 0 ? null : new float[] {centers[3 * t], centers[3 * t + 1], centers[3 * t + 2]};
        }
    }

    /** Every attention module's probabilities from one forward pass over one cloud, ready to be read row by row. */
    public static final class Recording {
        private final ReconClassifier model;
        private final Grouping grouping;
        private final float[] points;
        private final List<AttentionRecorder.Map4> maps;

        private Recording(ReconClassifier model, Grouping grouping, float[] points, List<AttentionRecorder.Map4> maps) {
            this.model = model;
            this.grouping = grouping;
            this.points = points;
            this.maps = maps;
        }

        /** @return the grouping the model saw */
        public Grouping grouping() {
            return grouping;
        }

        /** @return the recorded maps, in forward order */
        public List<AttentionRecorder.Map4> maps() {
            return maps;
        }

        /** @return the global queries the first tower has, in sequence order */
        public List<GlobalQuery> queries() {
            List<GlobalQuery> out = new ArrayList<>();
            for (GlobalQuery q : GlobalQuery.values()) {
                if (q.row(model.encoder().layout()) >= 0) {
                    out.add(q);
                }
            }
            return out;
        }

        /** @return the painted attention of each global query at the last layer, in sequence order */
        public List<Result> globalQueryMaps() {
            List<Result> out = new ArrayList<>();
            for (GlobalQuery q : queries()) {
                out.add(map(Spec.globalQuery(q)));
            }
            return out;
        }

        /** @return the painted attention of {@code spec}'s row */
        public Result map(Spec spec) {
            ReconConfig c = model.config();
            spec.check(c);
            int g = c.numGroups();
            int layer = spec.resolvedLayerFor(c.depth());
            String tower = maps.get(0).site().path().split("/")[0];
            int row;
            AttentionRecorder.Map4 map;
            if (spec.query() == null) {
                map = find(tower, layer, false);
                row = (int) map.shape()[2] - g + spec.token();
            } else {
                int q = spec.query().row(model.encoder().layout());
                if (q < 0) {
                    throw new IllegalArgumentException("--query " + spec.query().cliName() + ": this " + model.method().cliName()
                            + " model has no such token (it has " + queries().stream().map(GlobalQuery::cliName).toList() + ")");
                }
                AttentionRecorder.Map4 cross = findOrNull(tower, layer, true);
                map = cross != null ? cross : find(tower, layer, false);
                row = q;
            }
            float[] patch = headMean(map, row, g);
            return new Result(spec, map.site(), points, grouping.centers(), patch, paint(patch, grouping, points));
        }

        private AttentionRecorder.Map4 find(String tower, int layer, boolean cross) {
            AttentionRecorder.Map4 m = findOrNull(tower, layer, cross);
            if (m == null) {
                throw new IllegalStateException("no " + (cross ? "cross" : "self") + "-attention recorded at layer " + (layer + 1));
            }
            return m;
        }

        private AttentionRecorder.Map4 findOrNull(String tower, int layer, boolean cross) {
            for (AttentionRecorder.Map4 m : maps) {
                if (m.site().layer() == layer && m.site().cross() == cross && m.site().path().startsWith(tower + "/")) {
                    return m;
                }
            }
            return null;
        }
    }

    private AttentionMap() {
    }

    /**
     * Runs the model once over one cloud (eval mode, no gradients) and records every attention module.
     *
     * @param model an initialised classifier
     * @param manager the model's manager
     * @param points (N, 3) row-major, N = the model's point count, already normalised (and turned y-up) as the model
     *     was trained; FPS to N beforehand as the test pipeline does
     */
    public static Recording record(ReconClassifier model, NDManager manager, float[] points) {
        ReconConfig c = model.config();
        if (points.length != c.numPoints() * 3) {
            throw new IllegalArgumentException("the model reads " + c.numPoints() + " points, got " + points.length / 3);
        }
        try (AttentionRecorder recorder = AttentionRecorder.attach(model);
             NoGrad off = NoGrad.open(); NDManager step = manager.newSubManager()) {
            Patches patches = model.patching().patchify(points, 1, step);
            model.forwardFeatures(new ParameterStore(manager, false), patches, false);
            return new Recording(model, patches.grouping(), points, recorder.maps());
        }
    }

    /**
     * @param raw the cloud as read from its file
     * @param zUp whether to turn it y-up after normalising (--up z)
     * @param points N, the model's points per cloud
     * @return (N, 3) the points the model sees, flattened: normalised, turned, sampled as the ModelNet test pipeline
     */
    public static float[] modelPoints(io.recon4j.cloud.PointCloud raw, boolean zUp, int points) {
        io.recon4j.cloud.PointCloud cloud = io.recon4j.data.Transforms.normalize(raw);
        cloud = zUp ? io.recon4j.data.Transforms.zUpToYUp(cloud) : cloud;
        return io.recon4j.data.DatasetPipelines.modelNetTest(points).apply(cloud, new java.util.SplittableRandom(0)).xyz();
    }

    /**
     * @param raw the cloud as read from its file
     * @param p a point in the file's coordinates
     * @param zUp whether the cloud was turned y-up after normalising
     * @return {@code p} after the same pc_norm (and z-up turn) as the cloud, i.e. in the model's frame
     */
    public static float[] toModelFrame(io.recon4j.cloud.PointCloud raw, double[] p, boolean zUp) {
        float[] xyz = raw.xyz();
        double[] wide = new double[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            wide[i] = xyz[i];
        }
        double radius = io.recon4j.geometry.PcNorm.apply(wide);
        // pc_norm is x' = (x − c) / r; point 0 gives c = x0 − r·x0'.
        float[] q = new float[3];
        for (int a = 0; a < 3; a++) {
            double c = xyz[a] - radius * wide[a];
            q[a] = (float) ((p[a] - c) / radius);
        }
        return zUp ? io.recon4j.data.Transforms.zUpToYUp(new io.recon4j.cloud.PointCloud(q)).xyz() : q;
    }

    /** @return index of the patch centre nearest to {@code (x, y, z)} (the first on ties) */
    public static int nearestCenter(float[] centers, double x, double y, double z) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < centers.length / 3; j++) {
            double dx = centers[3 * j] - x;
            double dy = centers[3 * j + 1] - y;
            double dz = centers[3 * j + 2] - z;
            double d = dx * dx + dy * dy + dz * dz;
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** @return (G) row {@code row} of a (1, H, Lq, Lk) map over its last G columns, mean over heads, summing to 1 */
    static float[] headMean(AttentionRecorder.Map4 map, int row, int groups) {
        long[] s = map.shape();
        int h = (int) s[1];
        int lq = (int) s[2];
        int lk = (int) s[3];
        double[] acc = new double[groups];
        for (int head = 0; head < h; head++) {
            int base = (head * lq + row) * lk + lk - groups;
            double mass = 0;
            for (int j = 0; j < groups; j++) {
                mass += map.probs()[base + j];
            }
            for (int j = 0; j < groups; j++) {
                acc[j] += map.probs()[base + j] / mass / h;
            }
        }
        float[] out = new float[groups];
        for (int j = 0; j < groups; j++) {
            out[j] = (float) acc[j];
        }
        return out;
    }

    /** @param xyz (N, 3) the grouped points @return (N) per point: the largest weight among the groups holding it, else its nearest centre's weight */
    static float[] paint(float[] patch, Grouping g, float[] xyz) {
        float[] out = new float[g.numPoints()];
        java.util.Arrays.fill(out, Float.NaN);
        int[] idx = g.neighborIdx();
        for (int j = 0; j < g.numGroups(); j++) {
            for (int k = 0; k < g.groupSize(); k++) {
                int p = idx[j * g.groupSize() + k];
                if (Float.isNaN(out[p]) || patch[j] > out[p]) {
                    out[p] = patch[j];
                }
            }
        }
        for (int p = 0; p < out.length; p++) {
            if (Float.isNaN(out[p])) {
                out[p] = patch[nearestCenter(g.centers(), xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2])];
            }
        }
        return out;
    }
}
