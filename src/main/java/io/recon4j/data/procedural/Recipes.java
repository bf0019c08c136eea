package io.recon4j.data.procedural;

/**
 * One recipe per category: which parts a shape is made of and how their proportions vary. Shapes
 * are built in their own units (metres, roughly) with y up, the floor at y = 0 and the front
 * towards +z; pose, scale and normalisation are applied afterwards by {@link ShapeGenerator}.
 * Similar categories (table/desk/stool, mug/cup/bowl, bottle/vase/rocket, bed/sofa) deliberately
 * overlap in their parameter ranges.
 */
final class Recipes {

    private Recipes() {
    }

    /** Fuselage ellipsoid + swept wing pair + tail plane pair + fin + optional engines. */
    static void airplane(ShapeBuilder b, SeededRandom r) {
        double length = r.uniform(2.0, 3.0);
        double radius = length * r.uniform(0.045, 0.075);
        b.add(new Ellipsoid(Frame.at(0, 0, 0), radius, radius, length / 2));
        double span = length * r.uniform(0.8, 1.2);
        double chord = length * r.uniform(0.10, 0.18);
        double wingZ = length * r.uniform(-0.05, 0.12);
        double wingY = radius * r.uniform(-0.6, 0.3);
        double sweep = r.uniform(0, 0.5);
        wingPair(b, wingZ, wingY, span, chord, radius * 0.25, sweep);
        double tailZ = -length * 0.42;
        if (b.present()) {
            wingPair(b, tailZ, radius * 0.2, span * r.uniform(0.25, 0.4), chord * 0.6, radius * 0.2, sweep);
        }
        if (b.present()) {
            double finHeight = radius * r.uniform(2.0, 3.5);
            b.box(Frame.pitched(0, radius + finHeight / 2, tailZ, 0.35), radius * 0.2, finHeight, chord * 0.7);
        }
        if (r.chance(0.6)) {
            int perSide = r.chance(0.3) ? 2 : 1;
            for (int i = 1; i <= perSide; i++) {
                for (int side = -1; side <= 1; side += 2) {
                    double x = side * span * 0.5 * i / (perSide + 1.5);
                    double z = wingZ + chord * 0.4 - Math.abs(x) * StrictMath.tan(sweep);
                    if (b.present()) {
                        b.rod(new double[] {x, wingY - radius * 0.8, z - chord * 0.6},
                                new double[] {x, wingY - radius * 0.8, z + chord * 0.4}, radius * 0.45);
                    }
                }
            }
        }
    }

    /** Bed frame on short legs + mattress + headboard + optional footboard and pillows. */
    static void bed(ShapeBuilder b, SeededRandom r) {
        double width = r.uniform(0.9, 1.9);
        double length = r.uniform(1.9, 2.2);
        double legHeight = r.uniform(0.05, 0.15);
        double frameTop = legHeight + r.uniform(0.15, 0.3);
        double mattressTop = frameTop + r.uniform(0.15, 0.3);
        b.cornerPosts(width / 2 - 0.05, length / 2 - 0.05, 0, legHeight, 0.06, r.chance(0.7));
        b.box(0, (legHeight + frameTop) / 2, 0, width, frameTop - legHeight, length);
        b.box(0, (frameTop + mattressTop) / 2, 0.02, width * 0.96, mattressTop - frameTop, length * 0.96);
        double boardT = r.uniform(0.04, 0.08);
        double headTop = r.uniform(0.8, 1.3);
        b.box(0, headTop / 2, -length / 2 - boardT / 2, width + 0.04, headTop, boardT);
        if (r.chance(0.4)) {
            double footTop = mattressTop + r.uniform(-0.1, 0.15);
            b.box(0, footTop / 2, length / 2 + boardT / 2, width + 0.04, footTop, boardT);
        }
        if (r.chance(0.7)) {
            int pillows = width > 1.3 ? 2 : 1;
            for (int i = 0; i < pillows; i++) {
                double x = pillows == 1 ? 0 : (i - 0.5) * width * 0.5;
                b.add(new Ellipsoid(Frame.at(x, mattressTop + 0.05, -length / 2 + 0.25),
                        width / pillows * 0.4, 0.06, 0.18));
            }
        }
    }

