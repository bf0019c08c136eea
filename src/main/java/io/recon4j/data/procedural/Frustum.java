package io.recon4j.data.procedural;

/**
 * A truncated cone along local y from y = 0 (radius r0) to y = height (radius r1), with optional
 * flat caps. Covers cylinders (r0 = r1), cones (r1 = 0), lamp shades, cups and open tubes.
 */
final class Frustum implements Part {

    private final Frame frame;
    private final double r0;
    private final double r1;
    private final double height;
    private final double sideArea;
    private final double cap0Area;
    private final double cap1Area;

    Frustum(Frame frame, double r0, double r1, double height, boolean cap0, boolean cap1) {
        if (!(r0 >= 0 && r1 >= 0 && r0 + r1 > 0 && height > 0)) {
            throw new IllegalArgumentException("bad frustum radii " + r0 + ", " + r1 + " or height " + height);
        }
        this.frame = frame;
        this.r0 = r0;
        this.r1 = r1;
        this.height = height;
        double slant = StrictMath.sqrt(height * height + (r1 - r0) * (r1 - r0));
        this.sideArea = Math.PI * (r0 + r1) * slant;
        this.cap0Area = cap0 ? Math.PI * r0 * r0 : 0;
        this.cap1Area = cap1 ? Math.PI * r1 * r1 : 0;
    }

    @Override
    public double area() {
        return sideArea + cap0Area + cap1Area;
    }

    @Override
    public void sample(SeededRandom rng, double[] out) {
        double pick = rng.nextDouble() * area();
        double angle = 2 * Math.PI * rng.nextDouble();
        double u = rng.nextDouble();
        double y;
        double radius;
        if (pick < sideArea) {
            // height fraction t has density proportional to the radius r0 + (r1 - r0) t: invert its CDF
            double t = Math.abs(r1 - r0) < 1e-12 * (r0 + r1)
                    ? u
                    : (StrictMath.sqrt(r0 * r0 + (r1 * r1 - r0 * r0) * u) - r0) / (r1 - r0);
            y = t * height;
            radius = r0 + (r1 - r0) * t;
        } else {
            boolean bottom = pick < sideArea + cap0Area;
            y = bottom ? 0 : height;
            radius = (bottom ? r0 : r1) * StrictMath.sqrt(u); // uniform over the disk
        }
        frame.toShape(radius * StrictMath.cos(angle), y, radius * StrictMath.sin(angle), out);
    }
}
