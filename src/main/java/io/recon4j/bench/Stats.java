package io.recon4j.bench;

import java.util.Arrays;

/** Small statistics over timing samples. */
final class Stats {

    private Stats() {
    }

    /** @return the median (mean of the middle two for an even count); NaN when empty */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return the largest value; NaN when empty */
    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
