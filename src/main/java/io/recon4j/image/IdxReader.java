package io.recon4j.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST family's format): a big-endian magic number {@code 0x0000TTNN} (T the value
 * type, N the number of dimensions), N big-endian 32-bit sizes, then the values in row-major order. Only
 * unsigned bytes (T = 0x08) are supported, which is what image and label files use. Gzip-compressed files
 * ({@code .gz}, recognised by their content) are decompressed first; offsets in errors then count bytes of
 * the decompressed data.
 */
public final class IdxReader {

    /** Magic number of image files: unsigned bytes, 3 dimensions (N, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of label files: unsigned bytes, 1 dimension (N). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * The content of one IDX file.
     *
     * @param file where it was read from
     * @param dims the sizes, outermost first (e.g. N, rows, columns)
     * @param values the unsigned bytes in row-major order (read them with {@code & 0xFF})
     * @param headerBytes the size of the header, i.e. the file offset of {@code values[0]}
     */
    public record Contents(Path file, int[] dims, byte[] values, int headerBytes) {
        /** @return the first dimension (the number of images or labels) */
        public int count() {
            return dims[0];
        }
    }

    private IdxReader() {
    }

    /** Reads an image file (magic {@code 0x00000803}): dims (N, rows, columns). */
    public static Contents readImages(Path file) throws IOException {
        return read(file, IMAGES_MAGIC);
    }

    /** Reads a label file (magic {@code 0x00000801}): dims (N). */
    public static Contents readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC);
    }

    /**
     * @param file an IDX file, plain or gzip-compressed
     * @param expectedMagic the magic number the file must start with (fixes the value type and dimension count)
     * @return its dimensions and values
     * @throws IdxFormatException if the magic differs, the header or data is cut short, or bytes follow the data
     */
    public static Contents read(Path file, int expectedMagic) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B;
        byte[] bytes = gzip ? gunzip(file, raw) : raw;
        Where at = new Where(file, gzip);
        if (bytes.length < 4) {
            throw at.error(bytes.length, "file ends inside the 4-byte magic number; expected " + describe(expectedMagic));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default, as IDX
        int magic = buf.getInt(0);
        if (magic != expectedMagic) {
            throw at.error(0, "expected " + describe(expectedMagic) + ", found " + describe(magic));
        }
        int rank = magic & 0xFF;
        int header = 4 + 4 * rank;
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int offset = 4 + 4 * i;
            if (bytes.length < offset + 4) {
                throw at.error(bytes.length, "file ends inside the size of dimension " + i + " of " + rank
                        + " (the header is " + header + " bytes): truncated");
            }
            dims[i] = buf.getInt(offset);
            if (dims[i] < 0) {
                throw at.error(offset, "dimension " + i + " is " + Integer.toUnsignedString(dims[i])
                        + ", more than this reader supports (2^31 - 1)");
            }
            size *= dims[i];
            if (size > Integer.MAX_VALUE - header) {
                throw at.error(offset, "the array " + shape(Arrays.copyOf(dims, i + 1)) + " holds more than 2^31 values");
            }
        }
        long available = bytes.length - (long) header;
        if (available < size) {
            throw at.error(bytes.length, String.format(Locale.ROOT,
                    "file ends after %d of the %d value bytes of a %s array: truncated", available, size, shape(dims)));
        }
        if (available > size) {
            throw at.error(header + size, String.format(Locale.ROOT, "%d bytes follow the %d values of a %s array; "
                    + "expected the file to end here", available - size, size, shape(dims)));
        }
        return new Contents(file, dims, Arrays.copyOfRange(bytes, header, header + (int) size), header);
    }

    private static byte[] gunzip(Path file, byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IdxFormatException(file, "gzip stream", "cannot decompress (" + e.getMessage()
                    + "): the .gz file is corrupt or truncated", e);
        }
    }

    /** @return e.g. {@code 0x00000803 (IDX, unsigned bytes, 3 dimensions)} */
    static String describe(int magic) {
        String hex = String.format(Locale.ROOT, "magic 0x%08X", magic);
        if ((magic >>> 16) != 0) {
            return hex + " (not an IDX file: its first two bytes must be 0)";
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        String kind = switch (type) {
            case UNSIGNED_BYTE -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "shorts";
            case 0x0C -> "ints";
            case 0x0D -> "floats";
            case 0x0E -> "doubles";
            default -> String.format(Locale.ROOT, "unknown value type 0x%02X", type);
        };
        return hex + " (IDX, " + kind + ", " + rank + (rank == 1 ? " dimension)" : " dimensions)");
    }

    private static String shape(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }

    /** Builds errors whose location says whether offsets count compressed or decompressed bytes. */
    private record Where(Path file, boolean gzip) {
        IdxFormatException error(long offset, String problem) {
            String location = IdxFormatException.offset(offset) + (gzip ? " of the decompressed data" : "");
            return new IdxFormatException(file, location, problem);
        }
    }
}
