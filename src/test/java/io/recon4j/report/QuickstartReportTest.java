package io.recon4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.protocol.ClaimRow;
import io.recon4j.protocol.Quickstart;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The quickstart's report.html from a real (tiny) quickstart: every claim row, the charts' data and the viewers. */
@Tag("train")
class QuickstartReportTest {

    @Test
    void pageCarriesClaimsCurvesFoldsAndViewers() throws IOException {
        TinyQuickstart.Run run = TinyQuickstart.get();
        assertEquals(run.dir().resolve("report.html"), run.page());
        String html = Files.readString(run.page());
        Quickstart.Result r = run.result();

        // Every claim row with its verdict and, where measured, its paired CI, as in report.md.
        for (ClaimRow row : r.rows()) {
            assertTrue(html.contains(HtmlPage.escape(row.claim())), row.claim());
            assertTrue(html.contains(row.verdict().words()), row.claim());
            if (row.comparison() != null) {
                String ci = String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", row.comparison().meanDifference(),
                        row.comparison().low(), row.comparison().high());
                assertTrue(html.contains("<td class=\"l\">" + ci + "</td>"), row.claim() + " CI " + ci);
                assertTrue(html.contains(HtmlPage.escape(row.baselines().get(0).name())), row.claim());
            }
        }
        // The embedded three.js uses ** (exponentiation), so only the page outside its scripts is checked.
        assertFalse(html.replaceAll("(?s)<script.*?</script>", "").contains("**"), "Markdown bold converted");

        // Pretraining curves from both encoders' step logs, and every fold's accuracy of every encoder.
        Quickstart.Figures f = r.figures();
        assertEquals(java.util.List.of("ReCon", "Point-MAE†"), java.util.List.copyOf(f.pretrainingLogs().keySet()));
        assertTrue(html.contains("Pretraining loss (total, per step)") && html.contains("Masked point modelling term"));
        for (String encoder : f.pretrainingLogs().keySet()) {
            assertTrue(html.contains("<title>" + HtmlPage.escape(encoder) + ": 1 = "), encoder + " has a point at step 1");
        }
        assertEquals(3, f.fewShotUnseen().size());
        for (Map.Entry<String, double[]> e : f.fewShotUnseen().entrySet()) {
            assertEquals(3, e.getValue().length);
            for (int fold = 0; fold < 3; fold++) {
                String point = "<title>" + HtmlPage.escape(e.getKey()) + ": " + (fold + 1) + " = "
                        + String.format(Locale.ROOT, "%.4g", e.getValue()[fold]) + "</title>";
                assertTrue(html.contains(point), point);
            }
        }

        // One viewer per shape, each with the zero-shot prediction, the truth and the three queries' attention.
        Matcher v = Pattern.compile("class=\"viewer\" id=\"viewer-\\d+\"").matcher(html);
        int viewers = 0;
        while (v.find()) {
            viewers++;
        }
        assertEquals(f.shapes().size(), viewers);
        assertEquals(3, viewers);
        for (Quickstart.ShapeView s : f.shapes()) {
            assertTrue(html.contains("truth " + s.truth() + " · zero-shot " + s.predicted()), s.id());
            assertEquals(3, s.attention().size(), s.id());
        }
        assertEquals(3, f.shapes().stream().map(Quickstart.ShapeView::truth).distinct().count(), "one shape per class");
        assertTrue(html.contains("\"name\":\"cls\"") && html.contains("\"name\":\"img\"") && html.contains("\"name\":\"text\""));

        // Self-contained and well formed: nothing fetched, every element closed.
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(), "nothing fetched");
        assertFalse(html.contains("<link"), "no stylesheet links");
        String markup = html.replaceAll("(?s)<script>.*?</script>", "");
        for (String tag : new String[] {"table", "tr", "ul", "li", "div", "svg", "h2", "p", "script"}) {
            assertEquals(count(markup, "<" + tag + "[ >]"), count(markup, "</" + tag + ">"), "<" + tag + "> closed");
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
