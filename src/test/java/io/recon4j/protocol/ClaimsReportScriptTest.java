package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/claims-report.sh: seeds pooled (claim 3 fraction by fraction, claim 2 over every VNNI seed), from a ledger laid out as the campaign's. */
@Tag("fast")
class ClaimsReportScriptTest {

    @Test
    void claim3PoolsTheSeedsAtEachFractionBothHaveBesideEachSeedsUntrainedEncoder(@TempDir Path dir) throws Exception {
        Path res = dir.resolve("ledger");
        for (int s : new int[] {2, 3}) {
            Path full = res.resolve("claims-s" + s);
            svm(full, "scratch", 85.0 + s, 88.0);
            fewshot(full, "scratch", 80, 90, 100, 90, 80, 10, 10, 10, 10, 10); // folds 6-10 must not count
            Path quarter = res.resolve("data-scaling-s" + s + "/fraction-0.25");
            svm(quarter, "mpm", 76.0 + s, 86.0);
            svm(quarter, "cmc", 78.0, 79.0 + s);
            svm(quarter, "recon", 78.0, 84.0);
            fewshot(quarter, "mpm", 85, 85, 85, 85, 85);
        }
        // 50 %: seed 2 alone, so no pooled table; 100 %: seed 3's cross-modal row is missing, so none either.
        Path half = res.resolve("data-scaling-s2/fraction-0.5");
        for (String m : new String[] {"mpm", "cmc", "recon"}) {
            svm(half, m, 83.0, 87.0);
            svm(res.resolve("claims-s2"), m, 87.0, 89.0);
        }
        svm(res.resolve("claims-s3"), "mpm", 86.0, 88.0);
        svm(res.resolve("claims-s3"), "recon", 87.0, 87.0);
        Files.createDirectories(res.resolve("claims-s4")); // the campaign creates a queued seed's folder empty

        String md = report(dir, res);

        assertFalse(md.contains("claims-s4"), "an empty seed folder is no seed: " + md);
        String pooled = md.substring(md.indexOf("### Seeds pooled, fraction by fraction"));
        assertTrue(pooled.contains("#### 25 %: seeds 2 and 3\n"), md);
        assertFalse(pooled.contains("#### 50 %") || pooled.contains("#### 100 %"), "a point one seed lacks is not pooled: " + pooled);
        assertTrue(pooled.contains("| scratch | 87.50 ± 0.50 (2) | 88.00 ± 0.00 (2) | 88.00 ± 7.48 (10) |"),
                "each seed's untrained encoder, folds 1-5 only: " + pooled);
        assertTrue(pooled.contains("| mpm | 78.50 ± 0.50 (2) | 86.00 ± 0.00 (2) | 85.00 ± 0.00 (10) |"), pooled);
        assertTrue(pooled.contains("| cmc | 78.00 ± 0.00 (2) | 81.50 ± 0.50 (2) | – |"), pooled);
        assertTrue(pooled.contains("Seeds (folders): seed-2-fraction-0.25 seed-3-fraction-0.25"), pooled);

        List<String> calls = Files.readAllLines(dir.resolve("recon-args.txt"));
        assertTrue(calls.stream().anyMatch(c -> c.matches("compare --a \\S*/seed-2-fraction-0.25/fs-5w-mpm,\\S*/seed-3-fraction-0.25/fs-5w-mpm"
                + " --b \\S*/seed-2-fraction-0.25/fs-5w-scratch,\\S*/seed-3-fraction-0.25/fs-5w-scratch --name-a mpm --name-b scratch")),
                "few-shot paired with the untrained encoder within each seed: " + calls);
        assertTrue(calls.contains("compare --a " + res.resolve("claims-s2/svm-mpm") + "," + res.resolve("claims-s3/svm-mpm")
                + " --b " + res.resolve("data-scaling-s2/fraction-0.25/svm-mpm") + "," + res.resolve("data-scaling-s3/fraction-0.25/svm-mpm")
                + " --name-a mpm 100% --name-b mpm 25% --probe logistic"), "the gain 25 -> 100 % per shape over both seeds: " + calls);
        assertTrue(calls.stream().noneMatch(c -> c.endsWith("--name-a mpm 100% --name-b mpm 25%")),
                "no 100 % folds, no few-shot gain: " + calls);
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(left.noneMatch(f -> Files.exists(f.resolve("seed-2-fraction-0.25"))), "the views are removed");
        }
    }

    @Test
    void claim3PoolsAThirdSeedWhereItHasAPointAndTheWholeAnalysisOnlyOverSeedsWithEveryPoint(@TempDir Path dir) throws Exception {
        Path res = dir.resolve("ledger");
        for (int s : new int[] {2, 3, 4}) {
            svm(res.resolve("claims-s" + s), "scratch", 85.0, 88.0);
            fewshot(res.resolve("claims-s" + s), "scratch", 80, 90, 100, 90, 80);
            for (String m : new String[] {"mpm", "cmc", "recon"}) {
                svm(res.resolve("claims-s" + s), m, 87.0, 89.0);
                svm(res.resolve("data-scaling-s" + s + "/fraction-0.25"), m, 80.0 + s, 85.0);
                if (s < 4) { // seed 4's probes' pass has reached 25 % only
                    svm(res.resolve("data-scaling-s" + s + "/fraction-0.5"), m, 83.0, 86.0);
                    svm(res.resolve("data-scaling-s" + s + "/fraction-0.75"), m, 85.0, 87.0);
                }
            }
        }
        String md = report(dir, res);

        String claim3 = md.substring(md.indexOf("## Claim 3"), md.indexOf("## Claim 4"));
        assertTrue(claim3.contains("### Seed 4\n"), "every seed with a point gets its own table: " + claim3);
        assertTrue(claim3.contains("#### 25 %: seeds 2, 3 and 4\n"), claim3);
        assertTrue(claim3.contains("#### 50 %: seeds 2 and 3\n") && claim3.contains("#### 100 %: seeds 2, 3 and 4\n"), claim3);
        assertTrue(claim3.contains("| mpm | 83.00 ± 0.82 (3) |"), "25 %: 82, 83 and 84 pooled: " + claim3);
        assertTrue(claim3.contains("#### The data-scaling analysis, seeds 2 and 3 pooled"), claim3);

        List<String> calls = Files.readAllLines(dir.resolve("recon-args.txt"));
        String s2 = res.resolve("data-scaling-s2").toString(), s3 = res.resolve("data-scaling-s3").toString();
        assertTrue(calls.contains("scaling --point 0.25=" + s2 + "/fraction-0.25," + s3 + "/fraction-0.25 --point 0.5=" + s2
                + "/fraction-0.5," + s3 + "/fraction-0.5 --point 0.75=" + s2 + "/fraction-0.75," + s3 + "/fraction-0.75 --point 1="
                + res.resolve("claims-s2") + "," + res.resolve("claims-s3") + " --methods mpm,cmc,recon --baseline scratch="
                + res.resolve("claims-s2") + "," + res.resolve("claims-s3") + " --folds 5 --plot "
                + dir.resolve("docs/plots/scaling-pooled.png")), "the whole analysis over the seeds with every point: " + calls);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("compare --a " + res.resolve("claims-s2/svm-cmc") + ","
                + res.resolve("claims-s3/svm-cmc") + "," + res.resolve("claims-s4/svm-cmc") + " --b ")
                && c.endsWith("--name-a cmc 100% --name-b cmc 25% --probe svm")), "the gain over every seed with both points: " + calls);
    }

    @Test
    void claim2PoolsEveryVnniSeedThatHasTheRowsAndNeverSeed1(@TempDir Path dir) throws Exception {
        Path res = dir.resolve("ledger");
        for (int s : new int[] {1, 2, 3, 4}) {
            for (String r : new String[] {"recon", "twotower", "multitask"}) {
                svm(res.resolve("claims-s" + s), r, 80.0 + s, 85.0);
            }
        }
        svm(res.resolve("claims-s2"), "recon-nosg", 90.0, 90.0);
        svm(res.resolve("claims-s4"), "recon-nosg", 92.0, 90.0); // seed 3 lacks it: seeds 2 and 4 pooled
        String md = report(dir, res);

        String claim2 = md.substring(md.indexOf("## Claim 2"), md.indexOf("## Claim 3"));
        String all = claim2.substring(claim2.indexOf("### Seeds 2, 3 and 4 pooled\n"));
        assertTrue(all.contains("| recon | 83.00 ± 0.82 (3) |"), "seeds 2-4 (82, 83, 84), not seed 1's 81: " + all);
        assertTrue(claim2.contains("### Seed 1\n") && claim2.contains("### Seed 4\n"), "every seed on its own too: " + claim2);
        String nosg = claim2.substring(claim2.indexOf("### Seeds 2 and 4 pooled: ReCon without its stop-gradient"));
        assertTrue(nosg.contains("| recon-nosg | 91.00 ± 1.00 (2) |"), nosg);
        assertFalse(md.contains("## Claim 4") && md.substring(md.indexOf("## Claim 4")).contains("pooled"),
                "no teacher rows, no pooled claim-4 table");
    }

    /** Runs the report on ledger {@code res} with a fake {@code recon} that logs its arguments to dir/recon-args.txt. */
    private static String report(Path dir, Path res) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("scripts"));
        for (String s : new String[] {"claims-report.sh", "claims-table.sh"}) {
            Files.copy(Path.of("scripts", s), repo.resolve("scripts").resolve(s));
        }
        Files.writeString(repo.resolve("recon"), "#!/usr/bin/env bash\necho \"$*\" >> '" + dir.resolve("recon-args.txt")
                + "'\necho \"compared $*\"\n");
        repo.resolve("recon").toFile().setExecutable(true);
        Path out = dir.resolve("docs/claims-tables.md");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/claims-report.sh").toString(), out.toString())
                .redirectErrorStream(true);
        pb.environment().put("RESULTS", res.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return Files.readString(out);
    }

    private static void svm(Path folder, String row, double svm, double logistic) throws IOException {
        Path d = Files.createDirectories(folder.resolve("svm-" + row));
        Files.writeString(d.resolve("svm.md"), "# Linear SVM\n\nlinear SVM (C=0.075, squared hinge) on 256-d frozen features: "
                + "test accuracy " + svm + " % (mAcc 1 %)\n\nlogistic-regression probe (z-scored features): test accuracy "
                + logistic + " %\n");
        Files.writeString(d.resolve("predictions.json"), "{}");
    }

    private static void fewshot(Path folder, String row, int... folds) throws IOException {
        for (int i = 0; i < folds.length; i++) {
            RunFolders.fold(folder.resolve("fs-5w-" + row), i, "s" + i, folds[i]);
        }
    }
}
