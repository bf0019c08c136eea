package io.recon4j.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.cloud.Npy;
import io.recon4j.cloud.NpyArray;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recon-trajectory fixture's {@code check.py}, rule for rule: compares a replay folder with the fixture using
 * the fixture's {@code tolerances.json}. Each artefact gives a ratio (worst difference over its tolerance; ≤ 1 passes)
 * or a structural error. The rules of the fixture README's section 10: tensors whose exact gradient is zero or only
 * rounding noise are checked apart; Adam's first step may turn a gradient within tolerance into a different ±lr
 * step (the per-element "Adam slack"); fine-tuning accuracy is compared only on steps with a safe top-1 margin.
 */
final class TrajectoryCheck {

    private static final double F32_EPS = Math.pow(2, -23);

    /**
     * One artefact's verdict.
     *
     * @param name e.g. {@code pre_after_step0}
     * @param ratio worst difference over its tolerance (NaN with an error)
     * @param detail what was worst, as check.py prints it
     * @param error a structural problem, or null
     */
    record Result(String name, double ratio, String detail, String error) {
        boolean ok() {
            return error == null && ratio <= 1.0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-17s %s  %s", name, ok() ? "ok  " : "FAIL", error != null ? error : detail);
        }
    }

    /** A state dict read into doubles (floating tensors) or longs (counters). */
    record Tensor(long[] shape, double[] values, long[] longs) {
        static Tensor of(PthTensor t) {
            return t.dtype().isFloatingPoint() ? new Tensor(t.shape(), toDoubles(t.toFloats()), null)
                    : new Tensor(t.shape(), null, t.toLongs());
        }

        boolean floating() {
            return values != null;
        }

        double maxAbs() {
            double m = 0;
            for (double v : values) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }
    }

    private final Path fix;
    private final JsonObject tol;

    /** @param fix the fixture folder (holds {@code tolerances.json}) */
    TrajectoryCheck(Path fix) throws IOException {
        this.fix = fix;
        this.tol = JsonParser.parseString(Files.readString(fix.resolve("tolerances.json"))).getAsJsonObject();
    }

    /** What the checker needs from the fixture for one phase (check.py's {@code Ref}). */
    final class Ref {
        final String phase;
        final Map<String, Tensor> init;
        final Map<String, Tensor> grads;
        final Map<String, Double> lr = new HashMap<>();
        final double eps;
        final int steps;
        final Map<String, Double> gmax = new HashMap<>();
        final double globalGmax;
        final Set<String> zero;
        final Set<String> noise;

        Ref(String phase) throws IOException {
            this.phase = phase;
            init = readPth(fix.resolve(phase + "_init.pth"));
            grads = readPth(fix.resolve(phase + "_grads_step0.pth"));
            JsonArray groups = JsonParser.parseString(Files.readString(fix.resolve(phase + "_param_groups.json"))).getAsJsonArray();
            for (JsonElement e : groups) {
                JsonObject g = e.getAsJsonObject();
                for (JsonElement n : g.getAsJsonArray("params")) {
                    lr.put(n.getAsString(), g.get("lr").getAsDouble());
                }
            }
            eps = groups.get(0).getAsJsonObject().get("eps").getAsDouble();
            steps = (int) Npy.read(fix.resolve(phase + "_losses.npy")).dim(0);
            double gm = 0;
            for (Map.Entry<String, Tensor> e : grads.entrySet()) {
                gmax.put(e.getKey(), e.getValue().maxAbs());
                gm = Math.max(gm, e.getValue().maxAbs());
            }
            globalGmax = gm;
            JsonObject classes = phaseTol(phase).getAsJsonObject("classes");
            zero = names(classes.getAsJsonArray("zero_grad"));
            noise = names(classes.getAsJsonArray("noise_grad"));
        }
    }

