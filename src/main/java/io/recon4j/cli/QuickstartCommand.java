package io.recon4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** WIP: rewritten when its pieces land. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, description = "WIP")
final class QuickstartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("quickstart: not written yet");
    }
}
