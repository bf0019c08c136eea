package io.recon4j.data.procedural;

/**
 * A rigid placement of a part: an origin plus an orthonormal basis (ex, ey, ez) giving the
 * directions of the part's local x, y and z axes in shape coordinates (y is up).
 */
final class Frame {

    private final double[] origin;
    private final double[] ex;
    private final double[] ey;
    private final double[] ez;

    private Frame(double[] origin, double[] ex, double[] ey, double[] ez) {
        this.origin = origin;
        this.ex = ex;
        this.ey = ey;
        this.ez = ez;
    }

    /** @return an axis-aligned frame at (x, y, z) */
    static Frame at(double x, double y, double z) {
        return new Frame(new double[] {x, y, z}, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                new double[] {0, 0, 1});
    }

    /** @return a frame at (x, y, z) turned by {@code angle} radians about the vertical y axis */
    static Frame yawed(double x, double y, double z, double angle) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        return new Frame(new double[] {x, y, z}, new double[] {c, 0, -s}, new double[] {0, 1, 0},
                new double[] {s, 0, c});
    }

    /** @return a frame at (x, y, z) tipped by {@code angle} radians about the x axis (+y leans to -z) */
    static Frame pitched(double x, double y, double z, double angle) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        return new Frame(new double[] {x, y, z}, new double[] {1, 0, 0}, new double[] {0, c, -s},
                new double[] {0, s, c});
    }

    /**
     * @param origin the frame origin
     * @param yAxis the direction of local y (need not be unit length, must be non-zero)
     * @param xHint a direction not parallel to {@code yAxis}; local x is its part orthogonal to y
     * @return the frame
     */
    static Frame aligned(double[] origin, double[] yAxis, double[] xHint) {
        double[] y = unit(yAxis);
        double d = dot(xHint, y);
        double[] x = unit(new double[] {xHint[0] - d * y[0], xHint[1] - d * y[1], xHint[2] - d * y[2]});
        double[] z = {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
        return new Frame(origin.clone(), x, y, z);
    }

    /** Writes the shape coordinates of local point (lx, ly, lz) to out[0..2]. */
    void toShape(double lx, double ly, double lz, double[] out) {
        for (int c = 0; c < 3; c++) {
            out[c] = origin[c] + lx * ex[c] + ly * ey[c] + lz * ez[c];
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] unit(double[] v) {
        double n = StrictMath.sqrt(dot(v, v));
        if (!(n > 1e-12)) {
            throw new IllegalArgumentException("degenerate axis direction");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