    /** Body cylinder + shoulder cone + neck cylinder + optional cap. */
    static void bottle(ShapeBuilder b, SeededRandom r) {
        double radius = r.uniform(0.03, 0.05);
        double bodyHeight = radius * r.uniform(3, 6);
        double shoulder = radius * r.uniform(0.4, 1.6);
        double neckRadius = radius * r.uniform(0.25, 0.45);
        double neckHeight = radius * r.uniform(0.8, 2.5);
        boolean capped = b.present();
        b.frustum(0, 0, 0, radius, radius, bodyHeight, true, false);
        b.frustum(0, bodyHeight, 0, radius, neckRadius, shoulder, false, false);
        b.frustum(0, bodyHeight + shoulder, 0, neckRadius, neckRadius, neckHeight, false, !capped);
        if (capped) {
            b.frustum(0, bodyHeight + shoulder + neckHeight, 0, neckRadius * 1.15, neckRadius * 1.15,
                    neckRadius * r.uniform(1, 2), true, true);
        }
    }

    /** Lower part of an ellipsoid (open top) + optional foot ring. */
    static void bowl(ShapeBuilder b, SeededRandom r) {
        double radius = r.uniform(0.07, 0.15);
        double depth = radius * r.uniform(0.4, 0.85);
        b.add(new Ellipsoid(Frame.at(0, depth, 0), radius, depth, radius, -1, r.uniform(-0.1, 0.15)));
        if (r.chance(0.6)) {
            double foot = radius * r.uniform(0.3, 0.45);
            b.frustum(0, -0.012, 0, foot, foot * 1.05, 0.015, false, false);
        }
    }

    /** Lower body box + cabin box + four wheels + optional spoiler. */
    static void car(ShapeBuilder b, SeededRandom r) {
        double length = r.uniform(3.6, 4.8);
        double width = r.uniform(1.6, 1.9);
        double wheel = r.uniform(0.28, 0.36);
        double bodyBottom = wheel * r.uniform(0.5, 0.8);
        double bodyHeight = r.uniform(0.45, 0.7);
        double bodyTop = bodyBottom + bodyHeight;
        b.box(0, bodyBottom + bodyHeight / 2, 0, width, bodyHeight, length);
        if (b.present()) {
            double cabinHeight = r.uniform(0.4, 0.55);
            double cabinLength = length * r.uniform(0.4, 0.6);
            b.box(0, bodyTop + cabinHeight / 2, length * r.uniform(-0.2, 0.05),
                    width * r.uniform(0.8, 0.95), cabinHeight, cabinLength);
        }
        double axle = length * r.uniform(0.3, 0.36);
        for (int sx = -1; sx <= 1; sx += 2) {
            for (int sz = -1; sz <= 1; sz += 2) {
                if (b.present()) {
                    b.rod(new double[] {sx * (width / 2 - 0.2), wheel, sz * axle},
                            new double[] {sx * (width / 2 + 0.02), wheel, sz * axle}, wheel);
                }
            }
        }
        if (r.chance(0.15)) {
            b.box(0, bodyTop + 0.12, -length / 2 + 0.1, width * 0.9, 0.03, 0.25);
        }
    }

