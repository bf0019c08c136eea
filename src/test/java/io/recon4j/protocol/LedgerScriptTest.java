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

/** scripts/ledger.sh: what a lost run folder keeps in the repository, and how a resumed run gets it back. */
@Tag("fast")
class LedgerScriptTest {

    @Test
    void keepsFinishedResultsButNoCheckpoints(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("claims-s2");
        Path ledger = dir.resolve("results/claims-s2");
        write(run.resolve("timeline.txt"), "[07:00:00] start svm-scratch\n");
        write(run.resolve("svm-scratch/svm.md"), "linear SVM ... test accuracy 86.34 %\n");
        write(run.resolve("svm-running/features.csv"), "unfinished: no svm.md yet\n");
        // few-shot: fold 0 finished, fold 1 interrupted mid-training
        write(run.resolve("fs-5w-scratch/fold-0/fold.json"), "{\"fold\":0}\n");
        write(run.resolve("fs-5w-scratch/fold-0/result.json"), "{\"fold\":0,\"best_acc\":84.0,\"best_epoch\":126}\n");
        write(run.resolve("fs-5w-scratch/fold-0/per-class.md"), "table\n");
        write(run.resolve("fs-5w-scratch/fold-0/ckpt-best.pth"), "weights");
        write(run.resolve("fs-5w-scratch/fold-1/fold.json"), "{\"fold\":1}\n");
        write(run.resolve("fs-5w-scratch/fold-1/ckpt-last.pth"), "weights");
        write(run.resolve("fs-5w-scratch/fewshot.md"), "| 0 | 84.00 | 126 |\n — incomplete: resume to finish\n");
        // pretraining: metrics kept aside, the checkpoint not
        write(run.resolve("mpm/config.json"), "{\"epochs\":20}\n");
        write(run.resolve("mpm/pretrained.pth"), "weights");
        Files.write(run.resolve("mpm/huge.csv"), new byte[600 * 1024]);
        Files.write(run.resolve("mpm/metrics.jsonl"), new byte[600 * 1024]);

        assertEquals(0, ledger("save", run, ledger).exit);
        assertTrue(Files.exists(ledger.resolve("timeline.txt")));
        assertTrue(Files.exists(ledger.resolve("svm-scratch/svm.md")));
        assertFalse(Files.exists(ledger.resolve("svm-running")), "an unfinished stage is not kept");
        assertTrue(Files.exists(ledger.resolve("fs-5w-scratch/fold-0/result.json")));
        assertTrue(Files.exists(ledger.resolve("fs-5w-scratch/fold-0/fold.json")), "the split goes with its result");
        assertFalse(Files.exists(ledger.resolve("fs-5w-scratch/fold-0/ckpt-best.pth")), "no checkpoint is kept");
        assertFalse(Files.exists(ledger.resolve("fs-5w-scratch/fold-1")), "an unfinished fold is not kept");
        assertTrue(Files.exists(ledger.resolve("pre-mpm/config.json")));
        assertFalse(Files.exists(ledger.resolve("mpm")), "a pretraining folder is kept aside, as pre-<name>");
        assertFalse(Files.exists(ledger.resolve("pre-mpm/huge.csv")), "files above 512 KiB are left out");
        assertTrue(Files.exists(ledger.resolve("pre-mpm/metrics.jsonl")), "... but not a training log below 2 MiB");

        // The machine is lost: a new run folder gets the results back, and a resumed stage finds its finished folds.
        Path fresh = dir.resolve("new/claims-s2");
        write(fresh.resolve("svm-scratch/svm.md"), "newer\n");
        assertEquals(0, ledger("restore", fresh, ledger).exit);
        assertEquals("newer\n", Files.readString(fresh.resolve("svm-scratch/svm.md")), "restore overwrites nothing");
        assertTrue(Files.exists(fresh.resolve("fs-5w-scratch/fold-0/result.json")));
        assertTrue(Files.exists(fresh.resolve("timeline.txt")));
        assertFalse(Files.exists(fresh.resolve("mpm")), "the pretraining folder starts clean");

        // Saving twice changes nothing; a later finished fold is added.
        write(run.resolve("fs-5w-scratch/fold-1/result.json"), "{\"fold\":1,\"best_acc\":80.0,\"best_epoch\":114}\n");
        Result again = ledger("save", run, ledger);
        assertEquals(0, again.exit, again.out);
        assertTrue(Files.exists(ledger.resolve("fs-5w-scratch/fold-1/result.json")));
    }

