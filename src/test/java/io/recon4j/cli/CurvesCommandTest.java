package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.train.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon curves}: the table on stdout, the chart on request, a clear error for a folder without a log. */
@Tag("cli")
class CurvesCommandTest {

    private static Path run(Path dir, String name, double... accs) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        try (MetricsLog log = MetricsLog.open(d.resolve("metrics.jsonl"), -1)) {
            for (int e = 0; e < accs.length; e++) {
                log.log(Map.of("kind", "epoch", "epoch", e, "step", e + 1, "test_acc", accs[e]));
            }
        }
        return d;
    }

    @Test
    void printsTheTableAndDrawsTheChart(@TempDir Path dir) throws IOException {
        Path a = run(dir, "scratch", 30, 60, 90);
        Path b = run(dir, "recon", 70, 88, 91);
        Path png = dir.resolve("c.png");
        Cli.Run r = Cli.run("curves", "--run", "scratch=" + a, "--run", "recon=" + b, "--after", "1,2", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| recon | 3 | 70.00 | 88.00 | 91.00 | 91.00 (3) |"), r.out());
        assertTrue(r.out().indexOf("| scratch |") < r.out().indexOf("| recon |"), "rows in the order given");
        assertTrue(Files.size(png) > 1000);

        Cli.Run bad = Cli.run("curves", "--run", "x=" + dir.resolve("nowhere"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("nowhere has no metrics.jsonl"), bad.err());
    }
}
