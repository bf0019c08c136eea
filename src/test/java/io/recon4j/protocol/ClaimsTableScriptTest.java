package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/claims-table.sh: the per-row statistics over seed folders, from the files the runs write. */
@Tag("fast")
class ClaimsTableScriptTest {

    @Test
    void meansOverSeedsAndOverSeedsTimesFolds(@TempDir Path dir) throws Exception {
        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        svm(s1, "recon", 90.0, 89.0);
        svm(s2, "recon", 92.0, 91.0);
        fewshot(s1, "recon", 80, 90);
        fewshot(s2, "recon", 100, 70);
        svm(s1, "mpm", 88.0, 87.5);
        String out = run(dir, "recon mpm", s1.toString(), s2.toString(), dir.resolve("s3").toString());
        assertTrue(out.contains("| recon | 91.00 ± 1.00 (2) | 90.00 ± 1.00 (2) | 85.00 ± 11.18 (4) |"), out);
        assertTrue(out.contains("| mpm | 88.00 (1) | 87.50 (1) | – |"), out);
        assertTrue(out.contains("no folder " + dir.resolve("s3")), "a missing seed folder is named: " + out);
    }

    @Test
    void aStoppedRunCountsItsFinishedFoldsOnly(@TempDir Path dir) throws Exception {
        Path s1 = dir.resolve("s1");
        fewshot(s1, "recon", 80, 90);
        // The session ended in fold 2: its folder holds a split and a checkpoint, no result; no fewshot.md was written.
        Files.createDirectories(s1.resolve("fs-5w-recon/fold-2"));
        Files.writeString(s1.resolve("fs-5w-recon/fold-2/fold.json"), "{\"split\":\"s2\"}\n");
        String out = run(dir, "recon", s1.toString());
        assertTrue(out.contains("| recon | – | – | 85.00 ± 5.00 (2) |"), out);
    }

    @Test
    void anotherShotCountReadsItsOwnFolders(@TempDir Path dir) throws Exception {
        Path s1 = dir.resolve("s1");
        fewshot(s1, "recon", 80, 90);
        for (int i = 0; i < 2; i++) {
            RunFolders.fold(s1.resolve("fs-5w-20shot-recon"), i, "s" + i, 94 + 2 * i);
        }
        assertTrue(run(dir, "recon", s1.toString()).contains("| recon | – | – | 85.00 ± 5.00 (2) |"));
        String twenty = run(dir, "recon", Map.of("SHOT", "20"), s1.toString());
        assertTrue(twenty.contains("| row | linear SVM % | logistic probe % | 5-way 20-shot % |"), twenty);
        assertTrue(twenty.contains("| recon | – | – | 95.00 ± 1.00 (2) |"), twenty);
    }

    @Test
    void fineTuningAtTheLastAndTheBestEpochPlainAndVoted(@TempDir Path dir) throws Exception {
        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        test(s1, "recon", "1e-5", "last", 90.0, "voting, 1 pass × 10 votes: OA 91.00 %, mAcc 90.00 %");
        test(s1, "recon", "1e-5", "best", 92.0, "voting, 1 pass × 10 votes: OA 93.00 %, mAcc 92.00 %");
        test(s2, "recon", "1e-5", "last", 88.0, "voting, 1 pass × 10 votes: OA 89.00 %, mAcc 88.00 %");
        test(s2, "recon", "1e-5", "best", 94.0, "voting, 1 pass × 1 votes: OA 50.00 %, mAcc 50.00 %"); // not the protocol
        String out = run(dir, "recon mpm", s1.toString(), s2.toString());
        assertTrue(out.contains("| recon | 1e-5 | 89.00 ± 1.00 (2) | 90.00 ± 1.00 (2) | 93.00 ± 1.00 (2) | 93.00 (1) |"), out);
        assertTrue(!out.contains("| recon | 5e-4"), "a rate without tests has no line: " + out);
        assertTrue(!out.contains("| mpm | 1e-5"), out);
        svm(dir.resolve("s3"), "recon", 90.0, 89.0);
        assertTrue(!run(dir, "recon", dir.resolve("s3").toString()).contains("fine-tuning row"), "no tests: no fine-tuning table");
    }