    @Test
    void anUnfinishedRerunOfAPretrainingKeepsTheFinishedRecord(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("claims-s2");
        Path ledger = dir.resolve("results/claims-s2");
        write(ledger.resolve("pre-mpm/metrics.jsonl"), "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n");
        // The machine was lost; the pretraining runs again and is stopped after its first step.
        write(run.resolve("mpm/metrics.jsonl"), "{\"step\":1}\n");
        write(run.resolve("mpm/ckpt-last.pth"), "weights");
        assertEquals(0, ledger("save", run, ledger).exit);
        assertEquals(3, Files.readAllLines(ledger.resolve("pre-mpm/metrics.jsonl")).size(), "the longer record stays");
        // Once it has finished, its own record is kept.
        write(run.resolve("mpm/metrics.jsonl"), "{\"step\":1}\n{\"step\":2}\n");
        write(run.resolve("mpm/pretrained.pth"), "weights");
        assertEquals(0, ledger("save", run, ledger).exit);
        assertEquals(2, Files.readAllLines(ledger.resolve("pre-mpm/metrics.jsonl")).size());
    }

    @Test
    void aFinishedRerunOnAnotherStartKeepsTheEarlierRecordBesideIt(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("claims-s4");
        Path ledger = dir.resolve("results/claims-s4");
        // The kept record: a pretraining that started on 12-06 (its SVM and folds were measured on that encoder).
        write(ledger.resolve("pre-recon/metrics.jsonl"), "{\"loss\":1.0690002}\n");
        write(ledger.resolve("pre-recon/numerics.txt"), "2026-12-06T17:00:08Z start: PyTorch 2.7.1 on cpu(); AMD EPYC\n");
        // The machine was lost; the same seed pretrains again on another CPU and finishes (a float-noise sibling).
        write(run.resolve("recon/metrics.jsonl"), "{\"loss\":1.0690004}\n");
        write(run.resolve("recon/numerics.txt"), "2026-12-07T07:59:28Z start: PyTorch 2.7.1 on cpu(); Intel Xeon\n");
        write(run.resolve("recon/pretrained.pth"), "weights");
        for (int i = 0; i < 2; i++) { // saving again changes nothing
            assertEquals(0, ledger("save", run, ledger).exit);
            assertEquals("{\"loss\":1.0690004}\n", Files.readString(ledger.resolve("pre-recon/metrics.jsonl")), "the newest run in place");
            Path earlier = ledger.resolve("pre-recon/earlier/20261206T170008Z");
            assertEquals("{\"loss\":1.0690002}\n", Files.readString(earlier.resolve("metrics.jsonl")), "the earlier run beside it");
            assertTrue(Files.readString(earlier.resolve("numerics.txt")).contains("AMD EPYC"));
            try (var kept = Files.list(ledger.resolve("pre-recon/earlier"))) {
                assertEquals(1, kept.count(), "one earlier record");
            }
        }
        // A record without a start line (older ledgers) is replaced as before: nothing to name it by.
        write(ledger.resolve("pre-mpm/metrics.jsonl"), "{\"step\":1}\n");
        write(run.resolve("mpm/metrics.jsonl"), "{\"step\":2}\n");
        write(run.resolve("mpm/numerics.txt"), "2026-12-07T08:00:00Z start: PyTorch 2.7.1 on cpu()\n");
        write(run.resolve("mpm/pretrained.pth"), "weights");
        assertEquals(0, ledger("save", run, ledger).exit);
        assertEquals("{\"step\":2}\n", Files.readString(ledger.resolve("pre-mpm/metrics.jsonl")));
        assertFalse(Files.exists(ledger.resolve("pre-mpm/earlier")));
    }

    @Test
    void restoreNeverShowsHalfAFile(@TempDir Path dir) throws Exception {
        // Two campaign lanes restore the same run folder at once; the one that finds a file must find all of it
        // (CI once saw a 10-fold fewshot.md as pending because the other lane was still copying it).
        Path ledger = dir.resolve("results/claims-s2");
        Path big = ledger.resolve("fs-5w-recon/fewshot.md");
        Files.createDirectories(big.getParent());
        byte[] body = new byte[48 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        Files.write(big, body);
        Path run = dir.resolve("runs/claims-s2");
        Path copy = run.resolve("fs-5w-recon/fewshot.md");
        Process p = new ProcessBuilder(List.of("bash", Path.of("scripts/ledger.sh").toAbsolutePath().toString(),
                "restore", run.toString(), ledger.toString())).redirectErrorStream(true).start();
        long seen = -1;
        while (p.isAlive() && seen < 0) {
            if (Files.exists(copy)) {
                seen = Files.size(copy);
            }
        }
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (seen >= 0) {
            assertEquals(body.length, seen, "a restored file appears whole or not at all");
        }
        assertEquals(body.length, Files.size(copy));
        try (var files = Files.list(copy.getParent())) {
            assertEquals(List.of(copy), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void restoreWithoutLedgerIsNotAnError(@TempDir Path dir) throws Exception {
        Result r = ledger("restore", dir.resolve("run"), dir.resolve("results/none"));
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("nothing kept"), r.out);
    }

    private record Result(int exit, String out) { }

    private static Result ledger(String cmd, Path run, Path ledger) throws IOException, InterruptedException {
        Path script = Path.of("scripts/ledger.sh").toAbsolutePath();
        Process p = new ProcessBuilder(List.of("bash", script.toString(), cmd, run.toString(), ledger.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
