package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line summary of a cloud file: point count, bounding box, format; a missing file is an error. */
@Tag("fast")
class CloudSummaryTest {

    @Test
    void summarisesPointsBoxAndFormat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("three.xyz");
        Files.writeString(f, "0 0 0\n1 -2 3\n0.5 0.5 0.5\n");
        assertEquals("points=3 bbox=[0.00000,-2.00000,0.00000]..[1.00000,0.500000,3.00000] format="
                + CloudIO.read(f).format(), CloudSummary.of(f));
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> CloudSummary.of(dir.resolve("none.ply")));
    }
}
