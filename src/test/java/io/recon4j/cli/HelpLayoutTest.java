package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help fits 80 columns, and a hard-wrapped description reads as one paragraph. */
@Tag("cli")
class HelpLayoutTest {

    @Test
    void everyHelpLineFitsEightyColumns() {
        List<CommandLine> all = Cli.commands();
        assertTrue(all.size() > 20, "commands found: " + all.size());
        for (CommandLine cl : all) {
            StringWriter sw = new StringWriter();
            cl.usage(new PrintWriter(sw));
            for (String line : sw.toString().split("\\R")) {
                assertTrue(line.codePointCount(0, line.length()) <= HelpLayout.WIDTH,
                        cl.getCommandSpec().qualifiedName() + " help line of " + line.length() + " columns: " + line);
            }
        }
    }

    @Test
    void noDescriptionMakesPicocliWarn() {
        // picocli formats each description with String.format; an unescaped % makes it print a WARN on stderr and
        // show the raw text, so the rendering of every help page is watched for that warning.
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            for (CommandLine cl : Cli.commands()) {
                cl.usage(new PrintWriter(new StringWriter()));
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(warnings.contains("Could not format"), warnings);
    }

    @Test
    void descriptionsAreReflowedIntoParagraphsAndOptionsStillParse() {
        assertEquals(1, HelpLayout.paragraph(new String[] {"first half of a sentence,", "  its second half."}).length);
        assertEquals("first half of a sentence, its second half.",
                HelpLayout.paragraph(new String[] {"first half of a sentence,", "  its second half."})[0]);
        // An option whose description was rebuilt still binds its field.
        Cli.Run r = Cli.run("svm", "--checkpoint", "/no/such.pth");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--checkpoint /no/such.pth: no such file"), r.err());
    }
}
