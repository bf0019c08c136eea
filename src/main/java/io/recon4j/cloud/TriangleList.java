package io.recon4j.cloud;

/** Collects polygon faces as triangles, fan-triangulating polygons with more than three vertices. */
final class TriangleList {

    /** Largest number of triangles reserved up front from a header count. */
    static final int MAX_RESERVED = 1 << 20;

    private final IntList indices;

    /** @param expectedTriangles a hint; capped at {@link #MAX_RESERVED} */
    TriangleList(long expectedTriangles) {
        indices = new IntList((int) Math.min(expectedTriangles, MAX_RESERVED) * 3);
    }

    /**
     * Adds polygon (p0, p1, ..., p{n-1}) as the fan (p0, p{k}, p{k+1}) for k = 1 .. n-2, which keeps the
     * winding and is exact for the convex polygons that mesh files hold.
     *
     * @param polygon at least 3 vertex indices, already checked to be in range
     */
    void addPolygon(IntList polygon) {
        int first = polygon.get(0);
        for (int k = 1; k + 1 < polygon.size(); k++) {
            indices.add(first);
            indices.add(polygon.get(k));
            indices.add(polygon.get(k + 1));
        }
    }

    /** @return the number of triangles F */
    int count() {
        return indices.size() / 3;
    }

    /** @return the triangle indices, length 3F */
    int[] toArray() {
        return indices.toArray();
    }
}
