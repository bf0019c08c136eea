package io.recon4j.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary an embedding job prints, and the output checks made before any model loads. */
@Tag("fast")
class EmbedSummaryTest {

    @Test
    void summaryCountsResumedRowsAndPointsAtTheErrorColumnWhenErrorsWereCut() {
        Path out = Path.of("e.parquet");
        EmbedJob.Summary all = new EmbedJob.Summary(3, 1, 0, List.of(EmbedRow.failed("x.ply", "bad header")));
        assertEquals("embedded 3 of 4 files, 1 failed -> e.parquet\n  failed: x.ply: bad header\n", all.toText(4, out));
        EmbedJob.Summary cut = new EmbedJob.Summary(1, 2, 1, List.of(EmbedRow.failed("y.ply", "empty")));
        String text = cut.toText(3, out);
        assertTrue(text.startsWith("embedded 1 of 3 files, 2 failed (1 rows kept from the stopped run) -> e.parquet\n"), text);
        assertTrue(text.endsWith("  ... every failure is in the error column (status = 'error')\n"), text);
    }

    @Test
    void outputMustBeANewParquetFile(@TempDir Path dir) throws IOException {
        EmbedJob.checkOut(dir.resolve("new.parquet"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> EmbedJob.checkOut(dir.resolve("e.csv")));
        assertTrue(name.getMessage().contains("expected a .parquet file name"), name.getMessage());
        Path old = Files.writeString(dir.resolve("old.parquet"), "x");
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> EmbedJob.checkOut(old));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    }
}
