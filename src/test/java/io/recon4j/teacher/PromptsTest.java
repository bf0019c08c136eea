package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The official prompt lists and their order (ReCon CrossModal.py, release eb37728). */
@Tag("fast")
class PromptsTest {

    @Test
    void twentyPrefixesThreeSuffixesSixtyDistinctPrompts() {
        assertEquals(20, Prompts.PREFIXES.size());
        assertEquals(3, Prompts.SUFFIXES.size());
        List<String> all = Prompts.all("chair");
        assertEquals(60, all.size());
        assertEquals(60, new HashSet<>(all).size());
    }

    @Test
    void orderIsTheCodes() {
        // Zero-shot index j: prefix j % 20, suffix j / 20.
        assertEquals("chair.", Prompts.prompt("chair", 0));
        assertEquals("A chair.", Prompts.prompt("chair", 1));
        assertEquals("A model of chair.", Prompts.prompt("chair", 2));
        assertEquals("A model of a chair.", Prompts.prompt("chair", 3));
        assertEquals("A image of a chair.", Prompts.prompt("chair", 5));
        assertEquals("A 3D rendering image of a chair.", Prompts.prompt("chair", 19));
        assertEquals("chair with white background.", Prompts.prompt("chair", 20));
        assertEquals("A point cloud model of a chair with white background.", Prompts.prompt("chair", 33));
        assertEquals("night_stand with white context.", Prompts.prompt("night_stand", 40));
        assertEquals("A 3D rendering image of a chair with white context.", Prompts.prompt("chair", 59));
        assertEquals(List.of("", "A ", "A model of ", "A model of a ", "A image of ", "A image of a ", "A 3D model of ",
                "A 3D model of a ", "A rendering model of ", "A rendering model of a ", "A point cloud of ",
                "A point cloud of a ", "A point cloud model of ", "A point cloud model of a ", "A 3D rendering model of ",
                "A 3D rendering model of a ", "A rendering image of ", "A rendering image of a ", "A 3D rendering image of ",
                "A 3D rendering image of a "), Prompts.PREFIXES);
        assertThrows(IllegalArgumentException.class, () -> Prompts.prompt("chair", 60));
    }

    @Test
    void drawsAreSeededAndReachEveryPrompt() {
        Set<Integer> seen = new HashSet<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            int j = Prompts.draw(r);
            assertEquals(true, j >= 0 && j < 60);
            seen.add(j);
        }
        assertEquals(60, seen.size());
        assertEquals(Prompts.draw(new SplittableRandom(11)), Prompts.draw(new SplittableRandom(11)));
    }
}
