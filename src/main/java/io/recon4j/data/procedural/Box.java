package io.recon4j.data.procedural;

/** The six faces of a rectangular box centred on its frame origin: plates, seats, boards, bodies. */
final class Box implements Part {

    private final Frame frame;
    private final double hx;
    private final double hy;
    private final double hz;
    private final double areaX; // one face normal to x
    private final double areaY;
    private final double areaZ;

    /** @param sx size along local x (full, not half), likewise sy, sz; all positive */
    Box(Frame frame, double sx, double sy, double sz) {
        if (!(sx > 0 && sy > 0 && sz > 0)) {
            throw new IllegalArgumentException("box sizes must be positive: " + sx + ", " + sy + ", " + sz);
        }
        this.frame = frame;
        this.hx = sx / 2;
        this.hy = sy / 2;
        this.hz = sz / 2;
        this.areaX = sy * sz;
        this.areaY = sx * sz;
        this.areaZ = sx * sy;
    }

    @Override
    public double area() {
        return 2 * (areaX + areaY + areaZ);
    }

    @Override
    public void sample(SeededRandom rng, double[] out) {
        double pick = rng.nextDouble() * (areaX + areaY + areaZ);
        double side = rng.chance(0.5) ? 1 : -1;
        double a = rng.uniform(-1, 1);
        double b = rng.uniform(-1, 1);
        if (pick < areaX) {
            frame.toShape(side * hx, a * hy, b * hz, out);
        } else if (pick < areaX + areaY) {
            frame.toShape(a * hx, side * hy, b * hz, out);
        } else {
            frame.toShape(a * hx, b * hy, side * hz, out);
        }
    }
}