    /** Square seat + four legs + (usually) a tilted back plate + optional arm rests. */
    static void chair(ShapeBuilder b, SeededRandom r) {
        double width = r.uniform(0.4, 0.55);
        double depth = r.uniform(0.38, 0.52);
        double seatY = r.uniform(0.4, 0.5);
        double seatT = r.uniform(0.03, 0.07);
        double legW = r.uniform(0.025, 0.05);
        b.box(0, seatY - seatT / 2, 0, width, seatT, depth);
        b.cornerPosts(width / 2 - legW, depth / 2 - legW, 0, seatY - seatT, legW, r.chance(0.5));
        if (b.present()) {
            double backHeight = r.uniform(0.3, 0.6);
            double tilt = r.uniform(0, 0.25);
            b.box(Frame.pitched(0, seatY + StrictMath.cos(tilt) * backHeight / 2,
                    -depth / 2 + seatT / 2 - StrictMath.sin(tilt) * backHeight / 2, tilt),
                    width * r.uniform(0.85, 1.0), backHeight, seatT * 0.7);
        }
        if (r.chance(0.3)) {
            double armY = seatY + r.uniform(0.18, 0.25);
            for (int side = -1; side <= 1; side += 2) {
                double x = side * (width / 2 - legW / 2);
                b.box(x, armY, 0, legW, legW, depth);
                b.post(x, depth / 2 - legW, seatY, armY, legW, true);
            }
        }
    }

    /** Tapered open cup (wider at the top) + rarely a small handle or a saucer. */
    static void cup(ShapeBuilder b, SeededRandom r) {
        double bottom = r.uniform(0.022, 0.035);
        double top = bottom * r.uniform(1.0, 1.7);
        double height = r.uniform(0.07, 0.12);
        b.frustum(0, 0, 0, bottom, top, height, true, false);
        if (r.chance(0.25)) {
            handle(b, (bottom + top) / 2, height / 2, height * r.uniform(0.2, 0.3), r.uniform(0.004, 0.007));
        }
        if (r.chance(0.3)) {
            b.disk(0, -0.006, 0, top * r.uniform(1.5, 2.0), 0.006);
        }
    }

    /** Desk top + drawer pedestal on one side + pedestal, panel or legs on the other + modesty panel. */
    static void desk(ShapeBuilder b, SeededRandom r) {
        double width = r.uniform(1.0, 1.6);
        double depth = r.uniform(0.5, 0.75);
        double topY = r.uniform(0.7, 0.78);
        double topT = r.uniform(0.025, 0.05);
        double under = topY - topT;
        b.box(0, topY - topT / 2, 0, width, topT, depth);
        double pedestal = r.uniform(0.3, 0.45);
        b.box(width / 2 - pedestal / 2, under / 2, 0, pedestal, under, depth * 0.95);
        double otherX = -width / 2;
        double style = r.nextDouble();
        if (style < 0.35) {
            b.box(otherX + pedestal / 2, under / 2, 0, pedestal, under, depth * 0.95);
        } else if (style < 0.7) {
            b.box(otherX + 0.02, under / 2, 0, 0.04, under, depth * 0.95);
        } else {
            for (int sz = -1; sz <= 1; sz += 2) {
                if (b.present()) {
                    b.post(otherX + 0.04, sz * (depth / 2 - 0.04), 0, under, 0.05, r.chance(0.5));
                }
            }
        }
        if (r.chance(0.6)) {
            double panel = r.uniform(0.3, 0.5);
            b.box(0, under - panel / 2, -depth / 2 + 0.015, width * 0.9, panel, 0.02);
        }
    }

