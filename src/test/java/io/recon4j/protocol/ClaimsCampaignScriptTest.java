package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * scripts/claims-campaign.sh: which step of a lane is done (its results in the ledger), which is pending, and how a
 * step that must pretrain is judged against the session's end. Runs the scripts on a copy of scripts/ beside a fake
 * ledger ({@code QUEUE=1}: nothing is trained).
 */
@Tag("fast")
class ClaimsCampaignScriptTest {

    @Test
    void ledgerDecidesWhatIsDone(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        // seed 2's Point-MAE† row: SVM and 5 of 5 folds in the ledger; its 10-fold extension is not
        write(repo.resolve("results/claims-s2/svm-mpm/svm.md"), "linear SVM ... test accuracy 87.11 %\n");
        write(repo.resolve("results/claims-s2/fs-5w-mpm/fewshot.md"),
                "| 0 | 90.00 | 3 |\n\n5-way 10-shot, 5 of 5 folds: 90.00 ± 1.00 % (mean ± std ...)\n");
        // seed 2's scratch row: 3 folds of 5 finished before the machine went away
        write(repo.resolve("results/claims-s2/svm-scratch/svm.md"), "linear SVM ... test accuracy 86.00 %\n");
        write(repo.resolve("results/claims-s2/fs-5w-scratch/fewshot.md"),
                "| 0 | 80.00 | 3 |\n\n5-way 10-shot, 3 of 5 folds: 80.00 ± 1.00 % (mean ± std ...) — incomplete: resume to finish\n");
        // seed 2's ReCon row: already extended to 10 of 10 folds, which also answers the 5-fold step
        write(repo.resolve("results/claims-s2/svm-recon/svm.md"), "linear SVM ... test accuracy 90.42 %\n");
        write(repo.resolve("results/claims-s2/fs-5w-recon/fewshot.md"),
                "| 0 | 86.00 | 3 |\n\n5-way 10-shot, 10 of 10 folds: 88.00 ± 5.06 % (mean ± std ...)\n");

        String queue = queue(repo, dir.resolve("runs"), Map.of());
        assertTrue(queue.contains("a 0 done:    ROWS=mpm FOLDS=5 STAGES='svm fs' WAYS=5"), queue);
        assertTrue(queue.contains("a 1 pending: ROWS=mpm FOLDS=10"), "the extension to 10 folds is not done\n" + queue);
        assertTrue(queue.contains("a 1 pending: ROWS=mpm FOLDS=10 STAGES='fs' WAYS=5 claims-modelnet10.sh "
                + dir.resolve("runs/claims-s2") + " 2 (~9999 min)"), "it runs only where the pretraining is\n" + queue);
        assertTrue(queue.contains("a 2 pending: ROWS=scratch FOLDS=5"), "an incomplete few-shot run is pending\n" + queue);
        assertTrue(queue.contains("b 0 done:    ROWS=recon FOLDS=5 STAGES='svm fs' WAYS=5"),
                "10 of 10 folds answer a 5-fold step\n" + queue);
        assertTrue(queue.contains("b 1 done:    ROWS=recon FOLDS=10"), queue);
        assertTrue(queue.contains("b 2 pending: ROWS=scratch FOLDS=5 STAGES='svm fs' WAYS=5 claims-modelnet10.sh "
                + dir.resolve("runs/claims-s3") + " 3"), queue);

        // With seed 2's Point-MAE† pretraining on this machine, its extension costs folds only.
        write(dir.resolve("runs/claims-s2/mpm.done"), "");
        write(dir.resolve("runs/claims-s2/mpm/pretrained.pth"), "weights");
        String here = queue(repo, dir.resolve("runs"), Map.of());
        assertTrue(here.contains("a 1 pending: ROWS=mpm FOLDS=10 STAGES='fs' WAYS=5 claims-modelnet10.sh "
                + dir.resolve("runs/claims-s2") + " 2 (~15 min)"), here);
        // ... while its fine-tuning still needs its own 40 epochs (≈ 100 min), pretraining or not
        assertTrue(here.contains("a 5 pending: ROWS=mpm STAGES=ft FT_LRS=1e-5 FT_EPOCHS=40 FT_WARMUP=3 claims-modelnet10.sh "
                + dir.resolve("runs/claims-s2") + " 2 (~100 min)"), here);

        // MATCH keeps the steps whose line matches: claim 3's SVM pass alone, the fine-tuning left for another session.
        String svmPass = queue(repo, dir.resolve("runs"), Map.of("MATCH", "STAGES='svm'"));
        assertTrue(svmPass.contains("ROWS=mpm FRACTIONS=0.25 FOLDS=5 STAGES='svm'"), svmPass);
        assertTrue(svmPass.lines().allMatch(l -> l.contains("STAGES='svm'")), "nothing else is queued\n" + svmPass);
    }