    @Test
    void svmRunsAndTestsWithPredictionsAreComparedShapeByShape(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("recon-args.txt");
        Path repo = fakeRepo(dir, args);
        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        for (Path s : List.of(s1, s2)) {
            svm(s, "recon", 90.0, 89.0);
            svm(s, "mpm", 88.0, 87.0);
        }
        // Seed 1 kept both rows' predictions, seed 2 only ReCon's (its Point-MAE† SVM ran before they were kept).
        Files.writeString(s1.resolve("svm-recon/predictions.json"), "{}");
        Files.writeString(s1.resolve("svm-mpm/predictions.json"), "{}");
        Files.writeString(s2.resolve("svm-recon/predictions.json"), "{}");
        // Fine-tuning tests at 1e-5, last epoch: again both rows' predictions on seed 1 only.
        for (Path s : List.of(s1, s2)) {
            for (String row : new String[] {"recon", "mpm"}) {
                test(s, row, "1e-5", "last", 90.0, "voting, 1 pass × 10 votes: OA 91.00 %, mAcc 90.00 %");
                if (s == s1 || row.equals("recon")) {
                    Files.writeString(s.resolve("test-last-" + row + "-lr1e-5/predictions.json"), "{}");
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/claims-table.sh").toString(), "recon mpm", "recon:mpm",
                s1.toString(), s2.toString()).redirectErrorStream(true);
        pb.environment().put("WAYS", "5");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(List.of("compare --a " + s1.resolve("svm-recon") + " --b " + s1.resolve("svm-mpm")
                        + " --name-a recon --name-b mpm --probe svm",
                "compare --a " + s1.resolve("svm-recon") + " --b " + s1.resolve("svm-mpm") + " --name-a recon --name-b mpm --probe logistic",
                "compare --a " + s1.resolve("test-last-recon-lr1e-5") + " --b " + s1.resolve("test-last-mpm-lr1e-5")
                        + " --name-a recon --name-b mpm --column plain",
                "compare --a " + s1.resolve("test-last-recon-lr1e-5") + " --b " + s1.resolve("test-last-mpm-lr1e-5")
                        + " --name-a recon --name-b mpm --column vote"),
                Files.readAllLines(args), "only the seed where both rows kept predictions is paired, no few-shot compare without folds");
        assertTrue(out.contains("- fine-tuning lr 1e-5, last epoch: compared compare --a " + s1.resolve("test-last-recon-lr1e-5")), out);
        assertTrue(out.contains("- 5-way, recon − mpm: no paired folders yet"), out);
        assertTrue(out.contains("- compared compare --a " + s1.resolve("svm-recon")), out);

        // NO_PROBES and NO_FT leave the per-shape comparisons out (the 10-way section repeats no seed-2 probe).
        Files.delete(args);
        pb.environment().put("NO_PROBES", "1");
        pb.environment().put("NO_FT", "1");
        Process q = pb.start();
        String quiet = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, q.waitFor(), quiet);
        assertTrue(!Files.exists(args) && !quiet.contains("compared"), quiet);
        assertTrue(quiet.contains("| recon | 90.00 ± 0.00 (2) |"), "the table itself stays: " + quiet);
    }

    @Test
    void featurePartsArePairedOnTheProbesAndNeverOnFewShot(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("recon-args.txt");
        Path repo = fakeRepo(dir, args);
        Path s = dir.resolve("s3");
        for (String row : new String[] {"recon", "recon-locals", "multitask-locals", "twotower-tower0"}) {
            svm(s, row, 88.0, 87.0);
            Files.writeString(s.resolve("svm-" + row + "/predictions.json"), "{}");
        }
        fewshot(s, "recon", 85, 78);
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/claims-table.sh").toString(),
                "recon recon-locals multitask-locals twotower-tower0",
                "multitask-locals:recon-locals recon:twotower-tower0 recon:multitask", s.toString()).redirectErrorStream(true);
        pb.environment().put("WAYS", "5");
        pb.environment().put("NO_FT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(!out.contains("multitask-locals − recon-locals: no paired folders")
                && !out.contains("recon − twotower-tower0: no paired folders"), "a part has no folds by construction: " + out);
        assertTrue(out.contains("- 5-way, recon − multitask: no paired folders yet"), "a whole row without folds still says so: " + out);
        List<String> calls = Files.readAllLines(args);
        assertEquals(4, calls.size(), "each part pair compared on both probes: " + calls);
        assertTrue(calls.get(0).startsWith("compare --a " + s.resolve("svm-multitask-locals") + " --b " + s.resolve("svm-recon-locals")),
                calls.toString());
    }

    /** A checkout holding the script beside a `recon` that logs its arguments to ARGS and echoes them back. */
    private static Path fakeRepo(Path dir, Path args) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("scripts"));
        Files.copy(Path.of("scripts/claims-table.sh"), repo.resolve("scripts/claims-table.sh"));
        Files.writeString(repo.resolve("recon"), "#!/usr/bin/env bash\necho \"$*\" >> '" + args + "'\necho \"compared $*\"\n");
        repo.resolve("recon").toFile().setExecutable(true);
        return repo;
    }

    private static void test(Path seed, String row, String lr, String which, double plain, String voting) throws IOException {
        Path d = Files.createDirectories(seed.resolve("test-" + which + "-" + row + "-lr" + lr));
        Files.writeString(d.resolve("test.md"), "# Test\n\nCheckpoint `x` on modelnet10/test.\n\nplain test (FPS to 1024, no voting): OA "
                + plain + " %, mAcc 1.00 %, loss 0.3000\n\n" + voting + "\n\n## Per class (plain test)\n");
    }

    private static String run(Path dir, String rows, String... folders) throws IOException, InterruptedException {
        return run(dir, rows, Map.of(), folders);
    }

    private static String run(Path dir, String rows, Map<String, String> env, String... folders)
            throws IOException, InterruptedException {
        Path script = Path.of("scripts/claims-table.sh").toAbsolutePath();
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString(), rows, ""));
        cmd.addAll(List.of(folders));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WAYS", "5");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static void svm(Path seed, String row, double svm, double logistic) throws IOException {
        Path d = Files.createDirectories(seed.resolve("svm-" + row));
        Files.writeString(d.resolve("svm.md"), "# Linear SVM\n\nlinear SVM (C=0.075, squared hinge) on 256-d frozen features: "
                + "test accuracy " + svm + " % (mAcc 1 %)\n\nlogistic-regression probe (z-scored features): test accuracy "
                + logistic + " %\n");
    }

    /** Finished folds as the few-shot runner leaves them (fold-k/result.json; a stopped run has no fewshot.md). */
    private static void fewshot(Path seed, String row, int... folds) throws IOException {
        for (int i = 0; i < folds.length; i++) {
            RunFolders.fold(seed.resolve("fs-5w-" + row), i, "s" + i, folds[i]);
        }
    }
}
