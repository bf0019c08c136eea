package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/zeroshot-heldout.sh: its summary of every route and the campaign's CHECK_ONLY, with a java that only echoes. */
@Tag("fast")
class ZeroshotHeldoutScriptTest {

    @Test
    void summarisesEveryRouteBesideTheCeilingAndThenCountsAsDone(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("zs"));
        Files.writeString(out.resolve("recon4j.jar"), "frozen"); // the script copies a jar only when none is there
        Path teachers = Files.createDirectories(dir.resolve("teachers"));
        Files.writeString(teachers.resolve("mobilenetv2-12-int8.onnx"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // Each route answers with its own top-1 so that a swapped column shows; the pretraining leaves its checkpoint.
        Files.writeString(bin.resolve("java"), String.join("\n", "#!/usr/bin/env bash",
                "while [ \"$1\" != -jar ]; do shift; done; shift 2; args=\"$*\"; out=",
                "while [ $# -gt 0 ]; do [ \"$1\" = --out ] && out=\"$2\"; [ \"$1\" = --predictions ] && echo p > \"$2\"; shift; done",
                "case \"$args\" in",
                "  'teacher inspect'*) mkdir -p \"$out\"; printf '| shaded 26.78%% |\\n- shaded: names given toilet 9, table 0;'"
                        + "' transductive naming 61.50%%\\n' > \"$out/report.md\" ;;",
                "  pretrain*) mkdir -p \"$out\"; echo w > \"$out/pretrained.pth\" ;;",
                "  *image*transductive*) t=22.75 ;;& *transductive*) t=${t:-31.02} ;;& *--type\\ image*) t=${t:-28.44} ;;&"
                        + " zeroshot*) t=${t:-12.09}",
                "    [[ \"$args\" == *bed,chair* ]] && t=5$t",
                "    echo \"zero-shot (x) on modelnet10/test: 9 shapes, 5 classes: top-1 $t%, top-5 90.00%\"",
                "    echo \"names given / true: toilet $t/4, table 0/5\" ;;",
                "esac", ""));
        bin.resolve("java").toFile().setExecutable(true);
        Path ledger = dir.resolve("ledger");
        Map<String, String> env = Map.of("TEACHERS_DIR", teachers.toString(), "DATA", dir.resolve("no-data").toString(),
                "PATH", bin + ":" + System.getenv("PATH"), "LEDGER", ledger.toString());

        assertEquals(3, run(out, env, "1").exit(), "nothing run yet: CHECK_ONLY says pending");
        Result r = run(out, env, null);
        assertEquals(0, r.exit(), r.out());
        String md = Files.readString(out.resolve("zeroshot.md"));
        assertTrue(md.contains("| unseen | 12.09% | 31.02% | 28.44% | 22.75% | 26.78% | 61.50% |"), md);
        assertTrue(md.contains("| seen | 512.09% | 531.02% | 528.44% | 522.75% | – | – |"), "the seen row has no ceiling: " + md);
        // The names each route gave on the unseen shapes (not the seen ones), the teacher's last.
        assertTrue(md.contains("- text: toilet 12.09/4, table 0/5\n- text-transductive: toilet 31.02/4, table 0/5\n"
                + "- bridge: toilet 28.44/4, table 0/5\n"
                + "- bridge-transductive: toilet 22.75/4, table 0/5\n- teacher's own bridge (given): toilet 9, table 0\n"), md);
        assertTrue(Files.exists(ledger.resolve("predictions-bridge-unseen.json")), "the ledger keeps the per-shape predictions");
        assertEquals(0, run(out, env, "1").exit(), "the summary marks the step done");
        assertEquals(md, Files.readString(ledger.resolve("zeroshot.md")));
        assertTrue(Files.readString(ledger.resolve("teacher-unseen/report.md")).contains("26.78%")
                && Files.readString(ledger.resolve("zeroshot-bridge-unseen.log")).contains("top-1 28.44%"), "the ledger keeps the inputs");
        Files.delete(out.resolve("zeroshot.md"));
        assertEquals(0, run(out, env, "1").exit(), "the ledger's summary counts as done when the run folder is lost");
    }

    private static Result run(Path out, Map<String, String> env, String checkOnly) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", Path.of("scripts/zeroshot-heldout.sh").toAbsolutePath().toString(),
                out.toString(), "2")).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (checkOnly != null) {
            pb.environment().put("CHECK_ONLY", checkOnly);
        }
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), log);
    }

    private record Result(int exit, String out) { }
}
