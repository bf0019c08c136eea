package io.recon4j.data.procedural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Surface membership, exact areas and area-uniformity of the part primitives. */
@Tag("fast")
class PartsTest {

    private static final int DRAWS = 40_000;
    /** Three standard errors of a proportion near 0.5 over {@link #DRAWS} draws, rounded up. */
    private static final double TOLERANCE = 0.008;

    @Test
    void boxPointsLieOnItsFacesInProportionToFaceArea() {
        Box box = new Box(Frame.at(1, 2, 3), 2, 4, 6);
        assertEquals(2 * (2 * 4 + 4 * 6 + 2 * 6), box.area(), 1e-12);
        double onX = fraction(box, p -> {
            double x = Math.abs(p[0] - 1);
            double y = Math.abs(p[1] - 2);
            double z = Math.abs(p[2] - 3);
            assertTrue(x <= 1 + 1e-12 && y <= 2 + 1e-12 && z <= 3 + 1e-12, "outside box");
            assertTrue(near(x, 1) || near(y, 2) || near(z, 3), "not on a face");
            return near(x, 1);
        });
        assertEquals(2 * 4 * 6 / box.area(), onX, TOLERANCE);
    }

    @Test
    void coneSideIsUniformAndCapsGetTheirAreaShare() {
        // cone of radius 1 at y = 0 to a tip at y = 1, bottom cap only
        Frustum cone = new Frustum(Frame.at(0, 0, 0), 1, 0, 1, true, true);
        double side = Math.PI * Math.sqrt(2);
        assertEquals(side + Math.PI, cone.area(), 1e-12);
        double onCap = fraction(cone, p -> {
            double r = Math.hypot(p[0], p[2]);
            if (near(p[1], 0) && r <= 1 + 1e-12) {
                return true;
            }
            assertEquals(1 - p[1], r, 1e-9, "not on the cone side");
            return false;
        });
        assertEquals(Math.PI / cone.area(), onCap, TOLERANCE);
        // uniform on the side: the lower half (by height) holds 3/4 of the side area
        double lowerHalf = fraction(new Frustum(Frame.at(0, 0, 0), 1, 0, 1, false, false), p -> p[1] < 0.5);
        assertEquals(0.75, lowerHalf, TOLERANCE);
    }

    @Test
    void rotatedCylinderRunsBetweenItsEndpoints() {
        ShapeBuilder b = new ShapeBuilder(new SeededRandom(1));
        double[] from = {1, 1, 1};
        double[] to = {2, 3, 3}; // length 3 along (1, 2, 2) / 3
        b.rod(from, to, 0.1);
        double[] xyz = b.sample(2000);
        for (int i = 0; i < xyz.length; i += 3) {
            double[] d = {xyz[i] - 1, xyz[i + 1] - 1, xyz[i + 2] - 1};
            double t = (d[0] + 2 * d[1] + 2 * d[2]) / 3;
            double radial = Math.sqrt(Math.max(0, d[0] * d[0] + d[1] * d[1] + d[2] * d[2] - t * t));
            assertTrue(t >= -1e-9 && t <= 3 + 1e-9, "beyond the ends: t = " + t);
            assertTrue(near(radial, 0.1) || near(t, 0) || near(t, 3), "not on the rod: radial " + radial);
            assertTrue(radial <= 0.1 + 1e-9);
        }
    }

    @Test
    void ellipsoidPointsSatisfyItsEquationAndAreAreaUniform() {
        double a = 1;
        double b = 3;
        Ellipsoid spheroid = new Ellipsoid(Frame.at(0, 0, 0), a, b, a);
        // the middle zone |y| < b/2 of a prolate spheroid, by numerical integration of
        // dA = 2π a sinθ sqrt(a² cos²θ + b² sin²θ) dθ for (x, y) = (a sinθ, b cosθ)
        double zone = 0;
        double whole = 0;
        int steps = 200_000;
        for (int k = 0; k < steps; k++) {
            double theta = Math.PI * (k + 0.5) / steps;
            double dA = 2 * Math.PI * a * Math.sin(theta)
                    * Math.sqrt(a * a * Math.cos(theta) * Math.cos(theta) + b * b * Math.sin(theta) * Math.sin(theta))
                    * Math.PI / steps;
            whole += dA;
            zone += Math.abs(b * Math.cos(theta)) < b / 2 ? dA : 0;
        }
        assertEquals(whole, spheroid.area(), 0.011 * whole); // Thomsen's bound
        double middle = fraction(spheroid, p -> {
            assertEquals(1, p[0] * p[0] / (a * a) + p[1] * p[1] / (b * b) + p[2] * p[2] / (a * a), 1e-9);
            return Math.abs(p[1]) < b / 2;
        });
        // uniform-in-height sampling without the stretch correction would give 0.5 here
        assertEquals(zone / whole, middle, TOLERANCE);
        assertEquals(4 * Math.PI * 4, new Ellipsoid(Frame.at(0, 0, 0), 2, 2, 2).area(), 1e-9);
    }