    @Test
    void theEstimatesFollowThisCpusPretrainingRate(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path runs = dir.resolve("runs");
        String ft = "a 5 pending: ROWS=mpm STAGES=ft FT_LRS=1e-5 FT_EPOCHS=40 FT_WARMUP=3 claims-modelnet10.sh "
                + runs.resolve("claims-s2") + " 2 ";
        assertTrue(queue(repo, runs, Map.of()).contains(ft + "(~145 min)"), "no pretraining log: the estimates as written");
        // A pretraining still in its first epoch says nothing yet (the JIT and the first batches are slow).
        write(runs.resolve("claims-s2/pre-mpm.log"), "epoch 1/20  10% [=] 12/124 batches loss 0.1 lr 5.00e-04 7.0 samples/s\n");
        assertTrue(queue(repo, runs, Map.of()).contains(ft + "(~145 min)"), queue(repo, runs, Map.of()));
        // Past it at 56 samples/s, twice the EPYC's 28: every estimate halves (rounded up), the only-here
        // mark stays.
        Files.writeString(runs.resolve("claims-s2/pre-mpm.log"), "epoch 2/20   5% [=] 6/124 batches (0:00:05) 1.8 batches/s "
                + "loss 0.0390 lr 5.00e-04 55.0 samples/s\nepoch 2/20  10% [=] 12/124 batches 57.0 samples/s\n",
                java.nio.file.StandardOpenOption.APPEND);
        String fast = queue(repo, runs, Map.of());
        assertTrue(fast.contains(ft + "(~73 min)"), fast);
        assertTrue(fast.contains("(~9999 min)"), "a step that runs only where its pretraining is keeps its mark\n" + fast);
        // SPEED overrides the measurement.
        assertTrue(queue(repo, runs, Map.of("SPEED", "1.5")).contains(ft + "(~218 min)"));
        String end = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(5)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String log = campaignLaneA(repo, runs, end);
        assertTrue(log.contains("estimates × 0.50 (pretraining at 56.0 samples/s here)"), log);
        // One newer pretraining slowed by other work (14 samples/s) does not set the rate alone: the median of the
        // three newest logs (14, 56, 56) keeps it; the fourth-newest, a stale 7 samples/s, is not read.
        Path stale = runs.resolve("claims-s3/pre-cmc.log");
        write(stale, "epoch 2/20  10% [=] 12/124 batches 7.0 samples/s\n");
        Path other = runs.resolve("claims-s3/pre-mpm.log");
        write(other, "epoch 2/20  10% [=] 12/124 batches 56.0 samples/s\n");
        Path slowed = runs.resolve("claims-s3/pre-recon.log");
        write(slowed, "epoch 2/20  10% [=] 12/124 batches 14.0 samples/s\n");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(now - 4_000_000));
        Files.setLastModifiedTime(runs.resolve("claims-s2/pre-mpm.log"), java.nio.file.attribute.FileTime.fromMillis(now - 3_000_000));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(now - 2_000_000));
        Files.setLastModifiedTime(slowed, java.nio.file.attribute.FileTime.fromMillis(now - 1_000_000));
        assertTrue(queue(repo, runs, Map.of()).contains(ft + "(~73 min)"), queue(repo, runs, Map.of()));
        // Two of the three slowed (14, 14, 56): the median follows them.
        write(other, "epoch 2/20  10% [=] 12/124 batches 14.0 samples/s\n");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(now - 2_000_000));
        assertTrue(queue(repo, runs, Map.of()).contains(ft + "(~290 min)"), queue(repo, runs, Map.of()));
    }

    @Test
    void aStepThatMustPretrainWaitsForASessionWithRoom(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path runs = dir.resolve("runs");
        // Twenty minutes left: no pretraining fits, a scratch row (no pretraining, resumable fold by fold) does.
        String end = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(21)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String log = campaignLaneA(repo, runs, end);
        assertTrue(log.contains("a: nothing left that fits before " + end), log);
        assertTrue(!log.contains("a: ROWS=mpm"), "no pretrained row starts with 20 minutes left\n" + log);
        assertTrue(log.contains("a: ROWS=scratch"), "a scratch row needs no pretraining: it may start\n" + log);
        // It ran a copy of scripts/ (bash reads a script while running it: an edit mid-campaign must not reach it),
        // and the copy still keeps its ledger in the repository's results/.
        List<Path> frozen;
        try (var s = Files.list(runs)) {
            frozen = s.filter(f -> f.getFileName().toString().startsWith(".scripts-")).toList();
        }
        assertEquals(1, frozen.size(), "one frozen copy of scripts/ in " + runs);
        for (String sh : List.of("claims-campaign.sh", "claims-modelnet10.sh", "data-scaling.sh", "ledger.sh")) {
            assertEquals(Files.readString(repo.resolve("scripts").resolve(sh)), Files.readString(frozen.get(0).resolve(sh)), sh);
        }
        assertTrue(log.contains("ledger in " + repo.resolve("results")), log);
    }

    @Test
    void aClockTimeBehindNowIsTomorrow(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path runs = dir.resolve("runs");
        // "01:45" said at 23:10 is the session's end 155 minutes on, not 21 hours ago (12-04: the campaign ran nothing).
        // 13 h behind now, as HH:MM, is 11 h ahead: every step fits, the pretrained rows start (and fail: no data).
        String end = java.time.LocalTime.now(java.time.ZoneOffset.UTC).minusHours(13)
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        String log = campaignLaneA(repo, runs, end);
        assertTrue(log.contains("a: ROWS=mpm"), "a pretrained row starts with 11 hours left\n" + log);
        assertTrue(!log.matches("(?s).*\\(-\\d+ min left\\).*"), "no negative time left\n" + log);
    }

    @Test
    void aFineTunedRowIsTestedWithOneOfficialVotingPass(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path out = dir.resolve("runs/claims-s2");
        for (String which : List.of("last", "best")) {
            write(out.resolve("test-" + which + "-mpm-lr1e-5/test.md"), "# Test\n\nplain test (FPS to 1024, no voting): OA 90.00 %\n\n"
                    + "voting, 1 pass × 1 votes: OA 89.00 %, mAcc 88.00 %\n");
        }
        // 12-04's first fine-tuning tests averaged one view per "vote": not the protocol, so the stage is still to do
        assertEquals(3, checkOnly(repo, out, "mpm", "ft", "1e-5"), "a 1-vote pass is not the official voting pass");
        for (String which : List.of("last", "best")) {
            write(out.resolve("test-" + which + "-mpm-lr1e-5/test.md"), "# Test\n\nplain test (FPS to 1024, no voting): OA 90.00 %\n\n"
                    + "voting, 1 pass × 10 votes: OA 90.50 %, mAcc 89.00 %\n");
        }
        assertEquals(0, checkOnly(repo, out, "mpm", "ft", "1e-5"));
        assertEquals(3, checkOnly(repo, out, "mpm", "ft", "5e-4"), "the other rate has no test yet");
    }

    @Test
    void theTowersStageWantsEachTowerOfATwoTowerRowAndNothingElse(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path out = dir.resolve("runs/claims-s2");
        assertEquals(0, checkOnly(repo, out, "recon", "towers", "1e-5"), "a one-tower row has no tower stage");
        write(out.resolve("svm-twotower-tower0/svm.md"), "linear SVM ... test accuracy 88.77 %\n");
        assertEquals(3, checkOnly(repo, out, "twotower", "towers", "1e-5"), "tower 1 is still missing");
        write(out.resolve("svm-twotower-tower1/svm.md"), "linear SVM ... test accuracy 87.11 %\n");
        assertEquals(0, checkOnly(repo, out, "twotower", "towers", "1e-5"));
    }

    @Test
    void thePartsStageWantsBothHalvesOfAnyRow(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        Path out = dir.resolve("runs/claims-s3");
        assertEquals(3, checkOnly(repo, out, "scratch", "parts", "1e-5"), "an untrained encoder has both halves too");
        write(out.resolve("svm-mpm-queries/svm.md"), "linear SVM ... test accuracy 80.00 %\n");
        assertEquals(3, checkOnly(repo, out, "mpm", "parts", "1e-5"), "the locals half is still missing");
        write(out.resolve("svm-mpm-locals/svm.md"), "linear SVM ... test accuracy 85.00 %\n");
        assertEquals(0, checkOnly(repo, out, "mpm", "parts", "1e-5"));
        assertEquals(3, checkOnly(repo, out, "mpm", "svm parts", "1e-5"), "the parts do not stand for the whole feature");
    }

    @Test
    void theStopGradientRowPretrainsReConWithTheDeviationAndRefusesAnOlderJar(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        // A fake java: `pretrain --help` lists --no-stop-gradient unless OLD is set; a pretraining records its
        // arguments and leaves pretrained.pth; `svm` writes a report.
        Path bin = fakeJava(dir, "if [ \"$1 $2\" = 'pretrain --help' ]; then echo '  --mask=<mask>'; [ -n \"$OLD\" ] "
                + "|| echo '  --no-stop-gradient'; exit 0; fi; echo \"$*\" >> \"$CALLS\"\n",
                "case \"$cmd\" in pretrain) touch \"$out/pretrained.pth\" ;;\n"
                + "svm) echo 'linear SVM (C=0.075) on 256-d frozen features: test accuracy 90.00 % (mAcc 1 %)' > \"$out/svm.md\" ;; esac\n");
        Path calls = dir.resolve("calls.txt");
        Path older = dir.resolve("runs-old/claims-s3");
        write(older.resolve("recon4j.jar"), "PK... io/recon4j/protocol/TestPredictions.class ...");
        Result refused = claims(repo, older, "3", bin, Map.of("ROWS", "recon-nosg", "STAGES", "svm", "OLD", "1", "CALLS", calls.toString()));
        assertTrue(refused.exit != 0, refused.out);
        assertTrue(refused.out.contains("FAILED pre-recon-nosg: " + older.resolve("recon4j.jar")
                + " predates recon pretrain --no-stop-gradient"), refused.out);
        assertTrue(!Files.exists(calls), "an older jar pretrains nothing");

        Path out = dir.resolve("runs/claims-s3");
        write(out.resolve("recon4j.jar"), "PK... io/recon4j/protocol/TestPredictions.class ...");
        Result r = claims(repo, out, "3", bin, Map.of("ROWS", "recon-nosg", "STAGES", "svm", "OLD", "", "CALLS", calls.toString()));
        assertEquals(0, r.exit, r.out);
        List<String> ran = Files.readAllLines(calls);
        assertEquals(2, ran.size(), ran.toString());
        assertTrue(ran.get(0).startsWith("pretrain ") && ran.get(0).contains(" --method recon --text-teacher minilm --img-teacher onnx:")
                && ran.get(0).contains(" --no-stop-gradient "), ran.get(0));
        assertTrue(ran.get(1).startsWith("svm ") && ran.get(1).contains("--checkpoint " + out.resolve("recon-nosg/pretrained.pth")),
                ran.get(1));
    }

    @Test
    void anSvmStageWithoutPredictionsIsRedoneOnceItsEncoderIsHere(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        // A fake java: `recon svm` writes a report with ACC and a predictions file, `recon fewshot` one finished fold.
        Path bin = fakeJava(dir, "", "case \"$cmd\" in svm) echo \"linear SVM (C=0.075) on 256-d frozen features: test accuracy $ACC % (mAcc 1 %)\" > \"$out/svm.md\"\n"
                + "  echo '{\"fresh\":1}' > \"$out/predictions.json\" ;;\n"
                + "fewshot) mkdir -p \"$out/fold-0\"; echo '{\"fold\":0,\"best_acc\":80.0}' > \"$out/fold-0/result.json\"\n"
                + "  echo '5-way 10-shot, 1 of 1 folds: 80.00 ± 0.00 %' > \"$out/fewshot.md\" ;; esac\n");
        for (String seed : List.of("2", "3")) {
            write(repo.resolve("results/claims-s" + seed + "/svm-scratch/svm.md"),
                    "linear SVM (C=0.075) on 256-d frozen features: test accuracy 84.69 % (mAcc 83.75 %)\n");
            // a jar that keeps predictions (the script greps it for the class), so nothing is built
            write(dir.resolve("runs/claims-s" + seed + "/recon4j.jar"), "PK... io/recon4j/protocol/TestPredictions.class ...");
        }
        // Seed 2: the SVM gives the recorded accuracy again: its predictions are kept, in the run folder and the ledger.
        String log2 = scratchFold(repo, dir, bin, "2", "84.69");
        assertEquals("{\"fresh\":1}\n", Files.readString(repo.resolve("results/claims-s2/svm-scratch/predictions.json")), log2);
        assertTrue(Files.exists(dir.resolve("runs/claims-s2/svm-scratch/predictions.json")), log2);
        assertTrue(!Files.exists(dir.resolve("runs/claims-s2/svm-scratch.refresh")), "the refresh folder goes once used\n" + log2);
        assertTrue(Files.readString(repo.resolve("results/claims-s2/svm-scratch/svm.md")).contains("84.69"), "the record stays");
        // Seed 3: another accuracy: no predictions, and refresh.txt says why (so it is not tried again).
        String log3 = scratchFold(repo, dir, bin, "3", "85.00");
        assertTrue(!Files.exists(repo.resolve("results/claims-s3/svm-scratch/predictions.json")), log3);
        assertTrue(Files.readString(repo.resolve("results/claims-s3/svm-scratch/refresh.txt"))
                .contains("SVM again gave 85.00 %, recorded 84.69 %"), log3);
        assertTrue(Files.readString(repo.resolve("results/claims-s3/svm-scratch/svm.md")).contains("84.69"), "the record stays");
    }

    @Test
    void anotherShotCountGetsItsOwnFoldersBesideTheTenShotOnes(@TempDir Path dir) throws Exception {
        Path repo = repoCopy(dir);
        // A fake java: `recon fewshot` records its arguments and writes one finished fold.
        Path bin = fakeJava(dir, "echo \"$*\" >> \"$CALLS\"\n", "case \"$cmd\" in fewshot) mkdir -p \"$out/fold-0\"\n"
                + "  echo '{\"fold\":0,\"best_acc\":80.0}' > \"$out/fold-0/result.json\"\n"
                + "  echo '5-way K-shot, 1 of 1 folds: 80.00 ± 0.00 %' > \"$out/fewshot.md\" ;; esac\n");
        Path calls = dir.resolve("calls.txt");
        Path out = dir.resolve("runs/claims-s4");
        write(out.resolve("recon4j.jar"), "PK... io/recon4j/protocol/TestPredictions.class ...");
        Map<String, String> tenShot = Map.of("ROWS", "scratch", "STAGES", "fs", "WAYS", "5", "FOLDS", "1", "CALLS", calls.toString());
        assertEquals(0, claims(repo, out, "4", bin, tenShot).exit);
        assertEquals(1, Files.readAllLines(calls).size());
        // 10-shot done: SHOT=20 is still pending, runs with --shot 20 into its own folder and leaves the 10-shot one alone.
        java.util.HashMap<String, String> twenty = new java.util.HashMap<>(tenShot);
        twenty.put("SHOT", "20");
        Result r = claims(repo, out, "4", bin, twenty);
        assertEquals(0, r.exit, r.out);
        List<String> ran = Files.readAllLines(calls);
        assertEquals(2, ran.size(), ran.toString());
        assertTrue(ran.get(0).contains("--shot 10 ") && ran.get(0).contains("--out " + out.resolve("fs-5w-scratch")), ran.get(0));
        assertTrue(ran.get(1).contains("--shot 20 ") && ran.get(1).contains("--out " + out.resolve("fs-5w-20shot-scratch")), ran.get(1));
        assertTrue(Files.exists(repo.resolve("results/claims-s4/fs-5w-20shot-scratch/fold-0/result.json")), "the ledger keeps it");
        // Both done: neither runs again.
        assertEquals(0, claims(repo, out, "4", bin, twenty).exit);
        assertEquals(0, claims(repo, out, "4", bin, tenShot).exit);
        assertEquals(2, Files.readAllLines(calls).size());
    }

    /** One scratch few-shot fold of seed {@code seed} through the fake java whose SVM gives {@code acc}; returns the output. */
    private static String scratchFold(Path repo, Path dir, Path bin, String seed, String acc) throws Exception {
        Result r = claims(repo, dir.resolve("runs/claims-s" + seed), seed, bin,
                Map.of("ROWS", "scratch", "STAGES", "fs", "WAYS", "5", "FOLDS", "1", "ACC", acc));
        assertEquals(0, r.exit, r.out);
        return r.out;
    }

    /**
     * A fake java in DIR/bin for scripts/claims-modelnet10.sh: it runs {@code pre} with the jar's arguments in $@,
     * then {@code body} with $cmd (the subcommand) and $out (its --out folder, created).
     */
    private static Path fakeJava(Path dir, String pre, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        write(bin.resolve("java"), "#!/usr/bin/env bash\nwhile [ \"$1\" != -jar ]; do shift; done; shift 2\n" + pre
                + "cmd=\"$1\"; out=\nwhile [ $# -gt 0 ]; do [ \"$1\" = --out ] && out=\"$2\"; shift; done; mkdir -p \"$out\"\n" + body);
        bin.resolve("java").toFile().setExecutable(true);
        return bin;
    }

    /** scripts/claims-modelnet10.sh OUT SEED with the java of {@code bin} first on the PATH and no data. */
    private static Result claims(Path repo, Path out, String seed, Path bin, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", repo.resolve("scripts/claims-modelnet10.sh").toString(),
                out.toString(), seed)).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().putAll(Map.of("DATA", out.resolveSibling("no-data").toString(), "PATH", bin + ":" + System.getenv("PATH")));
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), log);
    }

    private static int checkOnly(Path repo, Path out, String rows, String stages, String lrs) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", repo.resolve("scripts/claims-modelnet10.sh").toString(),
                out.toString(), "2")).redirectErrorStream(true);
        pb.environment().putAll(Map.of("CHECK_ONLY", "1", "ROWS", rows, "STAGES", stages, "FT_LRS", lrs,
                "LEDGER", repo.resolve("results/claims-s2").toString()));
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private record Result(int exit, String out) { }

    /** Lane a of a real campaign (its steps fail at once: no data) ending at {@code end}; returns campaign.txt. */
    private static String campaignLaneA(Path repo, Path runs, String end) throws Exception {
        Result r = run(repo, runs, Map.of("SESSION_END", end, "LANES", "a"), "campaign", runs.toString());
        assertEquals(0, r.exit, r.out);
        return Files.readString(runs.resolve("campaign.txt"));
    }

    private static String queue(Path repo, Path runs, Map<String, String> env) throws Exception {
        java.util.HashMap<String, String> e = new java.util.HashMap<>(env);
        e.put("QUEUE", "1");
        Result r = run(repo, runs, e, "queue", runs.toString());
        assertEquals(0, r.exit, r.out);
        return r.out;
    }

    /** The campaign on a copy of scripts/; a step that would train fails at once (no jar, no data): only the queue counts. */
    private static Result run(Path repo, Path runs, Map<String, String> env, String what, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", repo.resolve("scripts/claims-campaign.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("DATA", repo.resolve("no-data").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static Path repoCopy(Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("scripts"));
        for (String s : List.of("claims-campaign.sh", "claims-modelnet10.sh", "data-scaling.sh", "ledger.sh")) {
            Files.copy(Path.of("scripts", s), repo.resolve("scripts").resolve(s), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // A fake launcher: a step that gets as far as the jar stops there, so the test never trains.
        write(repo.resolve("recon"), "#!/usr/bin/env bash\necho 'no jar in this test' >&2; exit 9\n");
        repo.resolve("recon").toFile().setExecutable(true);
        return repo;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
