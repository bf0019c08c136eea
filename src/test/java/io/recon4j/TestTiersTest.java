package io.recon4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class belongs to a tier (README "Contributing"), so {@code -Dgroups=fast} runs all the quick tests:
 * {@code fast} (seconds, no ../shared, no training loop) and no other tier; or one or more of {@code slow}
 * (seconds of compute, no training loop), {@code train} (runs a training loop), {@code fixture} (official fixtures in
 * ../shared/fixtures), {@code shared} (data or teachers outside the checkout), {@code cli} (runs recon commands),
 * {@code browser} (headless Chromium).
 */
@Tag("fast")
class TestTiersTest {

    static final Set<String> TIERS = Set.of("fast", "slow", "train", "fixture", "shared", "cli", "browser");
    static final Path SOURCES = Path.of("src", "test", "java");
    private static final Pattern TEST = Pattern.compile("^\\s*@(Test|ParameterizedTest|RepeatedTest)\\b", Pattern.MULTILINE);
    private static final Pattern CLASS_TAG = Pattern.compile("^@Tag\\(\"([^\"]*)\"\\)\\s*$", Pattern.MULTILINE);
    /** How test sources reach ../shared: the path itself or the fixture helpers of the geometry and pth tests. */
    private static final Pattern READS_SHARED = Pattern.compile(
            "\"\\.\\./shared|Path\\.of\\(\"\\.\\.\", \"shared\"|TestData\\.(fixture|modelNet)|PthTestSupport\\.fixture|\\bfixture\\(\"");

    @Test
    void everyTestClassHasATierAndFastStandsAlone() throws IOException {
        List<String> problems = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = Files.readString(f);
                if (!TEST.matcher(src).find()) {
                    continue;
                }
                classes++;
                List<String> tags = new ArrayList<>();
                Matcher m = CLASS_TAG.matcher(src);
                while (m.find()) {
                    tags.add(m.group(1));
                }
                if (tags.isEmpty()) {
                    problems.add(f + ": no class-level @Tag");
                } else if (!TIERS.containsAll(tags)) {
                    problems.add(f + ": unknown tier in " + tags + ", expected some of " + TIERS);
                } else if (tags.contains("fast") && tags.size() > 1) {
                    problems.add(f + ": fast excludes the other tiers, got " + tags);
                } else if (tags.contains("fast") && READS_SHARED.matcher(src).find()) {
                    problems.add(f + ": reads ../shared, so it cannot be fast");
                }
            }
        }
        assertTrue(classes > 100, "found only " + classes + " test classes under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), problems);
    }
}