    /** Base disk + pole (sometimes with a bent arm) + open lamp shade. */
    static void lamp(ShapeBuilder b, SeededRandom r) {
        boolean floor = r.chance(0.5);
        double scale = floor ? 1.35 : 1.0;
        double poleHeight = floor ? r.uniform(1.2, 1.7) : r.uniform(0.3, 0.55);
        double baseR = r.uniform(0.08, 0.16) * scale;
        double baseT = r.uniform(0.02, 0.04);
        if (r.chance(0.3)) {
            b.box(0, baseT / 2, 0, baseR * 1.8, baseT, baseR * 1.8);
        } else {
            b.disk(0, 0, 0, baseR, baseT);
        }
        double poleR = r.uniform(0.01, 0.02) * scale;
        double[] top = {0, poleHeight, 0};
        b.rod(new double[] {0, baseT, 0}, top, poleR);
        if (r.chance(0.3)) {
            double[] end = {r.uniform(0.15, 0.4) * scale, poleHeight + r.uniform(-0.1, 0.2), 0};
            b.rod(top, end, poleR);
            top = end;
        }
        if (b.present()) {
            double shadeBottom = r.uniform(0.12, 0.25) * scale;
            double shadeHeight = r.uniform(0.15, 0.3) * scale;
            b.frustum(top[0], top[1] - 0.6 * shadeHeight, top[2], shadeBottom,
                    shadeBottom * r.uniform(0.45, 0.9), shadeHeight, false, false);
        }
    }

    /** Open straight cylinder + ring handle on the side. */
    static void mug(ShapeBuilder b, SeededRandom r) {
        double radius = r.uniform(0.035, 0.05);
        double height = r.uniform(0.08, 0.12);
        b.frustum(0, 0, 0, radius, radius * r.uniform(0.95, 1.08), height, true, false);
        if (b.present()) {
            handle(b, radius, height / 2, height * r.uniform(0.25, 0.38), r.uniform(0.006, 0.01));
        }
    }

    /** Tall cylinder + nose cone or dome + 3–4 radial fins + optional nozzle and boosters. */
    static void rocket(ShapeBuilder b, SeededRandom r) {
        double radius = r.uniform(0.08, 0.14);
        double height = radius * r.uniform(6, 11);
        double base = radius * r.uniform(0.3, 0.6);
        b.frustum(0, base, 0, radius, radius, height, false, false);
        double noseHeight = radius * r.uniform(1.5, 3.5);
        if (r.chance(0.6)) {
            b.frustum(0, base + height, 0, radius, 0, noseHeight, false, false);
        } else {
            b.add(new Ellipsoid(Frame.at(0, base + height, 0), radius, noseHeight, radius, 0, 1));
        }
        int fins = r.chance(0.5) ? 3 : 4;
        double finHeight = radius * r.uniform(1.5, 3);
        double finSpan = radius * r.uniform(0.8, 1.6);
        double phase = r.uniform(0, Math.PI);
        for (int i = 0; i < fins; i++) {
            double angle = phase + 2 * Math.PI * i / fins;
            double reach = radius + finSpan / 2;
            if (b.present()) {
                b.box(Frame.yawed(reach * StrictMath.cos(angle), base + finHeight / 2, reach * StrictMath.sin(angle),
                        -angle), finSpan, finHeight, radius * 0.1);
            }
        }
        if (r.chance(0.7)) {
            b.frustum(0, 0, 0, radius * 0.8, radius * 0.55, base, false, false);
        }
        if (r.chance(0.3)) {
            for (int side = -1; side <= 1; side += 2) {
                double x = side * radius * 1.5;
                b.rod(new double[] {x, base, 0}, new double[] {x, base + height * 0.5, 0}, radius * 0.45);
                b.frustum(x, base + height * 0.5, 0, radius * 0.45, 0, radius, false, false);
            }
        }
    }

    /** Two side panels + top and bottom boards + 1–4 shelves + optional back panel. */
    static void shelf(ShapeBuilder b, SeededRandom r) {
        double width = r.uniform(0.6, 1.2);
        double height = r.uniform(0.9, 2.0);
        double depth = r.uniform(0.25, 0.4);
        double t = r.uniform(0.015, 0.03);
        for (int side = -1; side <= 1; side += 2) {
            b.box(side * (width / 2 - t / 2), height / 2, 0, t, height, depth);
        }
        int boards = 2 + 1 + r.nextInt(4);
        for (int i = 0; i < boards; i++) {
            boolean outer = i == 0 || i == boards - 1;
            if (outer || b.present()) {
                b.box(0, t / 2 + (height - t) * i / (boards - 1), 0, width - 2 * t, t, depth);
            }
        }
        if (r.chance(0.6)) {
            b.box(0, height / 2, -depth / 2 + t / 4, width, height, t / 2);
        }
    }

