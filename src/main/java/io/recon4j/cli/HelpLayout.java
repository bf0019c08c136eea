package io.recon4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help texts that wrap cleanly at 80 columns: picocli prints each element of a {@code description} array on its own
 * line and wraps it, so the source's hard-wrapped lines would come out ragged; here each description becomes one
 * paragraph that picocli wraps once.
 */
final class HelpLayout {

    static final int WIDTH = 80;

    private HelpLayout() {
    }

    /** Reflows the descriptions of {@code cl} and of all its subcommands, recursively. */
    static void reflow(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().width(WIDTH);
        spec.usageMessage().description(paragraph(spec.usageMessage().description()));
        List<OptionSpec> ragged = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.description().length > 1) {
                ragged.add(o);
            }
        }
        for (OptionSpec o : ragged) {
            spec.remove(o);
            spec.addOption(o.toBuilder().description(paragraph(o.description())).build());
        }
        cl.getSubcommands().values().stream().distinct().forEach(HelpLayout::reflow);
    }

    /** @return the lines joined into one paragraph (an empty description stays empty) */
    static String[] paragraph(String[] lines) {
        if (lines.length <= 1) {
            return lines;
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return new String[] {sb.toString()};
    }
}
