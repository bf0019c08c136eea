package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.render.DepthImage;
import io.recon4j.render.DepthRenderer;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ZUpDatasetTest {

    @Test
    void turnsPointsAndNormalsFromZUpToYUp() {
        PointCloud c = new PointCloud(new float[] {1, 2, 3, -4, 5, -6},
                Map.of("nx", new float[] {0, 1}, "ny", new float[] {0, 0}, "nz", new float[] {1, 0}));
        PointCloud y = Transforms.zUpToYUp(c);
        assertArrayEquals(new float[] {1, 3, -2, -4, -6, -5}, y.xyz(), 0f);
        // The z-up normal (0,0,1) now points along +y; the x normal stays.
        assertArrayEquals(new float[] {0, 1}, y.field("nx"), 0f);
        assertArrayEquals(new float[] {1, 0}, y.field("ny"), 0f);
        assertArrayEquals(new float[] {0, 0}, y.field("nz"), 0f);
    }

    @Test
    void aZUpViewRendersAsTheRendererSeesZUpData() throws IOException {
        // Two independent conventions must agree: the renderer's "up z" and the dataset turned y-up.
        ProceduralShapes source = ProceduralShapes.test(ProceduralShapes.Config.defaults().withCounts(1, 1));
        ZUpDataset view = ZUpDataset.of(source);
        RenderConfig yUp = RenderConfig.of(32, 2);
        DepthRenderer zRenderer = new DepthRenderer(yUp.withUp(RenderConfig.Axis.Z));
        DepthRenderer yRenderer = new DepthRenderer(yUp);
        for (int i = 0; i < 3; i++) {
            List<DepthImage> expected = zRenderer.render(source.get(i).points());
            List<DepthImage> actual = yRenderer.render(view.get(i).points());
            for (int v = 0; v < expected.size(); v++) {
                assertArrayEquals(expected.get(v).pixels(), actual.get(v).pixels(), 1e-6f, "shape " + i + " view " + v);
            }
            assertEquals(source.get(i).label(), view.labelOf(i));
            assertEquals(source.idOf(i), view.get(i).id());
        }
        assertEquals(source.classNames(), view.classNames());
        assertEquals(source.size(), view.size());
        // Caches and reports keyed by the name never mix the two orientations.
        assertNotEquals(source.name(), view.name());
    }
}