    /** Seat base + seat cushions + back block + two arm blocks + optional short legs. */
    static void sofa(ShapeBuilder b, SeededRandom r) {
        double width = r.uniform(1.4, 2.4);
        double depth = r.uniform(0.75, 1.0);
        double seatY = r.uniform(0.38, 0.48);
        double cushion = r.uniform(0.08, 0.15);
        double backTop = r.uniform(0.7, 0.95);
        double backT = r.uniform(0.15, 0.25);
        double armTop = r.uniform(0.5, 0.7);
        double armT = r.uniform(0.1, 0.25);
        double legs = r.chance(0.6) ? r.uniform(0.05, 0.15) : 0;
        if (legs > 0) {
            b.cornerPosts(width / 2 - 0.05, depth / 2 - 0.05, 0, legs, 0.05, r.chance(0.5));
        }
        double inner = width - 2 * armT;
        b.box(0, (legs + seatY - cushion) / 2, 0, inner, seatY - cushion - legs, depth);
        int cushions = 2 + r.nextInt(2);
        for (int i = 0; i < cushions; i++) {
            if (b.present()) {
                b.box(-inner / 2 + inner * (i + 0.5) / cushions, seatY - cushion / 2, backT / 2,
                        inner / cushions * 0.97, cushion, depth - backT);
            }
        }
        b.box(0, (legs + backTop) / 2, -depth / 2 + backT / 2, width, backTop - legs, backT);
        for (int side = -1; side <= 1; side += 2) {
            if (b.present()) {
                b.box(side * (width / 2 - armT / 2), (legs + armTop) / 2, 0, armT, armTop - legs, depth);
            }
        }
    }

    /** Round or square seat + 3–4 splayed legs + optional foot ring + rarely a low back. */
    static void stool(ShapeBuilder b, SeededRandom r) {
        double seatY = r.uniform(0.45, 0.8);
        double seatR = r.uniform(0.15, 0.22);
        double seatT = r.uniform(0.03, 0.06);
        if (r.chance(0.6)) {
            b.disk(0, seatY - seatT, 0, seatR, seatT);
        } else {
            b.box(0, seatY - seatT / 2, 0, 1.8 * seatR, seatT, 1.8 * seatR);
        }
        int legs = r.chance(0.4) ? 3 : 4;
        double legR = r.uniform(0.012, 0.022);
        double splay = r.uniform(1.0, 1.35);
        double top = 0.75 * seatR;
        for (int i = 0; i < legs; i++) {
            double angle = Math.PI / 4 + 2 * Math.PI * i / legs;
            double c = StrictMath.cos(angle);
            double s = StrictMath.sin(angle);
            if (b.present()) {
                b.rod(new double[] {top * splay * c, 0, top * splay * s},
                        new double[] {top * c, seatY - seatT, top * s}, legR);
            }
        }
        if (r.chance(0.5)) {
            double ringY = seatY * r.uniform(0.25, 0.4);
            double ringR = top * (splay - (splay - 1) * ringY / seatY);
            b.add(new Torus(Frame.at(0, ringY, 0), ringR, legR * 0.7, 0, 2 * Math.PI));
        }
        if (r.chance(0.12)) {
            double backHeight = r.uniform(0.12, 0.25);
            b.box(0, seatY + backHeight / 2, -seatR * 0.85, seatR * 1.4, backHeight, 0.025);
        }
    }

