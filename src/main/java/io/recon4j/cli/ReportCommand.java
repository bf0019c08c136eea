package io.recon4j.cli;

import io.recon4j.data.Split;
import io.recon4j.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon report RUN_DIR}: the interactive HTML report of a fine-tuning run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write RUN_DIR/report.html for a fine-tuning run folder: loss and accuracy curves, confusion",
            "matrix, per-class table and 3D viewers (rotate, zoom) of a few test shapes with the best checkpoint's",
            "prediction and each global query's attention. One self-contained file (three.js inline): opens offline.",
            "Give the data options the run was trained with (--data, --up, --classes) so the viewers show its test split."})
final class ReportCommand extends ReconCommand {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A recon finetune run folder (metrics.jsonl, config.json, ...).")
    Path runDir;

    @Option(names = "--shapes", defaultValue = "6", description = "Test shapes to show in 3D, one per class first; 0 for none "
            + "(default ${DEFAULT-VALUE}).")
    int shapes;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isRegularFile(runDir.resolve("metrics.jsonl"))) {
            throw new IllegalArgumentException(runDir + " is not a fine-tuning run folder: it has no metrics.jsonl");
        }
        Path out = RunReport.write(runDir, shapes > 0 ? data.load(Split.TEST) : null, shapes);
        PrintWriter pw = out();
        pw.println("report: " + out);
        pw.flush();
        return 0;
    }
}
