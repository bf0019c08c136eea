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
}