    /**
     * Rectangular top on four legs (with optional apron) or a round top on a pedestal; some are
     * small square side tables, which overlap with stools and backless chairs.
     */
    static void table(ShapeBuilder b, SeededRandom r) {
        boolean sideTable = r.chance(0.15);
        double topY = sideTable ? r.uniform(0.45, 0.65) : r.uniform(0.65, 0.78);
        double topT = r.uniform(0.03, 0.06);
        double under = topY - topT;
        if (r.chance(0.25)) {
            double radius = r.uniform(0.4, 0.7);
            b.disk(0, under, 0, radius, topT);
            b.rod(new double[] {0, 0, 0}, new double[] {0, under, 0}, r.uniform(0.03, 0.06));
            b.disk(0, 0, 0, radius * r.uniform(0.35, 0.6), 0.03);
            return;
        }
        double width = sideTable ? r.uniform(0.4, 0.6) : r.uniform(0.8, 1.8);
        double depth = width * (sideTable ? r.uniform(0.85, 1.0) : r.uniform(0.45, 0.9));
        double legW = r.uniform(0.04, 0.08);
        b.box(0, topY - topT / 2, 0, width, topT, depth);
        b.cornerPosts(width / 2 - legW, depth / 2 - legW, 0, under, legW, r.chance(0.6));
        if (r.chance(0.5)) {
            double apron = r.uniform(0.06, 0.12);
            for (int side = -1; side <= 1; side += 2) {
                b.box(0, under - apron / 2, side * (depth / 2 - legW), width - 2 * legW, apron, 0.02);
                b.box(side * (width / 2 - legW), under - apron / 2, 0, 0.02, apron, depth - 2 * legW);
            }
        }
    }

    /** Bulb (an ellipsoid cut at top and bottom) + base disk + flaring neck; sometimes a slim taper. */
    static void vase(ShapeBuilder b, SeededRandom r) {
        double radius = r.uniform(0.05, 0.13);
        double neckTop;
        double neckRadius;
        if (r.chance(0.3)) {
            neckTop = radius * r.uniform(3, 6);
            neckRadius = radius * r.uniform(0.5, 0.8);
            b.frustum(0, 0, 0, radius * r.uniform(0.7, 1.0), neckRadius, neckTop, true, false);
        } else {
            double halfHeight = radius * r.uniform(0.7, 1.8);
            double lo = -r.uniform(0.75, 0.95);
            double hi = r.uniform(0.5, 0.9);
            b.add(new Ellipsoid(Frame.at(0, -lo * halfHeight, 0), radius, halfHeight, radius, lo, hi));
            b.disk(0, 0, 0, radius * StrictMath.sqrt(1 - lo * lo), 0.004);
            neckTop = (hi - lo) * halfHeight;
            neckRadius = radius * StrictMath.sqrt(1 - hi * hi);
        }
        b.frustum(0, neckTop, 0, neckRadius, neckRadius * r.uniform(1.0, 1.8), radius * r.uniform(0.4, 1.5),
                false, false);
    }

    /** A pair of flat wings (or tail planes) mirrored about x = 0, swept back by {@code sweep}. */
    private static void wingPair(ShapeBuilder b, double z, double y, double span, double chord, double thick,
            double sweep) {
        for (int side = -1; side <= 1; side += 2) {
            double half = span / 4; // centre of one wing, measured along its own axis
            double cx = side * half * StrictMath.cos(sweep);
            double cz = z - half * StrictMath.sin(sweep);
            if (b.present()) {
                b.box(Frame.yawed(cx, y, cz, side * sweep), span / 2, thick, chord);
            }
        }
    }

    /** A C-shaped handle (an arc of a torus standing in the x–y plane) on the +x side of a vessel. */
    private static void handle(ShapeBuilder b, double wallX, double centreY, double ring, double tube) {
        Frame upright = Frame.aligned(new double[] {wallX, centreY, 0}, new double[] {0, 0, 1},
                new double[] {1, 0, 0});
        b.add(new Torus(upright, ring, tube, -0.55 * Math.PI, 1.1 * Math.PI));
    }
}
