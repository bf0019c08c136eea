package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The built-in text teacher (all-MiniLM-L6-v2 from the langchain4j jar, offline). */
@Tag("fast")
class MiniLmTextTeacherTest {

    static final MiniLmTextTeacher TEACHER = new MiniLmTextTeacher();

    static double cosine(float[] a, float[] b) {
        double s = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }

    @Test
    void gives384UnitLengthFeaturesDeterministically() {
        float[] a = TEACHER.embed("A 3D model of a chair.");
        assertEquals(384, a.length);
        assertEquals(384, TEACHER.dimension());
        double norm = 0;
        for (float x : a) {
            norm += x * x;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-5, "mean pooling is followed by L2 normalisation");
        assertArrayEquals(a, TEACHER.embed("A 3D model of a chair."), 0f, "same prompt, same bits");
        assertArrayEquals(a, new MiniLmTextTeacher().embed("A 3D model of a chair."), 0f);
        assertTrue(cosine(a, TEACHER.embed("A 3D model of a table.")) < 0.99, "different prompts differ");
    }

    @Test
    void similarPromptsAreCloserThanUnrelatedOnes() {
        assertTrue(cosine(TEACHER.embed("chair."), TEACHER.embed("armchair."))
                > cosine(TEACHER.embed("chair."), TEACHER.embed("rocket.")) + 0.2);
        assertTrue(cosine(TEACHER.embed("A point cloud of a chair."), TEACHER.embed("A point cloud of a stool."))
                > cosine(TEACHER.embed("A point cloud of a chair."), TEACHER.embed("A point cloud of a bottle.")) + 0.05);
        // The same category in another template is closer than another category in the same template.
        assertTrue(cosine(TEACHER.embed("A 3D model of a chair."), TEACHER.embed("A rendering image of a chair with white background."))
                > cosine(TEACHER.embed("A 3D model of a chair."), TEACHER.embed("A 3D model of a airplane.")) + 0.05);
    }

    @Test
    void identityNamesModelAndPooling() {
        assertTrue(TEACHER.identity().contains("all-MiniLM-L6-v2") && TEACHER.identity().contains("mean-pool"));
        assertThrows(IllegalArgumentException.class, () -> TEACHER.embed(""));
    }
}
