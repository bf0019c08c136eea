package io.recon4j.export;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import io.recon4j.geometry.FarthestPointSampler;
import org.tribuo.util.onnx.ONNXRef;

/**
 * ReCon's grouping (FPS + kNN, {@code io.recon4j.geometry.PointGrouper}) as standard ONNX operators, bit-exact to
 * recon4j's Java grouping: the same float32 operations in the same order, the same picks and the same neighbours.
 *
 * <p>FPS is unrolled (G is fixed at export): G−1 rounds of running-distance update and arg-max, no {@code Loop}.
 * The rules of {@code FarthestPointSampler} (the official CUDA kernel's) are kept: the first pick is index 0; the
 * squared distance is {@code (dx·dx + dy·dy) + dz·dz}; points with squared norm ≤ 1e-3 (the dead zone) keep a
 * running distance of −1 and are never picked; and an exact tie goes where the kernel's thread reduction sends it.
 * That reduction (thread t keeps the first strict maximum of the points k ≡ t mod T, then a tree reduction keeps the
 * lower slot unless the upper one is strictly larger) picks, among the tied points, the one whose slot has the
 * smallest bit-reversed number, and within a slot the lowest index: a fixed order of the N points
 * ({@link #cudaPriority}). The graph takes ArgMax (first maximum) over the running distances in that order.
 *
 * <p>kNN is {@code ((-2·dot + |c|²) + |p|²)} with {@code dot = (cx·px + cy·py) + cz·pz} element by element, then
 * TopK(K, smallest), whose ties go to the lower index as in {@code KnnGrouper}; the K indices are then sorted
 * ascending (recon4j's {@code Order.INDEX}) and the neighbourhoods re-centred by float32 subtraction.
 */
final class PatchingGraph {

    /** Grouping outputs: centres (B, G, 3) and centred neighbourhoods (B, G, K, 3). */
    record Patches(ONNXRef<?> centers, ONNXRef<?> neighborhood) {
    }

    private PatchingGraph() {
    }

    /**
     * @param points (B, N, 3) float32
     * @return the grouping of every cloud
     */
    static Patches build(OnnxGraph g, ONNXRef<?> points, int numPoints, int groups, int groupSize) {
        ONNXRef<?>[] p = new ONNXRef<?>[3];                  // x, y, z: (B, N) each
        for (int a = 0; a < 3; a++) {
            p[a] = g.reshape(g.slice(points, 2, a, a + 1), -1, numPoints);
        }
        ONNXRef<?> norm = squaredNorm(g, p[0], p[1], p[2]);                                  // (B, N)
        ONNXRef<?> fps = farthestPoints(g, p, norm, numPoints, groups);                     // (B, G) int64
        ONNXRef<?>[] c = new ONNXRef<?>[3];                  // centre coordinates (B, G, 1) each
        for (int a = 0; a < 3; a++) {
            c[a] = g.unsqueeze(g.op(OnnxOp.GATHER_ELEMENTS, Map.of("axis", 1), p[a], fps), 2);
        }
        ONNXRef<?> idx = neighbours(g, p, norm, c, groupSize);                              // (B, G, K) int64
        ONNXRef<?> flat = g.reshape(idx, -1, (long) groups * groupSize);
        ONNXRef<?>[] centred = new ONNXRef<?>[3];
        for (int a = 0; a < 3; a++) {
            ONNXRef<?> gathered = g.reshape(g.op(OnnxOp.GATHER_ELEMENTS, Map.of("axis", 1), p[a], flat), -1, groups, groupSize);
            centred[a] = g.unsqueeze(g.sub(gathered, c[a]), 3);
        }
        return new Patches(g.concat(2, c[0], c[1], c[2]), g.concat(3, centred[0], centred[1], centred[2]));
    }

    /** (x·x + y·y) + z·z element by element, the evaluation order of both FPS and kNN. */
    private static ONNXRef<?> squaredNorm(OnnxGraph g, ONNXRef<?> x, ONNXRef<?> y, ONNXRef<?> z) {
        return g.add(g.add(g.mul(x, x), g.mul(y, y)), g.mul(z, z));
    }