    /**
     * Checks every artefact of a phase, as check.py does: {@code losses}, {@code grad_norm} (and {@code acc} for
     * fine-tuning), {@code grads_step0}, {@code after_step0}, {@code final}, and {@code ft_logits} when present.
     */
    List<Result> check(String phase, Path out) throws IOException {
        Ref ref = new Ref(phase);
        List<String> npy = phase.equals("pre") ? List.of("losses", "grad_norm") : List.of("losses", "acc", "grad_norm");
        List<Result> results = new ArrayList<>();
        for (String art : npy) {
            String name = phase + "_" + art;
            Path file = out.resolve(name + ".npy");
            if (!Files.isRegularFile(file)) {
                results.add(new Result(name, Double.NaN, null, "missing " + name + ".npy"));
                continue;
            }
            NpyArray a = Npy.read(file);
            NpyArray b = Npy.read(fix.resolve(name + ".npy"));
            results.add(art.equals("acc") ? acc(a, b) : series(name, art, a, b, phaseTol(phase).getAsJsonObject(art)));
        }
        for (String art : List.of("grads_step0", "after_step0", "final")) {
            String name = phase + "_" + art;
            Path file = out.resolve(name + ".pth");
            if (!Files.isRegularFile(file)) {
                results.add(new Result(name, Double.NaN, null, "missing " + name + ".pth"));
                continue;
            }
            Map<String, Tensor> a = readPth(file);
            Map<String, Tensor> b = readPth(fix.resolve(name + ".pth"));
            results.add(switch (art) {
                case "grads_step0" -> grads(name, a, b, ref);
                case "after_step0" -> after0(name, a, b, ref);
                default -> fin(name, a, b, ref);
            });
        }
        if (phase.equals("ft") && Files.isRegularFile(out.resolve("ft_logits.npy"))) {
            results.add(series("ft_logits", "logits", Npy.read(out.resolve("ft_logits.npy")), Npy.read(fix.resolve("ft_logits.npy")),
                    phaseTol("ft").getAsJsonObject("logits")));
        }
        return results;
    }

