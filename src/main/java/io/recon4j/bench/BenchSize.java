package io.recon4j.bench;

import io.recon4j.model.ReconConfig;
import java.util.Locale;

/**
 * A model size to benchmark: a name and its architecture. Named sizes (nano, tiny, small, base) are the
 * {@link ReconConfig} constants; any other is written {@code name=C/depth/heads/decoderDepth/G/K/N}
 * (decoder heads = heads; mask ratio 0.6 and drop path 0.1 as the official sizes).
 *
 * @param name a word without spaces, shown in the tables
 * @param config the architecture
 */
public record BenchSize(String name, ReconConfig config) {

    public BenchSize {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("size name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
    }

    /**
     * @param spec {@code nano}, {@code tiny}, {@code small}, {@code base}, or {@code name=C/depth/heads/decoderDepth/G/K/N}
     * @return the size
     * @throws IllegalArgumentException naming what is wrong with {@code spec}
     */
    public static BenchSize parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        if (eq < 0) {
            return new BenchSize(s.toLowerCase(Locale.ROOT), ReconConfig.size(s));
        }
        String[] f = s.substring(eq + 1).split("/");
        if (f.length != 7) {
            throw new IllegalArgumentException("size '" + spec + "': expected name=C/depth/heads/decoderDepth/G/K/N, got "
                    + f.length + " numbers");
        }
        int[] v = new int[7];
        for (int i = 0; i < 7; i++) {
            try {
                v[i] = Integer.parseInt(f[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("size '" + spec + "': '" + f[i] + "' (number " + (i + 1)
                        + " of C/depth/heads/decoderDepth/G/K/N) is not an integer", e);
            }
        }
        return new BenchSize(s.substring(0, eq), new ReconConfig(v[0], v[1], v[2], v[3], v[2], v[4], v[5], v[6], 0.6f, 0.1f));
    }

    /** @return a spec that {@link #parse} turns back into this size (for child processes) */
    public String spec() {
        ReconConfig c = config;
        try {
            if (ReconConfig.size(name).equals(c)) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // Not a named size: spell the architecture out.
        }
        if (c.decoderHeads() != c.heads() || c.maskRatio() != 0.6f || c.dropPath() != 0.1f) {
            throw new IllegalArgumentException("size " + name + " cannot be written as a spec: decoder heads, mask ratio or "
                    + "drop path differ from the official sizes");
        }
        return name + "=" + c.transDim() + "/" + c.depth() + "/" + c.heads() + "/" + c.decoderDepth() + "/"
                + c.numGroups() + "/" + c.groupSize() + "/" + c.numPoints();
    }
}
