package io.recon4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.ClassSubset;
import io.recon4j.eval.ConfusionMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real (tiny) fine-tuning run: every part present, numbers from the run's own files. */
@Tag("train")
class RunReportTest {

    @Test
    void reportCarriesCurvesConfusionPerClassAndViewers(@TempDir Path dir) throws IOException {
        Path run = TinyRun.create(dir.resolve("run"));
        Path out = RunReport.write(run, TinyRun.test(), 3);
        assertEquals(run.resolve("report.html"), out);
        String html = Files.readString(out);
        assertTrue(html.contains("<svg class=\"chart\"") && html.contains("train (per step)") && html.contains("test OA"), "curves");
        // The confusion table is the run's confusion.csv, cell by cell.
        ConfusionMatrix m = ConfusionMatrix.parseCsv(Files.readString(run.resolve("confusion.csv")));
        assertEquals(TinyRun.test().size(), m.total());
        for (int a = 0; a < m.classes(); a++) {
            for (int p = 0; p < m.classes(); p++) {
                String cell = m.classNames().get(a) + " as " + m.classNames().get(p) + ": " + m.count(a, p) + " of " + m.support(a);
                assertTrue(html.contains(cell), cell);
            }
        }
        assertTrue(html.contains("<td>" + m.classNames().get(0) + "</td>"), "per-class table");
        // Three viewers, each with the three ReCon queries and a prediction.
        Matcher v = Pattern.compile("class=\"viewer\" id=\"viewer-\\d+\"").matcher(html);
        int viewers = 0;
        while (v.find()) {
            viewers++;
        }
        assertEquals(3, viewers);
        assertTrue(html.contains("\"name\":\"cls\"") && html.contains("\"name\":\"img\"") && html.contains("\"name\":\"text\""));
        assertTrue(html.contains("predicted"), "captions name the prediction");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "self-contained: nothing fetched");
    }

    @Test
    void refusesWhatIsNotARunAndDataOfOtherClasses(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunReport.write(dir, null, 0));
        assertTrue(e.getMessage().contains("not a fine-tuning run folder: it has no metrics.jsonl"), e.getMessage());
        Path run = TinyRun.create(dir.resolve("run"));
        List<String> two = TinyRun.test().classNames().subList(0, 2);
        e = assertThrows(IllegalArgumentException.class, () -> RunReport.write(run, ClassSubset.of(TinyRun.test(), two), 2));
        assertTrue(e.getMessage().contains("are not the run's"), e.getMessage());
        // Without data: a report without viewers.
        String html = Files.readString(RunReport.write(run, null, 0));
        assertTrue(html.contains("Confusion matrix") && !html.contains("id=\"viewer-0\""));
    }
}
