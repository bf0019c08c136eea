package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Plain-Java reference maths (double precision) for the block tests: written from the spec, not from the blocks. */
public final class Ref {

    private Ref() {
    }

    /** @return the parameter's values (row-major) */
    public static double[] p(Map<String, Parameter> sd, String name) {
        float[] f = sd.get(name).getArray().toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    public static double[] d(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** rows (R, in) × W (out, in)ᵀ + b → (R, out); b may be null */
    public static double[] linear(double[] x, int rows, int in, double[] w, double[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** LayerNorm over the last axis of (R, C), biased variance */
    public static double[] layerNorm(double[] x, int rows, int c, double[] g, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < c; i++) {
                mean += x[r * c + i];
            }
            mean /= c;
            double var = 0;
            for (int i = 0; i < c; i++) {
                var += (x[r * c + i] - mean) * (x[r * c + i] - mean);
            }
            var /= c;
            for (int i = 0; i < c; i++) {
                y[r * c + i] = (x[r * c + i] - mean) / Math.sqrt(var + eps) * g[i] + b[i];
            }
        }
        return y;
    }

    /** exact GELU 0.5·x·(1 + erf(x/√2)), erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7) */
    public static double gelu(double x) {
        double z = x / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * Math.abs(z));
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-z * z);
        return 0.5 * x * (1 + Math.signum(z) * erf);
    }

    public static double[] gelu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = gelu(x[i]);
        }
        return y;
    }

    public static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    /**
     * Multi-head attention of one sequence: q (Lq, C), k and v (Lk, C), heads split channels h·d..h·d+d-1,
     * scores scaled by d^-0.5 after the product, softmax over keys.
     */
    public static double[] attend(double[] q, double[] k, double[] v, int lq, int lk, int c, int heads) {
        int dh = c / heads;
        double[] out = new double[lq * c];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < lq; i++) {
                double[] s = new double[lk];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    double dot = 0;
                    for (int e = 0; e < dh; e++) {
                        dot += q[i * c + h * dh + e] * k[j * c + h * dh + e];
                    }
                    s[j] = dot * Math.pow(dh, -0.5);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < lk; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int e = 0; e < dh; e++) {
                    double acc = 0;
                    for (int j = 0; j < lk; j++) {
                        acc += s[j] / z * v[j * c + h * dh + e];
                    }
                    out[i * c + h * dh + e] = acc;
                }
            }
        }
        return out;
    }

    /** columns [from, to) of a (R, W) matrix */
    public static double[] cols(double[] x, int rows, int width, int from, int to) {
        double[] y = new double[rows * (to - from)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * width + from, y, r * (to - from), to - from);
        }
        return y;
    }

    /** The official {@code Mlp}: fc2(GELU(fc1(x))), (rows, C) → (rows, C) through a hidden width h. */
    public static double[] mlpRef(Map<String, Parameter> sd, String prefix, double[] x, int rows, int c, int h) {
        double[] hid = gelu(linear(x, rows, c, p(sd, prefix + "fc1.weight"), p(sd, prefix + "fc1.bias"), h));
        return linear(hid, rows, h, p(sd, prefix + "fc2.weight"), p(sd, prefix + "fc2.bias"), c);
    }

    /** The official {@code Attention}: bias-free qkv, H heads, proj; (len, C) → (len, C). */
    public static double[] selfAttnRef(Map<String, Parameter> sd, String prefix, double[] x, int len, int c, int heads) {
        double[] qkv = linear(x, len, c, p(sd, prefix + "qkv.weight"), null, 3 * c);
        double[] o = attend(cols(qkv, len, 3 * c, 0, c), cols(qkv, len, 3 * c, c, 2 * c), cols(qkv, len, 3 * c, 2 * c, 3 * c),
                len, len, c, heads);
        return linear(o, len, c, p(sd, prefix + "proj.weight"), p(sd, prefix + "proj.bias"), c);
    }

    /** ReCon's {@code CrossAttention}: bias-free q and kv, H heads, proj; queries (lq, C) read a context (lk, C). */
    public static double[] crossAttnRef(Map<String, Parameter> sd, String prefix, double[] q, int lq, double[] ctx, int lk, int c, int heads) {
        double[] qq = linear(q, lq, c, p(sd, prefix + "q.weight"), null, c);
        double[] kv = linear(ctx, lk, c, p(sd, prefix + "kv.weight"), null, 2 * c);
        double[] o = attend(qq, cols(kv, lk, 2 * c, 0, c), cols(kv, lk, 2 * c, c, 2 * c), lq, lk, c, heads);
        return linear(o, lq, c, p(sd, prefix + "proj.weight"), p(sd, prefix + "proj.bias"), c);
    }

    /** PointNet's shared MLP in eval mode: conv 0, BatchNorm 1 (running statistics), ReLU, conv 3. */
    public static double[] sharedMlp(Map<String, Parameter> sd, String prefix, double[] x, int rows, int in, int hidden, int out) {
        double[] h = linear(x, rows, in, p(sd, prefix + "0.weight"), p(sd, prefix + "0.bias"), hidden);
        double[] g = p(sd, prefix + "1.weight");
        double[] b = p(sd, prefix + "1.bias");
        double[] mu = p(sd, prefix + "1.running_mean");
        double[] var = p(sd, prefix + "1.running_var");
        for (int i = 0; i < h.length; i++) {
            int ch = i % hidden;
            h[i] = Math.max(0, (h[i] - mu[ch]) / Math.sqrt(var[ch] + 1e-5) * g[ch] + b[ch]);
        }
        return linear(h, rows, hidden, p(sd, prefix + "3.weight"), p(sd, prefix + "3.bias"), out);
    }
}
