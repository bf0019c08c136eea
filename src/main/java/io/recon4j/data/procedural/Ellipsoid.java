package io.recon4j.data.procedural;

/**
 * An ellipsoid centred on its frame origin with semi-axes (a, b, c) along local (x, y, z), optionally
 * cut to a band of heights so it also makes bowls, vase bodies and domes. The band is given on the
 * unit sphere that is stretched into the ellipsoid: local y / b in [yLo, yHi] ⊆ [-1, 1].
 */
final class Ellipsoid implements Part {

    private static final int MAX_TRIES = 1000;

    private final Frame frame;
    private final double a;
    private final double b;
    private final double c;
    private final double yLo;
    private final double yHi;
    private final double minAxis;

    Ellipsoid(Frame frame, double a, double b, double c, double yLo, double yHi) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("ellipsoid semi-axes must be positive: " + a + ", " + b + ", " + c);
        }
        if (!(-1 <= yLo && yLo < yHi && yHi <= 1)) {
            throw new IllegalArgumentException("ellipsoid band [" + yLo + ", " + yHi + "] not within [-1, 1]");
        }
        this.frame = frame;
        this.a = a;
        this.b = b;
        this.c = c;
        this.yLo = yLo;
        this.yHi = yHi;
        this.minAxis = Math.min(a, Math.min(b, c));
    }

    /** Whole ellipsoid. */
    Ellipsoid(Frame frame, double a, double b, double c) {
        this(frame, a, b, c, -1, 1);
    }

    /** Thomsen's approximation (≤ 1.1% error) scaled by the band's share of the unit sphere. */
    @Override
    public double area() {
        double p = 1.6075;
        double ap = StrictMath.pow(a, p);
        double bp = StrictMath.pow(b, p);
        double cp = StrictMath.pow(c, p);
        double whole = 4 * Math.PI * StrictMath.pow((ap * bp + ap * cp + bp * cp) / 3, 1 / p);
        return whole * (yHi - yLo) / 2;
    }

    @Override
    public void sample(SeededRandom rng, double[] out) {
        double ux = 0;
        double uy = 0;
        double uz = 0;
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            // uniform on the unit-sphere band (Archimedes: uniform height), then correct for the
            // stretch: the ellipsoid's area element is abc * |(ux/a, uy/b, uz/c)| times the sphere's
            uy = rng.uniform(yLo, yHi);
            double ring = StrictMath.sqrt(Math.max(0, 1 - uy * uy));
            double angle = 2 * Math.PI * rng.nextDouble();
            ux = ring * StrictMath.cos(angle);
            uz = ring * StrictMath.sin(angle);
            double stretch = StrictMath.sqrt(ux * ux / (a * a) + uy * uy / (b * b) + uz * uz / (c * c));
            if (rng.nextDouble() * (1 / minAxis) < stretch) {
                break;
            }
        }
        frame.toShape(a * ux, b * uy, c * uz, out);
    }
}
