package io.recon4j.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.PointCloud;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The mesh rasteriser: framing, coverage of a known face, two-sided faces, z-buffer, shading, determinism. */
@Tag("fast")
class MeshRendererTest {

    /** The axis-aligned cube [-s, s]³ plus an offset, 12 triangles (winding deliberately mixed). */
    static Mesh cube(float s, float offset) {
        float[] v = new float[24];
        for (int i = 0; i < 8; i++) {
            v[3 * i] = ((i & 1) == 0 ? -s : s) + offset;
            v[3 * i + 1] = ((i & 2) == 0 ? -s : s) + offset;
            v[3 * i + 2] = ((i & 4) == 0 ? -s : s) + offset;
        }
        int[] f = {0, 1, 3, 0, 3, 2, 4, 7, 5, 4, 6, 7, 0, 4, 5, 0, 5, 1, 2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3};
        return new Mesh(new PointCloud(v), f);
    }

    static RenderConfig mesh(int size, int views, double elevation, double azimuth) {
        return new RenderConfig(size, views, elevation, azimuth, 1, RenderConfig.Axis.Y, RenderConfig.Mode.MESH);
    }

    @Test
    void aCubeSeenHeadOnCoversItsProjectedSquareInOneShade() {
        // Head-on (azimuth 0, elevation 0) the cube is the square of half-side s/(s·√3) = 1/√3 in the unit frame.
        DepthImage img = new MeshRenderer(mesh(105, 1, 0, 0)).render(cube(2f, 0f)).get(0);
        double half = 1 / Math.sqrt(3) / DepthRenderer.EXTENT * 105 / 2;
        int inside = 0;
        Set<Float> shades = new HashSet<>();
        for (int y = 0; y < 105; y++) {
            for (int x = 0; x < 105; x++) {
                double dx = Math.abs(x + 0.5 - 52.5);
                double dy = Math.abs(y + 0.5 - 52.5);
                float p = img.get(x, y);
                if (dx < half - 1.5 && dy < half - 1.5) {
                    inside++;
                    shades.add(p);
                } else if (dx > half + 1.5 || dy > half + 1.5) {
                    assertEquals(DepthRenderer.BACKGROUND, p, 0f, "background at " + x + "," + y);
                }
            }
        }
        assertTrue(inside > 1000);
        assertEquals(Set.of(DepthRenderer.brightness(0, 0, 1)), shades, "one flat front face, lit as a +z normal");
    }

    @Test
    void framingIgnoresPositionAndScaleAndFacesAreTwoSided() {
        RenderConfig cfg = mesh(64, 2, 30, 45);
        List<DepthImage> a = new MeshRenderer(cfg).render(cube(1f, 0f));
        List<DepthImage> b = new MeshRenderer(cfg).render(cube(250f, 1e4f));
        assertEquals(2, a.size());
        for (int v = 0; v < 2; v++) {
            assertArrayEquals(a.get(v).pixels(), b.get(v).pixels(), 1e-4f, "view " + v);
        }
        // The oblique view sees three faces, each lit differently; no face is dropped for its winding.
        Set<Integer> shades = new HashSet<>();
        for (float p : a.get(0).pixels()) {
            if (p != DepthRenderer.BACKGROUND) {
                shades.add(Math.round(p * 1000));
            }
        }
        assertTrue(shades.size() >= 3, "three visible faces, got shades " + shades);
    }

    @Test
    void theNearerFaceWins() {
        // Two parallel squares facing the camera: a small near one in front of a large far one.
        float[] v = {-1, -1, -0.5f, 1, -1, -0.5f, 1, 1, -0.5f, -1, 1, -0.5f,
            -0.3f, -0.3f, 0.5f, 0.3f, -0.3f, 0.5f, 0.3f, 0.3f, 0.5f, -0.3f, 0.3f, 0.5f};
        // The far square is tilted by giving one corner another depth, so the two shade differently.
        v[8] = -0.9f;
        int[] f = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
        DepthImage img = new MeshRenderer(mesh(64, 1, 0, 0)).render(new Mesh(new PointCloud(v), f)).get(0);
        float centre = img.get(32, 32);
        assertEquals(DepthRenderer.brightness(0, 0, 1), centre, 1e-6f, "the near square is in front at the centre");
        int farCorner = 14;
        assertNotEquals(centre, img.get(farCorner, farCorner), "the far square shows around it");
        assertNotEquals(DepthRenderer.BACKGROUND, img.get(farCorner, farCorner));
    }

    @Test
    void refusesPointModesAndEmptyMeshes() {
        RenderConfig shaded = mesh(32, 1, 0, 0).withMode(RenderConfig.Mode.SHADED);
        assertThrows(IllegalArgumentException.class, () -> new MeshRenderer(shaded));
        assertThrows(IllegalArgumentException.class, () -> new DepthRenderer(mesh(32, 1, 0, 0)));
        Mesh empty = new Mesh(new PointCloud(new float[] {0, 0, 0, 1, 1, 1}), new int[0]);
        assertThrows(IllegalArgumentException.class, () -> new MeshRenderer(mesh(32, 1, 0, 0)).render(empty));
        assertEquals(RenderConfig.Mode.MESH, RenderConfig.Mode.parse("Mesh"));
        assertTrue(mesh(32, 1, 0, 0).key().contains("MESH"));
    }
}
