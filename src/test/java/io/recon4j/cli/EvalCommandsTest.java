package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.protocol.TestPredictions;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tuning and evaluation commands are registered and reject bad input with a one-line reason. */
@Tag("cli")
@Tag("train")
class EvalCommandsTest {


    @Test
    void commandsAreListed() {
        Cli.Run r = Cli.run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"finetune", "test", "fewshot", "svm"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r.out());
        }
        Cli.Run t = Cli.run("test", "--help");
        assertTrue(t.out().contains("--official-best-of"), t.out());
    }

    @Test
    void badInputGivesAOneLineReason(@TempDir Path dir) {
        Cli.Run noCheckpoint = Cli.run("test");
        assertEquals(2, noCheckpoint.code());
        assertTrue(noCheckpoint.err().contains("Missing required option: '--checkpoint"), noCheckpoint.err());

        String missing = dir.resolve("missing.pth").toString();
        Cli.Run svm = Cli.run("svm", "--checkpoint", missing, "--out", dir.resolve("svm").toString());
        assertEquals(1, svm.code());
        assertTrue(svm.err().contains("recon svm: --checkpoint " + missing + ": no such file"), svm.err());

        Cli.Run head = Cli.run("finetune", "--head", "mlp4", "--out", dir.resolve("ft").toString());
        assertEquals(1, head.code());
        assertTrue(head.err().contains("unknown head type 'mlp4': expected full, mlp3 or linear"), head.err());

        Cli.Run resume = Cli.run("fewshot", "--resume");
        assertEquals(1, resume.code());
        assertTrue(resume.err().contains("--resume needs --out"), resume.err());
    }

    @Test
    void svmReportsTheLogisticProbeBesideTheSvm(@TempDir Path dir) throws java.io.IOException {
        Cli.Run r = Cli.run("svm", "--trans-dim", "48", "--depth", "1", "--heads", "2", "--groups", "16", "--group-size", "8",
                "--points", "256", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        java.util.regex.Matcher svm = java.util.regex.Pattern.compile("test accuracy ([0-9.]+) %").matcher(r.out());
        assertTrue(svm.find(), r.out());
        java.util.regex.Matcher log = java.util.regex.Pattern
                .compile("logistic-regression probe \\(z-scored features, C=([0-9.]+) by 5-fold CV on train, CV ([0-9.]+) %\\): "
                        + "test accuracy ([0-9.]+) %").matcher(r.out());
        assertTrue(log.find(), r.out());
        // 16 procedural classes: even a random encoder's features carry shape information well above chance (6.25 %).
        assertTrue(Double.parseDouble(log.group(3)) > 20, r.out());
        String md = java.nio.file.Files.readString(dir.resolve("svm.md"));
        assertTrue(md.contains("logistic-regression probe") && md.contains("linear SVM"), md);
        // Each test shape's predictions are kept, and say the same accuracies as the report.
        TestPredictions p = TestPredictions.read(dir.resolve("predictions.json"));
        assertEquals(Double.parseDouble(svm.group(1)), p.accuracy(TestPredictions.SVM), 0.006);
        assertEquals(Double.parseDouble(log.group(3)), p.accuracy(TestPredictions.LOGISTIC), 0.006);
        assertEquals(p.size(), new java.util.HashSet<>(p.ids()).size(), "one id per test shape");

        // Another random encoder on the same test shapes: recon compare pairs the two runs shape by shape.
        Path other = dir.resolve("seed2");
        Cli.Run r2 = Cli.run("svm", "--trans-dim", "48", "--depth", "1", "--heads", "2", "--groups", "16", "--group-size", "8",
                "--points", "256", "--seed", "2", "--out", other.toString());
        assertEquals(0, r2.code(), r2.err());
        Cli.Run cmp = Cli.run("compare", "--a", dir.toString(), "--b", other.toString(), "--name-a", "s1", "--name-b", "s2");
        assertEquals(0, cmp.code(), cmp.err());
        TestPredictions q = TestPredictions.read(other.resolve("predictions.json"));
        double diff = p.accuracy(TestPredictions.SVM) - q.accuracy(TestPredictions.SVM);
        assertTrue(cmp.out().contains("s1 - s2 (linear SVM, per test shape, 1 seed; "), cmp.out());
        assertTrue(cmp.out().contains(String.format(java.util.Locale.ROOT, "): %+.2f [", diff)), cmp.out());
        Cli.Run logistic = Cli.run("compare", "--a", dir.toString(), "--b", other.toString(), "--probe", "logistic");
        assertTrue(logistic.out().contains("(logistic probe, per test shape"), logistic.out());
    }

    @Test
    void testKeepsEachShapesPredictionsAndTwoTestsAreComparedShapeByShape(@TempDir Path dir) throws java.io.IOException {
        Path ft = dir.resolve("ft");
        Cli.Run f = Cli.run("finetune", "--trans-dim", "48", "--depth", "1", "--heads", "2", "--groups", "16", "--group-size", "8",
                "--points", "256", "--epochs", "1", "--out", ft.toString());
        assertEquals(0, f.code(), f.err());
        // Two tests of one model whose voting passes draw differently (--seed): paired on the same shapes.
        Path[] tests = new Path[2];
        for (int seed = 0; seed < 2; seed++) {
            tests[seed] = dir.resolve("seed" + seed).resolve("test");
            Cli.Run t = Cli.run("test", "--checkpoint", ft.resolve("ckpt-last.pth").toString(), "--votes", "2", "--passes", "2",
                    "--seed", Integer.toString(seed + 1), "--out", tests[seed].toString());
            assertEquals(0, t.code(), t.err());
            java.util.regex.Matcher plain = java.util.regex.Pattern.compile("plain test .*: OA ([0-9.]+) %").matcher(t.out());
            java.util.regex.Matcher vote = java.util.regex.Pattern.compile("voting pass 2/2 \\(2 votes\\): OA ([0-9.]+) %").matcher(t.out());
            assertTrue(plain.find() && vote.find(), t.out());
            TestPredictions p = TestPredictions.read(tests[seed].resolve("predictions.json"));
            assertEquals(java.util.List.of("plain", "vote", "vote-2"), p.columns());
            assertEquals(Double.parseDouble(plain.group(1)), p.accuracy(TestPredictions.PLAIN), 0.006);
            assertEquals(Double.parseDouble(vote.group(1)), p.accuracy("vote-2"), 0.006);
        }
        Cli.Run plain = Cli.run("compare", "--a", tests[0].toString(), "--b", tests[1].toString());
        assertTrue(plain.out().contains("A - B (plain test, per test shape, 1 seed; A ahead on 0, B on 0): +0.00"), plain.out());
        Cli.Run cmp = Cli.run("compare", "--a", tests[0].toString(), "--b", tests[1].toString(), "--column", "vote",
                "--name-a", "one", "--name-b", "two");
        assertEquals(0, cmp.code(), cmp.err());
        assertTrue(cmp.out().contains("one - two (voting test, per test shape, 1 seed; "), cmp.out());
        Cli.Run svm = Cli.run("compare", "--a", tests[0].toString(), "--b", tests[1].toString(), "--column", "svm");
        assertEquals(2, svm.code(), svm.out() + svm.err());
        assertTrue(svm.err().contains("no predictions column 'svm'; there are [plain, vote, vote-2]"), svm.err());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyWorkAndLeaveNoRunFolder(@TempDir Path dir) {
        Path pre = dir.resolve("pre");
        Cli.Run epochs = Cli.run("pretrain", "--epochs", "-3", "--out", pre.toString());
        assertEquals(1, epochs.code());
        assertTrue(epochs.err().contains("need epochs > 0") && epochs.err().contains("got -3 epochs"), epochs.err());
        // No teacher feature was computed (that prints a spread report) and no folder was left behind.
        assertTrue(!epochs.out().contains("teacher features over the training set"), epochs.out());
        assertTrue(!java.nio.file.Files.exists(pre), "run folder left behind");
        // The stop-gradient deviation exists only where ReCon's two-stream blocks do.
        Cli.Run noBlock = Cli.run("pretrain", "--method", "multitask", "--no-stop-gradient", "--out", pre.toString());
        assertEquals(1, noBlock.code());
        assertTrue(noBlock.err().contains("--no-stop-gradient: method multitask has no ReCon block"), noBlock.err());
        assertTrue(!noBlock.out().contains("teacher features over the training set"), noBlock.out());
        assertTrue(!java.nio.file.Files.exists(pre), "run folder left behind");
        Path svm = dir.resolve("svm");
        Cli.Run missing = Cli.run("svm", "--checkpoint", dir.resolve("missing.pth").toString(), "--out", svm.toString());
        assertEquals(1, missing.code());
        assertTrue(!java.nio.file.Files.exists(svm), "run folder left behind");
    }
}
