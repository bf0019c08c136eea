package io.recon4j.data.procedural;

/**
 * A torus (or an arc of one) around local y: tube radius {@code tube} swept along a ring of radius
 * {@code ring} in the local x–z plane, over angles [start, start + sweep] measured from local +x
 * towards local +z. Makes handles, foot rests and rims.
 */
final class Torus implements Part {

    private static final int MAX_TRIES = 1000;

    private final Frame frame;
    private final double ring;
    private final double tube;
    private final double start;
    private final double sweep;

    Torus(Frame frame, double ring, double tube, double start, double sweep) {
        if (!(ring > 0 && tube > 0 && tube <= ring && sweep > 0 && sweep <= 2 * Math.PI)) {
            throw new IllegalArgumentException("bad torus ring " + ring + ", tube " + tube + " or sweep " + sweep);
        }
        this.frame = frame;
        this.ring = ring;
        this.tube = tube;
        this.start = start;
        this.sweep = sweep;
    }

    @Override
    public double area() {
        return sweep * ring * 2 * Math.PI * tube;
    }

    @Override
    public void sample(SeededRandom rng, double[] out) {
        double u = start + sweep * rng.nextDouble();
        double v = 0;
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            // the outer side of the tube is larger: accept v in proportion to its distance from the axis
            v = 2 * Math.PI * rng.nextDouble();
            if (rng.nextDouble() * (ring + tube) < ring + tube * StrictMath.cos(v)) {
                break;
            }
        }
        double r = ring + tube * StrictMath.cos(v);
        frame.toShape(r * StrictMath.cos(u), tube * StrictMath.sin(v), r * StrictMath.sin(u), out);
    }
}
