package io.recon4j.report;

import io.recon4j.protocol.Quickstart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real quickstart at a budget of seconds (10 + 4 shapes per class, 1 pretraining epoch, 3 folds of 5-way 5-shot)
 * and its report.html, run once per test JVM and shared by the report tests.
 */
final class TinyQuickstart {

    /** The run's result, its folder and its page. */
    record Run(Quickstart.Result result, Path dir, Path page) {
    }

    private static Run run;

    private TinyQuickstart() {
    }

    static synchronized Run get() throws IOException {
        if (run == null) {
            Path root = Files.createTempDirectory("recon4j-tiny-quickstart");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Path dir = root.resolve("run");
            Quickstart.Options o = Quickstart.Options.builder().optCounts(10, 4).optPretrainEpochs(1).optFewShot(3, 5, 5)
                    .optCacheDir(root.resolve("feature-cache")).build();
            Quickstart.Result r = Quickstart.run(o, dir);
            run = new Run(r, dir, QuickstartReport.write(r, dir));
        }
        return run;
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
