package io.recon4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading: plain and gzipped files, and a specific error (file, byte offset, expected vs found) for each defect. */
@Tag("fast")
class IdxReaderTest {

    @TempDir
    Path dir;

    private static byte[] values(int n) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (i * 37 + 250); // wraps past 127: exercises the unsigned reading
        }
        return v;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private IdxFormatException fails(Path file, int magic) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file, magic));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void readsImagesAndLabelsPlainAndGzipped() throws IOException {
        byte[] v = values(2 * 3 * 4);
        byte[] images = IdxFiles.idx(new int[] {2, 3, 4}, v);
        for (Path p : new Path[] {write("img", images), write("img.gz", IdxFiles.gzip(images))}) {
            IdxReader.Contents c = IdxReader.readImages(p);
            assertArrayEquals(new int[] {2, 3, 4}, c.dims(), p.toString());
            assertArrayEquals(v, c.values(), p.toString());
            assertEquals(2, c.count());
            assertEquals(16, c.headerBytes());
            assertEquals(p, c.file());
        }
        IdxReader.Contents labels = IdxReader.readLabels(write("lab", IdxFiles.idx(new int[] {3}, new byte[] {9, 0, (byte) 255})));
        assertArrayEquals(new int[] {3}, labels.dims());
        assertEquals(255, labels.values()[2] & 0xFF);
        assertEquals(8, labels.headerBytes());
    }

    @Test
    void wrongMagicSaysWhatWasExpectedAndFound() throws IOException {
        Path labels = write("labels", IdxFiles.idx(new int[] {3}, new byte[3]));
        IdxFormatException e = fails(labels, IdxReader.IMAGES_MAGIC);
        assertEquals("byte 0", e.location());
        assertTrue(e.getMessage().contains("expected magic 0x00000803 (IDX, unsigned bytes, 3 dimensions), "
                + "found magic 0x00000801 (IDX, unsigned bytes, 1 dimension)"), e.getMessage());

        Path png = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertTrue(fails(png, IdxReader.IMAGES_MAGIC).getMessage().contains("found magic 0x89504E47 (not an IDX file"));

        byte[] floats = IdxFiles.idx(new int[] {1, 1, 1}, new byte[4]);
        floats[2] = 0x0D;
        assertTrue(fails(write("floats", floats), IdxReader.IMAGES_MAGIC).getMessage()
                .contains("found magic 0x00000D03 (IDX, floats, 3 dimensions)"));
    }

    @Test
    void truncatedHeaderAndDataGiveTheOffsetWhereTheFileEnds() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {2, 3, 4}, values(24));

        IdxFormatException magic = fails(write("m", Arrays.copyOf(whole, 2)), IdxReader.IMAGES_MAGIC);
        assertEquals("byte 2", magic.location());
        assertTrue(magic.getMessage().contains("file ends inside the 4-byte magic number"), magic.getMessage());

        IdxFormatException header = fails(write("h", Arrays.copyOf(whole, 10)), IdxReader.IMAGES_MAGIC);
        assertEquals("byte 10", header.location());
        assertTrue(header.getMessage().contains("inside the size of dimension 1 of 3 (the header is 16 bytes): truncated"),
                header.getMessage());

        IdxFormatException data = fails(write("d", Arrays.copyOf(whole, whole.length - 5)), IdxReader.IMAGES_MAGIC);
        assertEquals("byte " + (whole.length - 5), data.location());
        assertTrue(data.getMessage().contains("file ends after 19 of the 24 value bytes of a 2×3×4 array: truncated"),
                data.getMessage());

        IdxFormatException gz = fails(write("d.gz", IdxFiles.gzip(Arrays.copyOf(whole, whole.length - 5))),
                IdxReader.IMAGES_MAGIC);
        assertEquals("byte " + (whole.length - 5) + " of the decompressed data", gz.location());
    }

    @Test
    void extraBytesAfterTheDataAreRefused() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {2, 3, 4}, values(24));
        IdxFormatException e = fails(write("x", Arrays.copyOf(whole, whole.length + 3)), IdxReader.IMAGES_MAGIC);
        assertEquals("byte " + whole.length, e.location());
        assertTrue(e.getMessage().contains("3 bytes follow the 24 values of a 2×3×4 array; expected the file to end here"),
                e.getMessage());
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAllocating() throws IOException {
        byte[] bad = IdxFiles.idx(new int[] {2, 3, 4}, values(24));
        bad[8] = (byte) 0xFF; // dimension 1 = 0xFF000003: above 2^31 - 1 as an unsigned size
        IdxFormatException e = fails(write("big", bad), IdxReader.IMAGES_MAGIC);
        assertEquals("byte 8", e.location());
        assertTrue(e.getMessage().contains("dimension 1 is 4278190083, more than this reader supports"), e.getMessage());

        byte[] product = IdxFiles.idx(new int[] {65536, 65536, 1}, new byte[0]);
        IdxFormatException p = fails(write("product", product), IdxReader.IMAGES_MAGIC);
        assertEquals("byte 8", p.location());
        assertTrue(p.getMessage().contains("the array 65536×65536 holds more than 2^31 values"), p.getMessage());
    }

    @Test
    void corruptGzipIsReportedAsSuch() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(new int[] {2, 3, 4}, values(24)));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        IdxFormatException e = fails(cut, IdxReader.IMAGES_MAGIC);
        assertEquals("gzip stream", e.location());
        assertTrue(e.getMessage().contains("the .gz file is corrupt or truncated"), e.getMessage());
    }
}