    @Test
    void ellipsoidBandKeepsOnlyItsHeights() {
        Ellipsoid bowl = new Ellipsoid(Frame.at(0, 5, 0), 2, 1, 2, -1, 0.2);
        assertEquals(4 * Math.PI * 4 * 0.6, new Ellipsoid(Frame.at(0, 0, 0), 2, 2, 2, -1, 0.2).area(), 1e-9);
        fraction(bowl, p -> {
            assertTrue(p[1] - 5 >= -1 - 1e-12 && p[1] - 5 <= 0.2 + 1e-12, "y " + p[1]);
            return true;
        });
        assertThrows(IllegalArgumentException.class, () -> new Ellipsoid(Frame.at(0, 0, 0), 1, 1, 1, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Ellipsoid(Frame.at(0, 0, 0), 1, 0, 1));
    }

    @Test
    void torusArcLiesOnTheTubeWithMoreAreaOutside() {
        double ring = 2;
        double tube = 0.5;
        Torus whole = new Torus(Frame.at(0, 0, 0), ring, tube, 0, 2 * Math.PI);
        assertEquals(4 * Math.PI * Math.PI * ring * tube, whole.area(), 1e-9);
        double outer = fraction(whole, p -> {
            double fromAxis = Math.hypot(p[0], p[2]);
            assertEquals(tube, Math.hypot(fromAxis - ring, p[1]), 1e-9, "not on the tube");
            return fromAxis > ring;
        });
        assertEquals((Math.PI * ring + 2 * tube) / (2 * Math.PI * ring), outer, TOLERANCE);
        Torus half = new Torus(Frame.at(0, 0, 0), ring, tube, -Math.PI / 2, Math.PI);
        assertEquals(whole.area() / 2, half.area(), 1e-9);
        fraction(half, p -> {
            assertTrue(p[0] >= -tube * 1e-9, "outside the arc: x " + p[0]);
            return true;
        });
    }

    @Test
    void framesAreRightHandedRotations() {
        double[] out = new double[3];
        Frame.yawed(1, 0, 0, Math.PI / 2).toShape(1, 0, 0, out);
        assertArray(new double[] {1, 0, -1}, out);
        Frame.pitched(0, 0, 0, Math.PI / 2).toShape(0, 1, 0, out);
        assertArray(new double[] {0, 0, -1}, out);
        Frame f = Frame.aligned(new double[] {0, 0, 0}, new double[] {0, 0, 5}, new double[] {1, 1, 0});
        f.toShape(1, 0, 0, out);
        assertArray(new double[] {Math.sqrt(0.5), Math.sqrt(0.5), 0}, out);
        f.toShape(0, 1, 0, out);
        assertArray(new double[] {0, 0, 1}, out);
        f.toShape(0, 0, 1, out); // x × y
        assertArray(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5), 0}, out);
        assertThrows(IllegalArgumentException.class,
                () -> Frame.aligned(new double[3], new double[] {0, 1, 0}, new double[] {0, 2, 0}));
    }

    @Test
    void seededRandomIsReproducibleAndKeysAllMatter() {
        SeededRandom a = new SeededRandom(SeededRandom.derive(1, 2, 3));
        SeededRandom b = new SeededRandom(SeededRandom.derive(1, 2, 3));
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        long base = SeededRandom.derive(1, 2, 3);
        assertNotEquals(base, SeededRandom.derive(0, 2, 3));
        assertNotEquals(base, SeededRandom.derive(1, 0, 3));
        assertNotEquals(base, SeededRandom.derive(1, 2, 4));
        assertNotEquals(base, SeededRandom.derive(3, 2, 1));
        SeededRandom r = new SeededRandom(9);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < DRAWS; i++) {
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1);
            double g = r.gaussian();
            sum += g;
            sumSq += g * g;
        }
        assertEquals(0, sum / DRAWS, 0.02);
        assertEquals(1, sumSq / DRAWS, 0.03);
    }

    @Test
    void builderDrawsExactlyNPointsAndOptionalPartsGoMissingAtTheStatedRate() {
        SeededRandom rng = new SeededRandom(4);
        ShapeBuilder b = new ShapeBuilder(rng);
        b.box(0, 0, 0, 1, 1, 1).box(5, 0, 0, 1, 1, 1);
        double[] xyz = b.sample(999);
        assertEquals(999 * 3, xyz.length);
        int missing = 0;
        for (int i = 0; i < DRAWS; i++) {
            missing += b.present() ? 0 : 1;
        }
        assertEquals(ShapeBuilder.MISSING_RATE, (double) missing / DRAWS, 0.004);
        assertThrows(IllegalStateException.class, () -> new ShapeBuilder(rng).sample(10));
    }

    private static double fraction(Part part, Predicate<double[]> test) {
        SeededRandom rng = new SeededRandom(12345);
        double[] p = new double[3];
        int hits = 0;
        for (int i = 0; i < DRAWS; i++) {
            part.sample(rng, p);
            hits += test.test(p) ? 1 : 0;
        }
        return (double) hits / DRAWS;
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    private static void assertArray(double[] expected, double[] actual) {
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], actual[c], 1e-12, "axis " + c);
        }
    }
}
