package io.recon4j.data.procedural;

/** A primitive surface (box, frustum, ellipsoid, torus) placed in shape coordinates. */
interface Part {

    /** @return the surface area, used to share points across parts in proportion to size */
    double area();

    /**
     * Draws one point uniformly (with respect to area) from the surface.
     *
     * @param rng the shape's random source
     * @param out receives the point's shape coordinates in out[0..2]
     */
    void sample(SeededRandom rng, double[] out);
}