    /** @return the G picks of every cloud in selection order, (B, G) int64 */
    private static ONNXRef<?> farthestPoints(OnnxGraph g, ONNXRef<?>[] p, ONNXRef<?> norm, int n, int groups) {
        ONNXRef<?> order = g.longs(cudaPriority(n));
        // Dead points start (and stay, as min(-1, d) = -1) at -1; the others at the kernel's 1e10.
        ONNXRef<?> dead = g.op(OnnxOp.LESS_OR_EQUAL, norm, g.scalar(deadZoneBound()));
        ONNXRef<?> running = g.op(OnnxOp.WHERE, dead, g.scalar(-1f), g.scalar(1e10f));
        ONNXRef<?>[] last = new ONNXRef<?>[3];
        for (int a = 0; a < 3; a++) {
            last[a] = g.slice(p[a], 1, 0, 1);                                                 // point 0: (B, 1)
        }
        ONNXRef<?>[] picks = new ONNXRef<?>[groups];
        picks[0] = g.op(OnnxOp.ARG_MAX, Map.of("axis", 1, "keepdims", 1), last[0]);          // zeros (B, 1) int64
        for (int j = 1; j < groups; j++) {
            ONNXRef<?> dx = g.sub(p[0], last[0]);
            ONNXRef<?> dy = g.sub(p[1], last[1]);
            ONNXRef<?> dz = g.sub(p[2], last[2]);
            running = g.op(OnnxOp.MIN, squaredNorm(g, dx, dy, dz), running);
            ONNXRef<?> ranked = g.op(OnnxOp.GATHER, Map.of("axis", 1), running, order);
            ONNXRef<?> best = g.op(OnnxOp.ARG_MAX, Map.of("axis", 1, "keepdims", 1, "select_last_index", 0), ranked);
            picks[j] = g.op(OnnxOp.GATHER, Map.of("axis", 0), order, best);                  // (B, 1) point index
            for (int a = 0; a < 3; a++) {
                last[a] = g.op(OnnxOp.GATHER_ELEMENTS, Map.of("axis", 1), p[a], picks[j]);
            }
        }
        return groups == 1 ? picks[0] : g.concat(1, picks);
    }

    /** @return the K nearest points of every centre, ascending index order, (B, G, K) int64 */
    private static ONNXRef<?> neighbours(OnnxGraph g, ONNXRef<?>[] p, ONNXRef<?> norm, ONNXRef<?>[] c, int k) {
        ONNXRef<?>[] row = new ONNXRef<?>[3];                 // points as (B, 1, N)
        for (int a = 0; a < 3; a++) {
            row[a] = g.unsqueeze(p[a], 1);
        }
        ONNXRef<?> dot = g.add(g.add(g.mul(c[0], row[0]), g.mul(c[1], row[1])), g.mul(c[2], row[2]));   // (B, G, N)
        ONNXRef<?> dist = g.add(g.add(g.mul(g.scalar(-2f), dot), squaredNorm(g, c[0], c[1], c[2])), g.unsqueeze(norm, 1));
        ONNXRef<?> nearest = g.topK(dist, k, false).get(1);
        return g.topK(nearest, k, false).get(0);             // the same K indices, ascending
    }

    /** @return the largest float32 that is ≤ 1e-3, so that a float comparison equals the kernel's double one */
    static float deadZoneBound() {
        float f = 1e-3f;
        return f > 1e-3 ? Math.nextDown(f) : f;
    }

    /**
     * The order in which the CUDA kernel's reduction prefers tied points: by the bit-reversed slot number
     * (slot = index mod T, T = the kernel's thread count for N points), then by index.
     *
     * @return the N point indices, most preferred first
     */
    static long[] cudaPriority(int n) {
        int threads = FarthestPointSampler.cudaThreads(n);
        int bits = Integer.numberOfTrailingZeros(threads);
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingInt(k -> bits == 0 ? 0 : Integer.reverse(k & (threads - 1)) >>> (32 - bits))
                        .thenComparingInt(k -> k))
                .mapToLong(Integer::longValue).toArray();
    }
}