    /** losses / grad_norm / logits: relative difference per entry (logits: to the step's largest logit), max per step. */
    private static Result series(String name, String art, NpyArray a, NpyArray b, JsonObject t) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return new Result(name, Double.NaN, null, "shape " + Arrays.toString(a.shape()) + " != " + Arrays.toString(b.shape()));
        }
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        for (double v : av) {
            if (!Double.isFinite(v)) {
                return new Result(name, Double.NaN, null, "non-finite values");
            }
        }
        int steps = (int) b.dim(0);
        int per = bv.length / steps;
        double[] lim = doubles(t.getAsJsonArray("per_step_rtol"));
        double ratio = 0;
        int worst = 0;
        double[] perStep = new double[steps];
        double maxRel = 0;
        double maxAbs = 0;
        for (int s = 0; s < steps; s++) {
            double scale = 0;
            for (int i = 0; i < per; i++) {
                scale = Math.max(scale, Math.abs(bv[s * per + i]));
            }
            for (int i = 0; i < per; i++) {
                double d = Math.abs(av[s * per + i] - bv[s * per + i]);
                double rel = d / (art.equals("logits") ? scale : Math.abs(bv[s * per + i]));
                perStep[s] = Math.max(perStep[s], rel);
                maxAbs = Math.max(maxAbs, d);
            }
            maxRel = Math.max(maxRel, perStep[s]);
            if (perStep[s] / lim[s] > ratio) {
                ratio = perStep[s] / lim[s];
                worst = s;
            }
        }
        return new Result(name, ratio, String.format(Locale.ROOT, "worst step %d: rel %.2g (tol %.2g); max rel %.2g, max abs %.2g",
                worst, perStep[worst], lim[worst], maxRel, maxAbs), null);
    }

    /**
     * Accuracy per step must be equal on the steps where the fixture's top-1 logit beats its runner-up (relative to
     * the step's largest logit) by more than twice the logits tolerance of that step.
     */
    private Result acc(NpyArray a, NpyArray b) throws IOException {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return new Result("ft_acc", Double.NaN, null, "shape " + Arrays.toString(a.shape()) + " != " + Arrays.toString(b.shape()));
        }
        NpyArray logits = Npy.read(fix.resolve("ft_logits.npy"));
        double[] lg = logits.toDoubleArray();
        int steps = (int) logits.dim(0);
        int batch = (int) logits.dim(1);
        int k = (int) logits.dim(2);
        double[] lim = doubles(phaseTol("ft").getAsJsonObject("logits").getAsJsonArray("per_step_rtol"));
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        List<Integer> skipped = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double margin = Double.POSITIVE_INFINITY;
            double scale = 0;
            for (int i = 0; i < batch; i++) {
                double[] row = Arrays.copyOfRange(lg, (s * batch + i) * k, (s * batch + i + 1) * k);
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
                Arrays.sort(row);
                margin = Math.min(margin, row[k - 1] - row[k - 2]);
            }
            if (margin / scale <= 2 * lim[s]) {
                skipped.add(s);
            } else if (av[s] != bv[s]) {
                bad.add(s);
            }
        }
        return new Result("ft_acc", bad.size(), bad.size() + " steps differ " + bad
                + " (tol: exact; steps without a safe top-1 margin, not compared: " + skipped + ")", null);
    }

    /**
     * Per tensor max|a−b| / max|b|; tensors whose exact gradient is zero ('zero', also in float32) or rounding noise
     * ('noise') only have to be small: max|a| / the largest gradient of the model.
     */
    private Result grads(String name, Map<String, Tensor> a, Map<String, Tensor> b, Ref ref) {
        String err = keys(a, b);
        if (err != null) {
            return new Result(name, Double.NaN, null, err);
        }
        JsonObject t = phaseTol(ref.phase).getAsJsonObject("grads_step0");
        double worst = 0;
        double wz = 0;
        double wn = 0;
        String worstK = null;
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            String k = e.getKey();
            double[] ga = a.get(k).values();
            double[] gb = e.getValue().values();
            double v = 0;
            for (int i = 0; i < ga.length; i++) {
                if (!Double.isFinite(ga[i])) {
                    return new Result(name, Double.NaN, null, "non-finite gradient in " + k);
                }
            }
            if (ref.zero.contains(k) || ref.noise.contains(k) || ref.gmax.get(k) == 0.0) {
                v = a.get(k).maxAbs() / ref.globalGmax;
                if (ref.noise.contains(k)) {
                    wn = Math.max(wn, v);
                } else {
                    wz = Math.max(wz, v);
                }
                continue;
            }
            for (int i = 0; i < ga.length; i++) {
                v = Math.max(v, Math.abs(ga[i] - gb[i]));
            }
            v /= ref.gmax.get(k);
            if (v >= worst) {
                worst = v;
                worstK = k;
            }
        }
        double zeroAtol = t.get("zero_atol").getAsDouble();
        double ratio = Math.max(worst / t.get("rtol").getAsDouble(),
                Math.max(zeroAtol != 0 ? wz / zeroAtol : (wz != 0 ? Double.POSITIVE_INFINITY : 0), wn / t.get("noise_atol").getAsDouble()));
        return new Result(name, ratio, String.format(Locale.ROOT, "worst %s: max|d|/max|g| %.2g (tol %.2g); zero-grad tensors %.2g "
                + "(tol %.2g), noise-grad tensors %.2g (tol %.2g) of max|g|", worstK, worst, t.get("rtol").getAsDouble(), wz, zeroAtol,
                wn, t.get("noise_atol").getAsDouble()), null);
    }

    /**
     * Per element, the largest change of the first AdamW update (in units of lr) that a gradient error within the
     * grads tolerance can cause: u(g) = g/(|g|+eps) moves by at most D·eps/(|g|−D+eps)² for |g| > 2D, and by up to 2
     * (a sign flip) otherwise; D = grads rtol · max|g| of the tensor; noise tensors: 2 everywhere.
     */
    private double[] adamSensitivity(Ref ref, String k) {
        double[] g = ref.grads.get(k).values();
        double[] s = new double[g.length];
        if (ref.noise.contains(k)) {
            Arrays.fill(s, 2.0);
            return s;
        }
        if (ref.zero.contains(k) || ref.gmax.get(k) == 0.0) {
            return s;
        }
        double d = phaseTol(ref.phase).getAsJsonObject("grads_step0").get("rtol").getAsDouble() * ref.gmax.get(k);
        for (int i = 0; i < g.length; i++) {
            double abs = Math.abs(g[i]);
            double denom = Math.max(abs - d + ref.eps, ref.eps);
            s[i] = abs > 2 * d ? Math.min(d * ref.eps / (denom * denom), 2.0) : 2.0;
        }
        return s;
    }

    /**
     * Weights after the first step. Parameters: per element, the part of |a−b| not explained by the Adam slack, in
     * rounding units ulp32(b) + lr·2⁻²³. Buffers: max|a−b| / max|b|. Counters exact.
     */
    private Result after0(String name, Map<String, Tensor> a, Map<String, Tensor> b, Ref ref) {
        String err = comparable(a, b);
        if (err != null) {
            return new Result(name, Double.NaN, null, err);
        }
        double worst = 0;
        double bw = 0;
        String worstK = null;
        String bwK = null;
        long flips = 0;
        long elements = 0;
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            String k = e.getKey();
            Tensor tb = e.getValue();
            if (!tb.floating()) {
                continue;
            }
            double[] va = a.get(k).values();
            double[] vb = tb.values();
            if (ref.grads.containsKey(k)) {
                double lr = ref.lr.get(k);
                double[] sens = adamSensitivity(ref, k);
                for (int i = 0; i < vb.length; i++) {
                    if (sens[i] >= 2.0) {
                        flips++;
                    }
                    double r = Math.max(Math.abs(va[i] - vb[i]) - lr * sens[i], 0) / (ulp32(vb[i]) + lr * F32_EPS);
                    if (r >= worst) {
                        worst = r;
                        worstK = k;
                    }
                }
                elements += vb.length;
            } else {
                double v = maxAbsDiff(va, vb) / Math.max(tb.maxAbs(), 1e-30);
                if (v >= bw) {
                    bw = v;
                    bwK = k;
                }
            }
        }
        JsonObject t = phaseTol(ref.phase).getAsJsonObject("after_step0");
        double ratio = Math.max(worst / t.get("units").getAsDouble(), bw / t.get("buffers_rtol").getAsDouble());
        return new Result(name, ratio, String.format(Locale.ROOT, "worst %s: %.3g rounding units (tol %.3g); buffers %s rel %.2g (tol %.2g); "
                + "%d/%d elements with +-2 lr slack", worstK, worst, t.get("units").getAsDouble(), bwK, bw,
                t.get("buffers_rtol").getAsDouble(), flips, elements), null);
    }

    /**
     * Weights after S steps. Parameters (noise tensors excluded): ‖a−b‖ / ‖b−init‖ against a per-tensor tolerance;
     * every element (noise tensors too) within 2·S·lr + 16 ulp of the fixture. Buffers: max|a−b| / max|b| against a
     * per-buffer tolerance. Counters exact.
     */
    private Result fin(String name, Map<String, Tensor> a, Map<String, Tensor> b, Ref ref) {
        String err = comparable(a, b);
        if (err != null) {
            return new Result(name, Double.NaN, null, err);
        }
        JsonObject t = phaseTol(ref.phase).getAsJsonObject("final");
        JsonObject paramTol = t.getAsJsonObject("param_rtol");
        JsonObject bufTol = t.getAsJsonObject("buffers_rtol");
        double worst = 0;
        double cap = 0;
        double bw = 0;
        String worstK = null;
        String capK = null;
        String bwK = null;
        double worstV = 0;
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            String k = e.getKey();
            Tensor tb = e.getValue();
            if (!tb.floating()) {
                continue;
            }
            double[] va = a.get(k).values();
            double[] vb = tb.values();
            if (ref.grads.containsKey(k)) {
                double lr = ref.lr.get(k);
                double c = 0;
                for (int i = 0; i < vb.length; i++) {
                    c = Math.max(c, Math.abs(va[i] - vb[i]) / (2 * ref.steps * lr + 16 * ulp32(vb[i])));
                }
                if (c >= cap) {
                    cap = c;
                    capK = k;
                }
                if (ref.noise.contains(k)) {
                    continue;
                }
                double[] init = ref.init.get(k).values();
                double dn = 0;
                double travel = 0;
                for (int i = 0; i < vb.length; i++) {
                    dn += (va[i] - vb[i]) * (va[i] - vb[i]);
                    travel += (vb[i] - init[i]) * (vb[i] - init[i]);
                }
                double floor = lr * Math.sqrt(vb.length);
                double v = Math.sqrt(dn) / Math.max(Math.sqrt(travel), 1e-3 * floor);
                double r = v / paramTol.get(k).getAsDouble();
                if (r >= worst) {
                    worst = r;
                    worstK = k;
                    worstV = v;
                }
            } else {
                double v = maxAbsDiff(va, vb) / Math.max(tb.maxAbs(), 1e-30);
                double r = v / bufTol.get(k).getAsDouble();
                if (r >= bw) {
                    bw = r;
                    bwK = k;
                }
            }
        }
        return new Result(name, Math.max(worst, Math.max(cap, bw)), String.format(Locale.ROOT, "worst %s: |d|/|travel| %.2g (tol %.2g); "
                + "cap %.2g of 2*S*lr (%s); buffers: worst %s at %.2g of its tol", worstK, worstV,
                worstK == null ? Double.NaN : paramTol.get(worstK).getAsDouble(), cap, capK, bwK, bw), null);
    }

    private JsonObject phaseTol(String phase) {
        return tol.getAsJsonObject(phase);
    }

    /** {@link #keys}, then integer tensors equal and float tensors finite: the first failure, or null. */
    private static String comparable(Map<String, Tensor> a, Map<String, Tensor> b) {
        String err = keys(a, b);
        if (err != null) {
            return err;
        }
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            Tensor ta = a.get(e.getKey());
            Tensor tb = e.getValue();
            if (!tb.floating() && (ta.floating() || !Arrays.equals(ta.longs(), tb.longs()))) {
                return e.getKey() + " = " + describe(ta) + " != " + Arrays.toString(tb.longs());
            }
            if (tb.floating() && !finite(ta.values())) {
                return "non-finite values in " + e.getKey();
            }
        }
        return null;
    }

    /** Missing keys, unexpected keys and shape mismatches (null if none), as check.py's {@code _keys}. */
    private static String keys(Map<String, Tensor> a, Map<String, Tensor> b) {
        List<String> msg = new ArrayList<>();
        List<String> miss = b.keySet().stream().filter(k -> !a.containsKey(k)).toList();
        List<String> extra = a.keySet().stream().filter(k -> !b.containsKey(k)).toList();
        List<String> shape = b.keySet().stream().filter(k -> a.containsKey(k) && !Arrays.equals(a.get(k).shape(), b.get(k).shape())).toList();
        if (!miss.isEmpty()) {
            msg.add(miss.size() + " keys missing (e.g. " + miss.get(0) + ")");
        }
        if (!extra.isEmpty()) {
            msg.add(extra.size() + " unexpected keys (e.g. " + extra.get(0) + ")");
        }
        if (!shape.isEmpty()) {
            msg.add(shape.size() + " shape mismatches (e.g. " + shape.get(0) + " " + Arrays.toString(a.get(shape.get(0)).shape()) + ")");
        }
        return msg.isEmpty() ? null : String.join("; ", msg);
    }

    /** A state dict (or an official checkpoint's {@code base_model}), {@code module.} stripped. */
    static Map<String, Tensor> readPth(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateDict.read(file).removeModulePrefix().asMap().forEach((k, v) -> out.put(k, Tensor.of(v)));
        return out;
    }

    /** numpy's {@code spacing} of |x| as float32: the gap to the next larger float. */
    static double ulp32(double x) {
        return Math.ulp((float) Math.abs(x));
    }

    private static String describe(Tensor t) {
        return t.floating() ? "a float tensor" : Arrays.toString(t.longs());
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    private static Set<String> names(JsonArray a) {
        Set<String> s = new HashSet<>();
        a.forEach(e -> s.add(e.getAsString()));
        return s;
    }
}
