package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/data-scaling.sh once every fraction is done: nothing is trained or built again, and the table step hands
 * {@code recon scaling} each fraction's folder plus FULL as the 100% point. The launcher is a fake that records its
 * arguments.
 */
@Tag("fast")
class DataScalingScriptTest {

    @Test
    void finishedFractionsGoToTheTableWithTheFullPoint(@TempDir Path dir) throws Exception {
        Path repo = repo(dir);
        // Both fractions' mpm rows are in the ledger: SVM and 5 of 5 folds.
        for (String f : List.of("0.25", "0.5")) {
            Path ledger = repo.resolve("results/data-scaling-s2/fraction-" + f);
            write(ledger.resolve("svm-mpm/svm.md"), "linear SVM ...: test accuracy 85.00 %\n");
            write(ledger.resolve("fs-5w-mpm/fewshot.md"), "5-way 10-shot, 5 of 5 folds: 80.00 ± 1.00 %\n");
        }
        Path out = dir.resolve("runs/data-scaling-s2");
        Path full = dir.resolve("runs/claims-s2");
        Run r = run(dir, repo, Map.of("FULL", full.toString()));
        assertEquals(0, r.rc(), r.log());

        List<String> calls = Files.readAllLines(dir.resolve("recon-args.txt"));
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("--version") || c.startsWith("pretrain") || c.startsWith("fewshot")),
                "finished fractions build and train nothing: " + calls);
        assertEquals(List.of("scaling --point 0.25=" + out.resolve("fraction-0.25") + " --point 0.5=" + out.resolve("fraction-0.5")
                + " --point 1=" + full + " --methods mpm --way 5 --plot " + out.resolve("scaling.png")), calls);
        assertEquals("| a table |\n", Files.readString(out.resolve("scaling.md")));
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("scaling.md.")).toList(),
                    "the table's temporary file is renamed, not left behind");
        }
        assertTrue(Files.readString(out.resolve("fraction-0.5/timeline.txt")).contains("nothing to do"), r.log());
    }

    /** A fraction's frozen jar draws the table: the launcher would rebuild target/ under a running campaign. */
    @Test
    void theTableUsesAFrozenJarWhenAFractionHasOne(@TempDir Path dir) throws Exception {
        Path repo = repo(dir);
        for (String f : List.of("0.25", "0.5")) {
            write(repo.resolve("results/data-scaling-s2/fraction-" + f + "/svm-mpm/svm.md"), "linear SVM ...: test accuracy 85.00 %\n");
        }
        Path out = dir.resolve("runs/data-scaling-s2");
        Path jar = out.resolve("fraction-0.5/recon4j.jar");
        write(jar, "not a real jar");
        Path bin = dir.resolve("bin"); // a fake java that records its arguments and prints a table
        write(bin.resolve("java"), "#!/usr/bin/env bash\necho \"$*\" >> '" + dir.resolve("java-args.txt") + "'\necho '| frozen |'\n");
        bin.resolve("java").toFile().setExecutable(true);
        Run r = run(dir, repo, Map.of("STAGES", "svm", "PATH", bin + ":" + System.getenv("PATH")));
        assertEquals(0, r.rc(), r.log());
        assertEquals(List.of("-Xmx4g -Dai.djl.offline=true -jar " + jar + " scaling --point 0.25=" + out.resolve("fraction-0.25")
                + " --point 0.5=" + out.resolve("fraction-0.5") + " --methods mpm --way 5 --plot " + out.resolve("scaling.png")),
                Files.readAllLines(dir.resolve("java-args.txt")));
        assertFalse(Files.exists(dir.resolve("recon-args.txt")), "the launcher is not called");
        assertEquals("| frozen |\n", Files.readString(out.resolve("scaling.md")));
    }

    /** STAGES=svm asks for the SVM curve alone: fractions with an SVM and no folds are done for it, not for the default. */
    @Test
    void anSvmOnlyPassIsDoneWithoutTheFolds(@TempDir Path dir) throws Exception {
        Path repo = repo(dir);
        for (String f : List.of("0.25", "0.5")) {
            write(repo.resolve("results/data-scaling-s2/fraction-" + f + "/svm-mpm/svm.md"), "linear SVM ...: test accuracy 85.00 %\n");
        }
        Run svmOnly = run(dir, repo, Map.of("CHECK_ONLY", "1", "STAGES", "svm"));
        assertEquals(0, svmOnly.rc(), svmOnly.log());
        Run both = run(dir, repo, Map.of("CHECK_ONLY", "1"));
        assertEquals(3, both.rc(), "the folds are still missing for the default STAGES: " + both.log());
    }

    private record Run(int rc, String log) { }

    /** A repository with the three scripts and a fake {@code recon} launcher that records its arguments. */
    private static Path repo(Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("scripts"));
        for (String s : List.of("claims-modelnet10.sh", "data-scaling.sh", "ledger.sh")) {
            Files.copy(Path.of("scripts", s), repo.resolve("scripts").resolve(s), StandardCopyOption.COPY_ATTRIBUTES);
        }
        write(repo.resolve("recon"), "#!/usr/bin/env bash\necho \"$*\" >> '" + dir.resolve("recon-args.txt") + "'\n"
                + "[ \"$1\" = scaling ] && echo '| a table |'\nexit 0\n");
        repo.resolve("recon").toFile().setExecutable(true);
        return repo;
    }

    private static Run run(Path dir, Path repo, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/data-scaling.sh").toString(),
                dir.resolve("runs/data-scaling-s2").toString(), "2").redirectErrorStream(true);
        pb.environment().putAll(Map.of("ROWS", "mpm", "FRACTIONS", "0.25 0.5", "FOLDS", "5", "DATA", dir.resolve("no-data").toString()));
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), log);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
