package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./recon} launcher when two start at once on stale sources: one builds, the other waits and runs the fresh
 * jar (two campaign lanes once raced, and one ran a half-written jar). {@code mvn} and {@code java} are fakes on the PATH.
 */
@Tag("fast")
class LauncherScriptTest {

    @Test
    void twoLaunchersOnStaleSourcesBuildOnceAndBothRunTheWholeJar(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("src/main"));
        Files.copy(Path.of("recon"), repo.resolve("recon"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Path builds = dir.resolve("builds.txt");
        // The fake build writes the jar in two halves a second apart: a launcher that does not wait sees half a jar.
        script(dir.resolve("bin/mvn"), "echo build >> '" + builds + "'\nmkdir -p target\n"
                + "echo first-half > target/recon4j-0.1.0-SNAPSHOT-cli.jar\nsleep 1\n"
                + "echo second-half >> target/recon4j-0.1.0-SNAPSHOT-cli.jar\n");
        // The fake JVM prints the jar it was given: the last argument before the launcher's own ones.
        script(dir.resolve("bin/java"), "for a; do [ \"$prev\" = -jar ] && cat \"$a\"; prev=\"$a\"; done\n");

        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(repo.resolve("recon").toString(), "--version").redirectErrorStream(true);
            pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
            launchers.add(pb.start());
        }
        for (Process p : launchers) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("first-half\nsecond-half\n", out.substring(out.indexOf("first-half")), "the whole jar, never half: " + out);
        }
        assertEquals(List.of("build"), Files.readAllLines(builds), "one build for two launchers");
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        file.toFile().setExecutable(true);
    }
}
