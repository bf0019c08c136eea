package io.recon4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.teacher.ImageInput;
import io.recon4j.teacher.Teachers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The package graph of src/main has no cycles (issue 15: train ↔ eval, teacher ↔ cae were the two). */
@Tag("fast")
class PackageCyclesTest {

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.recon4j\\.([a-z]+)\\.");

    /** @return for each top-level package under io.recon4j, the other top-level packages its sources name */
    static Map<String, Set<String>> graph(Path root) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        }
        return g;
    }

    @Test
    void topLevelPackagesFormNoCycle() throws IOException {
        Path root = Path.of("src/main/java/io/recon4j");
        assertTrue(Files.isDirectory(root), "run from the project root");
        Map<String, Set<String>> g = graph(root);
        List<String> cycles = new ArrayList<>();
        for (String a : g.keySet()) {
            for (String b : g.get(a)) {
                if (reaches(g, b, a, new TreeSet<>())) {
                    cycles.add(a + " -> " + b + " -> ... -> " + a);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles in " + g);
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : g.getOrDefault(from, Set.of())) {
            if (reaches(g, next, to, seen)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void caeContributesItsTeacherSchemeThroughServiceLoader() {
        // Loading fails on the missing file, not on an unknown scheme: the provider was found.
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> Teachers.image("cae:/no/such/cae.pth", ImageInput.imagenet(224), 0));
        assertTrue(!e.getMessage().contains("unknown"), e.getMessage());
    }
}
