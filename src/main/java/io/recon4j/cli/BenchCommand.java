package io.recon4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** WIP: rewritten when its pieces land. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "WIP")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("bench: not written yet");
    }
}
