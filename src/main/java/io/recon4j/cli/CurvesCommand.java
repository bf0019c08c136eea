package io.recon4j.cli;

import io.recon4j.report.RunCurves;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon curves}: one per-epoch metric of several runs, as a table and one chart. */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = {"One per-epoch metric of several training runs side by side (their metrics.jsonl): a table",
            "of each run's value after chosen numbers of epochs, its last and its best (with the epoch), and with",
            "--plot one chart, a line per run. E.g. how fast fine-tuning from each pretraining reaches its accuracy."})
final class CurvesCommand extends ReconCommand {

    @Option(names = "--run", required = true, paramLabel = "NAME=DIR",
            description = {"A label and its run folder; repeat for each run, in display order",
                "(e.g. --run scratch=runs/ft-scratch --run recon=runs/ft-recon)."})
    Map<String, Path> runs = new LinkedHashMap<>();

    @Option(names = "--metric", defaultValue = "test_acc",
            description = "Field of the epoch records to compare (default ${DEFAULT-VALUE}; e.g. loss, acc, test_macc).")
    String metric;

    @Option(names = "--after", split = ",", defaultValue = "1,3,5,10,20",
            description = "Epoch counts to show a column for: the value after that many epochs (default ${DEFAULT-VALUE}).")
    List<Integer> after;

    @Option(names = "--lower-is-better", description = "The metric is a loss: 'best' is the lowest value.")
    boolean lowerIsBetter;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the metric against epochs, a line per run.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        RunCurves c = RunCurves.read(runs, metric);
        out().print(c.toMarkdown(after.stream().mapToInt(Integer::intValue).toArray(), !lowerIsBetter));
        if (plot != null) {
            c.plot(plot, metric + " per epoch");
            out().println("plot: " + plot);
        }
        out().flush();
        return 0;
    }
}
