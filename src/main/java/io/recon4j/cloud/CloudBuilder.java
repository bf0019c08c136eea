package io.recon4j.cloud;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Accumulates points (xyz plus a fixed list of extra fields) while a reader parses a file, rejecting
 * non-finite coordinates and empty results with the reader's current location.
 */
final class CloudBuilder {

    /** Largest number of points reserved up front from a header count. */
    private static final int MAX_RESERVED = 1 << 20;

    private final Path file;
    private final String noun;
    private final List<String> fieldNames;
    private final FloatList xyz;
    private final FloatList[] fields;
    private final Supplier<String> where;

    /**
     * @param file the file, for messages
     * @param noun what a point is called in messages: "vertex" or "point"
     * @param fieldNames the extra fields, in order; {@link #add} takes their values in this order
     * @param expected a size hint (capped, so a lying header cannot exhaust memory)
     * @param where the reader's current location, asked only when an error is reported
     */
    CloudBuilder(Path file, String noun, List<String> fieldNames, long expected, Supplier<String> where) {
        this.file = file;
        this.noun = noun;
        this.fieldNames = List.copyOf(fieldNames);
        int reserve = (int) Math.min(Math.max(expected, 0), MAX_RESERVED);
        this.xyz = new FloatList(3 * reserve);
        this.fields = new FloatList[fieldNames.size()];
        for (int k = 0; k < fields.length; k++) {
            fields[k] = new FloatList(reserve);
        }
        this.where = where;
    }

    /**
     * Adds one point.
     *
     * @param extras values of the extra fields, in constructor order (may be longer; only the first are used)
     * @throws CloudFormatException if a coordinate is NaN or infinite
     */
    void add(float x, float y, float z, float[] extras) throws CloudFormatException {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
            throw new CloudFormatException(file, where.get(), noun + " " + size() + " (0-based) has coordinates ("
                    + x + ", " + y + ", " + z + "); expected finite numbers");
        }
        xyz.add(x);
        xyz.add(y);
        xyz.add(z);
        for (int k = 0; k < fields.length; k++) {
            fields[k].add(extras[k]);
        }
    }

    /** @return the number of points added so far */
    int size() {
        return xyz.size() / 3;
    }

    /**
     * @return the cloud
     * @throws CloudFormatException if no point was added
     */
    PointCloud build() throws CloudFormatException {
        if (size() == 0) {
            throw new CloudFormatException(file, where.get(), "the file holds 0 points; expected at least one "
                    + noun);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int k = 0; k < fields.length; k++) {
            out.put(fieldNames.get(k), fields[k].toArray());
        }
        return new PointCloud(xyz.toArray(), out);
    }
}
