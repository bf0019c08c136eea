package io.recon4j.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shaded and silhouette modes meant for photo-trained encoders: normals, closed surfaces, Lambertian light. */
@Tag("slow")
class ShadedRenderTest {

    /** N points spread evenly over the sphere of radius r (Fibonacci lattice). */
    static PointCloud sphere(int n, float r) {
        float[] xyz = new float[3 * n];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double y = 1 - 2 * (i + 0.5) / n;
            double rad = Math.sqrt(1 - y * y);
            xyz[3 * i] = (float) (r * rad * Math.cos(golden * i));
            xyz[3 * i + 1] = (float) (r * y);
            xyz[3 * i + 2] = (float) (r * rad * Math.sin(golden * i));
        }
        return new PointCloud(xyz);
    }

    static RenderConfig front(RenderConfig.Mode mode) {
        return new RenderConfig(112, 1, 0, 0, 1, RenderConfig.Axis.Y, mode);
    }

    @Test
    void pcaNormalsOfATiltedPlaneArePerpendicularToIt() {
        Random rnd = new Random(3);
        int n = 400;
        float[] xyz = new float[3 * n];
        // the plane x + 2y + 2z = 0, unit normal (1, 2, 2) / 3
        for (int i = 0; i < n; i++) {
            float a = rnd.nextFloat() - 0.5f;
            float b = rnd.nextFloat() - 0.5f;
            xyz[3 * i] = 2 * a;
            xyz[3 * i + 1] = b;
            xyz[3 * i + 2] = -a - b;
        }
        PointNormals s = PointNormals.estimate(new PointCloud(xyz), 16);
        for (int i = 0; i < n; i++) {
            double dot = (s.normals()[3 * i] + 2 * s.normals()[3 * i + 1] + 2 * s.normals()[3 * i + 2]) / 3.0;
            assertEquals(1.0, Math.abs(dot), 1e-4, "normal of point " + i);
        }
        assertTrue(s.spacing() > 0.02 && s.spacing() < 0.2, "spacing " + s.spacing());
    }

    @Test
    void shadedSphereIsALitDiscOnWhiteWithABrightUpperLeftAndADarkerLowerRight() {
        DepthImage img = new DepthRenderer(front(RenderConfig.Mode.SHADED)).renderView(sphere(2000, 0.8f), 0);
        assertEquals(DepthRenderer.BACKGROUND, img.get(2, 2), "background");
        assertEquals(DepthRenderer.BACKGROUND, img.get(109, 109), "background");
        // pixels inside the disc are never background: the splats close the surface
        int c = 56;
        int radiusPx = (int) (0.8 * 112 / 2.1);
        for (int y = c - radiusPx + 4; y <= c + radiusPx - 4; y++) {
            for (int x = c - radiusPx + 4; x <= c + radiusPx - 4; x++) {
                if ((x - c) * (x - c) + (y - c) * (y - c) < (radiusPx - 4) * (radiusPx - 4)) {
                    assertTrue(img.get(x, y) < DepthRenderer.BACKGROUND, "hole at " + x + "," + y);
                }
            }
        }
        float upperLeft = img.get(c - radiusPx / 2, c - radiusPx / 2);
        float lowerRight = img.get(c + radiusPx / 2, c + radiusPx / 2);
        assertTrue(upperLeft > lowerRight + 0.3f, "light from the upper left: " + upperLeft + " vs " + lowerRight);
        assertTrue(upperLeft <= DepthRenderer.ALBEDO + 1e-6f, "the surface stays below its albedo");
        assertTrue(lowerRight >= DepthRenderer.ALBEDO * DepthRenderer.AMBIENT - 1e-6f, "ambient light keeps it visible");
        // a smooth gradient: neighbouring pixels along the diagonal change little, the whole diagonal a lot
        float prev = img.get(c - radiusPx / 2, c - radiusPx / 2);
        for (int t = -radiusPx / 2 + 1; t <= radiusPx / 2; t++) {
            float v = img.get(c + t, c + t);
            assertTrue(Math.abs(v - prev) < 0.12f, "jump at " + t + ": " + prev + " -> " + v);
            prev = v;
        }
    }

    @Test
    void silhouetteIsBinaryAndClosed() {
        DepthImage img = new DepthRenderer(front(RenderConfig.Mode.SILHOUETTE)).renderView(sphere(2000, 0.8f), 0);
        int ones = 0;
        for (float p : img.pixels()) {
            assertTrue(p == 0f || p == 1f, "binary: " + p);
            ones += p == 1f ? 1 : 0;
        }
        // the projected disc of radius R, grown by at most the splat radius (~1 point spacing, 4 px here)
        double r = 0.8 * 112 / 2.1;
        assertTrue(ones >= 0.97 * Math.PI * r * r && ones <= Math.PI * (r + 6) * (r + 6), "covered " + ones);
        assertEquals(1f, img.get(56, 56));
    }

    @Test
    void shadingAndFillAreInTheCacheKey() {
        RenderConfig depth = RenderConfig.of(224, 2);
        String shaded = depth.withMode(RenderConfig.Mode.SHADED).key();
        assertNotEquals(depth.key(), shaded);
        assertTrue(shaded.contains("albedo=") && shaded.contains("light="), shaded);
        assertTrue(depth.withMode(RenderConfig.Mode.SILHOUETTE).key().contains("fill="));
        assertEquals(RenderConfig.Mode.SHADED, RenderConfig.Mode.parse(" Shaded "));
    }
}
