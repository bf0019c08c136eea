package io.recon4j.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.procedural.ProceduralShapes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point renderer: sizes, determinism, known silhouettes, z-buffer order, axes. */
@Tag("slow")
class DepthRendererTest {

    /** A dense square of side 1 in the plane z = 0, centred at the origin. */
    static PointCloud square() {
        int n = 81;
        float[] xyz = new float[n * n * 3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = 3 * (i * n + j);
                xyz[k] = -0.5f + i / (float) (n - 1);
                xyz[k + 1] = -0.5f + j / (float) (n - 1);
            }
        }
        return new PointCloud(xyz);
    }

    static RenderConfig front(int size, int views) {
        return new RenderConfig(size, views, 0, 0, 1, RenderConfig.Axis.Y, RenderConfig.Mode.SILHOUETTE);
    }

    @Test
    void givesTheConfiguredNumberAndSizeOfViews() throws IOException {
        PointCloud cloud = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 0)).get(3).points();
        List<DepthImage> views = new DepthRenderer(RenderConfig.of(48, 5)).render(cloud);
        assertEquals(5, views.size());
        for (DepthImage v : views) {
            assertEquals(48, v.width());
            assertEquals(48, v.height());
            assertTrue(v.coverage() > 0.01 && v.coverage() < 0.9, "a shape covers part of the image: " + v.coverage());
        }
    }

    @Test
    void isDeterministic() throws IOException {
        PointCloud cloud = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(1, 0)).get(5).points();
        DepthRenderer r = new DepthRenderer(RenderConfig.of(64, 3));
        List<DepthImage> a = r.render(cloud);
        List<DepthImage> b = new DepthRenderer(RenderConfig.of(64, 3)).render(new PointCloud(cloud.xyz().clone()));
        for (int v = 0; v < 3; v++) {
            assertArrayEquals(a.get(v).pixels(), b.get(v).pixels(), 0f, "view " + v);
        }
        // Different viewpoints of an asymmetric shape differ.
        assertTrue(!java.util.Arrays.equals(a.get(0).pixels(), a.get(1).pixels()));
    }

    @Test
    void squareSeenFrontOnIsASquareAndEdgeOnIsALine() {
        // 84 px over [-1.05, 1.05]: 40 px per unit, so the square spans pixels 22..61 (plus the 1-px splat radius).
        DepthRenderer r = new DepthRenderer(front(84, 4));
        DepthImage faceOn = r.renderView(square(), 0);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                boolean inside = x >= 22 && x <= 61 && y >= 22 && y <= 61;
                boolean outside = x < 21 || x > 62 || y < 21 || y > 62;
                if (inside) {
                    assertEquals(1f, faceOn.get(x, y), "pixel " + x + "," + y + " inside the square");
                } else if (outside) {
                    assertEquals(0f, faceOn.get(x, y), "pixel " + x + "," + y + " outside the square");
                }
            }
        }
        // View 1 is 90° round the up axis: the square is seen edge-on, a vertical line 40 px tall and ~2 px wide.
        DepthImage edgeOn = r.renderView(square(), 1);
        int covered = 0;
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                if (edgeOn.get(x, y) > 0) {
                    covered++;
                    assertTrue(Math.abs(x - 41.5) <= 1.5 && y >= 21 && y <= 62, "edge-on pixel " + x + "," + y);
                }
            }
        }
        assertTrue(covered >= 40 * 2 && covered <= 42 * 3, "edge-on line covers " + covered + " pixels");
    }

    @Test
    void nearestPointWinsThePixelWhateverTheOrder() {
        RenderConfig c = new RenderConfig(21, 1, 0, 0, 1, RenderConfig.Axis.Y, RenderConfig.Mode.DEPTH);
        DepthRenderer r = new DepthRenderer(c);
        // Both points project to the image centre; z = 0.5 is nearer the camera than z = -0.5.
        float[] nearFirst = {0, 0, 0.5f, 0, 0, -0.5f};
        float[] farFirst = {0, 0, -0.5f, 0, 0, 0.5f};
        float expected = 0.2f + 0.8f * 0.75f;
        assertEquals(expected, r.renderView(new PointCloud(nearFirst), 0).get(10, 10), 1e-6f);
        assertEquals(expected, r.renderView(new PointCloud(farFirst), 0).get(10, 10), 1e-6f);
        assertEquals(0f, r.renderView(new PointCloud(nearFirst), 0).get(0, 0));
    }

    @Test
    void upAxisAndElevationPutTheTopOfTheShapeAtTheTopOfTheImage() {
        RenderConfig yUp = new RenderConfig(42, 1, 0, 0, 1, RenderConfig.Axis.Y, RenderConfig.Mode.SILHOUETTE);
        // A single point high on the up axis lands in the top rows (image y grows downwards).
        DepthImage a = new DepthRenderer(yUp).renderView(new PointCloud(new float[] {0, 0.9f, 0}), 0);
        DepthImage b = new DepthRenderer(yUp.withUp(RenderConfig.Axis.Z)).renderView(new PointCloud(new float[] {0, 0, 0.9f}), 0);
        assertArrayEquals(a.pixels(), b.pixels(), 0f);
        assertTrue(a.get(20, 2) > 0 && a.get(20, 39) == 0);
        // Seen from 60° above, a point on the near side (z > 0) of the floor moves down the image, one on the far side up.
        RenderConfig high = new RenderConfig(42, 1, 60, 0, 1, RenderConfig.Axis.Y, RenderConfig.Mode.SILHOUETTE);
        DepthImage near = new DepthRenderer(high).renderView(new PointCloud(new float[] {0, 0, 0.8f}), 0);
        DepthImage far = new DepthRenderer(high).renderView(new PointCloud(new float[] {0, 0, -0.8f}), 0);
        assertTrue(near.get(20, 34) > 0 && far.get(20, 7) > 0, "near below centre, far above it");
    }

    @Test
    void pngHasTheImageSizeAndTilesLayOutViews(@TempDir Path dir) throws IOException {
        List<DepthImage> views = new DepthRenderer(front(32, 3)).render(square());
        Path png = dir.resolve("views.png");
        DepthImage.tile(views, 2).writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(32 * 2 + 2, img.getWidth());
        assertEquals(32 * 2 + 2, img.getHeight());
        assertEquals(255, img.getRaster().getSample(16, 16, 0), "covered pixel of view 0 is white");
        assertEquals(0, img.getRaster().getSample(1, 1, 0), "background is black");
    }

    @Test
    void rejectsBadConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> RenderConfig.of(4, 1));
        assertThrows(IllegalArgumentException.class, () -> RenderConfig.of(64, 0));
        assertThrows(IllegalArgumentException.class, () -> new RenderConfig(64, 1, 95, 0, 1, RenderConfig.Axis.Y,
                RenderConfig.Mode.DEPTH));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderConfig.Axis.parse("x"));
        assertTrue(e.getMessage().contains("'x'"));
        assertThrows(IllegalArgumentException.class, () -> new DepthRenderer(RenderConfig.of(64, 2)).renderView(square(), 2));
    }
}
