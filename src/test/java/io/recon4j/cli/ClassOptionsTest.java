package io.recon4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --classes} means class names in every command; a head's width is {@code --num-classes}. */
@Tag("cli")
class ClassOptionsTest {

    @Test
    void classesAreNamesEverywhereAndNumClassesIsAWidth() {
        int names = 0;
        int widths = 0;
        for (CommandLine cl : Cli.commands()) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                List<String> spellings = List.of(o.names());
                String where = cl.getCommandSpec().qualifiedName() + " " + spellings;
                if (spellings.contains("--classes")) {
                    assertEquals(List.class, o.type(), where);
                    names++;
                }
                if (spellings.contains("--num-classes")) {
                    assertEquals(int.class, o.type(), where);
                    widths++;
                }
            }
        }
        assertTrue(names > 5, "commands with --classes NAMES: " + names);
        assertEquals(4, widths, "forward, import, model info and parity trajectory take --num-classes");
    }

    @Test
    void modelInfoTakesTheHeadWidthAsNumClasses() {
        Cli.Run r = Cli.run("model", "info", "--size", "nano", "--num-classes", "15");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fine-tune model (15 classes, head full)"), r.out());
        Cli.Run old = Cli.run("model", "info", "--size", "nano", "--classes", "15");
        assertEquals(2, old.code());
        assertTrue(old.err().contains("Unknown options: '--classes', '15'"), old.err());
    }
}
