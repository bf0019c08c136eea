package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ClassSubsetTest {

    private static final ProceduralShapes SOURCE = ProceduralShapes.train(ProceduralShapes.Config.defaults().withCounts(3, 2));

    @Test
    void keepsOnlyTheNamedClassesRelabelledInTheGivenOrder() throws IOException {
        List<String> all = SOURCE.classNames();
        List<String> pick = List.of(all.get(5), all.get(2));
        ClassSubset subset = ClassSubset.of(SOURCE, pick);
        assertEquals(pick, subset.classNames());
        assertEquals(6, subset.size()); // 3 shapes per class
        int[] perLabel = new int[2];
        for (int i = 0; i < subset.size(); i++) {
            Sample s = subset.get(i);
            perLabel[s.label()]++;
            assertEquals(s.label(), subset.labelOf(i));
            // the sample is the source's sample of the class named at its new label
            int sourceIndex = indexOfId(s.id());
            assertEquals(pick.get(s.label()), all.get(SOURCE.labelOf(sourceIndex)));
        }
        assertEquals(3, perLabel[0]);
        assertEquals(3, perLabel[1]);
    }

    private static int indexOfId(String id) throws IOException {
        for (int i = 0; i < SOURCE.size(); i++) {
            if (SOURCE.idOf(i).equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no sample " + id);
    }

    @Test
    void refusesUnknownAndRepeatedClassesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(SOURCE, List.of("teapot")));
        assertTrue(e.getMessage().contains("'teapot'"), e.getMessage());
        String c = SOURCE.classNames().get(0);
        e = assertThrows(IllegalArgumentException.class, () -> ClassSubset.of(SOURCE, List.of(c, c)));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
}
