package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import io.recon4j.render.DepthImage;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature-spread diagnostic and --img-standardize, on a teacher whose features barely vary (as a young CAE's do). */
@Tag("fast")
class TeacherSpreadTest {

    static final ProceduralShapes DATA = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(2, 1).withNumPoints(128));

    /** Features (5 + 1e-3·coverage, 3, −1e-3·coverage): one constant dimension, two that vary by a hair. */
    static final class NearlyConstant implements ImageTeacher {
        @Override
        public String identity() {
            return "nearly-constant-test-teacher";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public ImageInput input() {
            return new ImageInput(16, 1, new float[] {0.5f}, new float[] {0.5f});
        }

        @Override
        public float[] embed(List<DepthImage> views) {
            double c = views.get(0).coverage();
            return new float[] {(float) (5 + 1e-3 * c), 3f, (float) (-1e-3 * c)};
        }
    }

    @Test
    void spreadFlagsAConstantTeacherAndStandardizingRestoresUnitVariance(@TempDir Path dir) throws IOException {
        DistillationTargets t = DistillationTargets.prepare(DATA, null, new NearlyConstant(), RenderConfig.of(16, 1),
                FeatureCache.at(dir));
        assertNull(t.textSpread());
        DistillationTargets.Spread s = t.imageSpread();
        assertTrue(s.meanAbs() > 2.5 && s.relative() < 0.01, s.toString());

        DistillationTargets z = t.withStandardizedImages();
        assertEquals(t.imageIdentity() + "|standardized", z.imageIdentity());
        int n = DATA.size();
        double[] mean = new double[3];
        double[] sq = new double[3];
        for (int i = 0; i < n; i++) {
            float[] raw = t.imageFeature(i);
            float[] f = z.imageFeature(i);
            for (int d = 0; d < 3; d++) {
                mean[d] += f[d] / n;
                sq[d] += f[d] * f[d] / n;
            }
            // an increasing map per dimension: the order of shapes is kept
            for (int j = 0; j < n; j++) {
                assertEquals(Float.compare(raw[0], t.imageFeature(j)[0]), Float.compare(f[0], z.imageFeature(j)[0]));
            }
            assertEquals(0f, f[1], 0f, "a constant dimension becomes 0");
        }
        for (int d : new int[] {0, 2}) {
            assertEquals(0, mean[d], 1e-5, "mean of dim " + d);
            assertEquals(1, sq[d], 1e-3, "variance of dim " + d);
        }
        assertTrue(z.imageSpread().relative() > 0.5, z.imageSpread().toString());
        DistillationTargets none = DistillationTargets.prepare(DATA, null, null, null, FeatureCache.at(dir));
        assertSame(none, none.withStandardizedImages());
    }

    @Test
    void spreadReportWarnsOnlyAboutANearlyConstantUnstandardisedTarget() {
        DistillationTargets.Spread flat = new DistillationTargets.Spread(1.0, 0.001);
        List<String> warned = flat.report("image", false);
        assertEquals(2, warned.size(), warned.toString());
        assertTrue(warned.get(0).startsWith("image teacher features over the training set: mean |x| 1.000"), warned.get(0));
        assertTrue(warned.get(1).contains("barely vary") && warned.get(1).endsWith("(see --img-standardize)"), warned.get(1));
        assertEquals(1, flat.report("image", true).size(), "standardised features are not warned about");
        assertTrue(flat.report("image", true).get(0).endsWith("; standardised per dimension (--img-standardize)"));
        List<String> text = flat.report("text", false);
        assertTrue(text.get(1).endsWith("carries little signal"), "only the image teacher points at --img-standardize: " + text);
        assertEquals(1, new DistillationTargets.Spread(1.0, 0.5).report("text", false).size());
    }
}
