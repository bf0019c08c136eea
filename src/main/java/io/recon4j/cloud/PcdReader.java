package io.recon4j.cloud;

import com.ning.compress.lzf.LZFException;
import io.recon4j.cloud.PcdHeader.Field;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads PCL's PCD files, v0.5 and v0.7, with {@code DATA ascii}, {@code binary} (little-endian
 * array of structs) or {@code binary_compressed} (LZF over a struct-of-arrays layout).
 *
 * <p>Field mapping: {@code x y z} (each COUNT 1) become the coordinates; {@code normal_x/_y/_z}
 * become {@code nx ny nz}; {@code rgb}/{@code rgba} (4 bytes, packed {@code 0xAARRGGBB} as a float
 * or an unsigned int) become {@code r g b} (and {@code a} for rgba) in 0..255; padding fields named
 * {@code _} are skipped; a field with COUNT c &gt; 1 becomes {@code name_0 .. name_<c-1>}; every other
 * field keeps its name. All values are converted to float (64-bit integers and doubles lose precision).
 *
 * <p>Organised clouds (HEIGHT &gt; 1) are read as WIDTH x HEIGHT points in row order. Such clouds
 * from PCL mark invalid pixels with NaN coordinates: by default any non-finite x, y or z is an
 * error naming the point; with {@link Options#dropNonFinite()} those points are dropped instead and
 * counted in {@link Result#droppedNonFinite()}. Extra fields may hold NaN either way (e.g. normals).
 *
 * <p>Like PCL, ASCII values are parsed by their TYPE: a packed colour of TYPE U (what PCL's ASCII
 * writer declares) is the unsigned integer, one of TYPE F the float whose bits are the colour.
 * Stricter than PCL: an ASCII line with the wrong number of values, or data lines beyond POINTS,
 * are errors (PCL warns and skips). Not supported: big-endian binary data (PCL writes host order,
 * little-endian in practice).
 */
public final class PcdReader implements CloudReader {

    /**
     * Reading options.
     *
     * @param dropNonFinite drop points whose x, y or z is NaN or infinite instead of failing
     */
    public record Options(boolean dropNonFinite) {
        /** Strict reading: non-finite coordinates are an error. */
        public static final Options STRICT = new Options(false);
        /** Reading that drops points with non-finite coordinates (for organised PCL clouds). */
        public static final Options DROP_NON_FINITE = new Options(true);
    }

    /**
     * The outcome of a read, with the header facts that {@link CloudFile} does not carry.
     *
     * @param file the points and format (e.g. {@code "pcd/binary"})
     * @param width the header's WIDTH
     * @param height the header's HEIGHT (1 for unorganised clouds)
     * @param droppedNonFinite points dropped for non-finite coordinates (0 unless dropping is enabled)
     */
    public record Result(CloudFile file, long width, long height, int droppedNonFinite) {
    }

    private final Options options;

    /** A strict reader. */
    public PcdReader() {
        this(Options.STRICT);
    }

    /** A reader with the given options. */
    public PcdReader(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public CloudFile read(Path file) throws IOException {
        return readWithDetails(file).file();
    }

    /**
     * Reads a file and reports the header's organisation and how many points were dropped.
     *
     * @throws CloudFormatException if the content is malformed (names the file, line or byte, and expectation)
     * @throws IOException if the file cannot be read
     */
    public Result readWithDetails(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        PcdHeader header = PcdHeader.parse(file, bytes);
        Layout layout = Layout.of(file, header);
        Source source;
        switch (header.data) {
            case ASCII: source = new AsciiSource(file, header, bytes); break;
            case BINARY: source = new BinarySource(file, header, bytes); break;
            case BINARY_COMPRESSED: source = new CompressedSource(file, header, bytes); break;
            default: throw new AssertionError(header.data);
        }
        return decode(file, header, layout, source);
    }

    private Result decode(Path file, PcdHeader header, Layout layout, Source source) throws CloudFormatException {
        int n = header.points;
        float[] xyz = new float[3 * n];
        float[][] extra = new float[layout.names.size()][n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            source.select(i);
            try {
                for (Target t : layout.targets) {
                    t.store(source, extra, kept, xyz);
                }
            } catch (NumberFormatException e) {
                throw new CloudFormatException(file, source.location(i), e.getMessage(), e);
            } catch (IndexOutOfBoundsException e) {
                // Sizes are validated up front, so this means a reader bug; still report it as a format error.
                throw new CloudFormatException(file, source.location(i), "point " + i + " lies outside the data ("
                        + e.getMessage() + ")", e);
            }
            if (!finite(xyz, kept)) {
                if (!options.dropNonFinite()) {
                    throw new CloudFormatException(file, source.location(i), "point " + i + " has non-finite coordinates ("
                            + xyz[3 * kept] + ", " + xyz[3 * kept + 1] + ", " + xyz[3 * kept + 2]
                            + "); read with PcdReader.Options.DROP_NON_FINITE to drop such points");
                }
                continue;
            }
            kept++;
        }
        source.finish();
        if (kept == 0) {
            throw new CloudFormatException(file, "data", "empty cloud: all " + n + " points have non-finite coordinates");
        }
        Map<String, float[]> fields = new LinkedHashMap<>();
        for (int f = 0; f < extra.length; f++) {
            fields.put(layout.names.get(f), kept == n ? extra[f] : java.util.Arrays.copyOf(extra[f], kept));
        }
        PointCloud cloud = new PointCloud(kept == n ? xyz : java.util.Arrays.copyOf(xyz, 3 * kept), fields);
        return new Result(CloudFile.ofPoints(cloud, "pcd/" + header.data.keyword), header.width, header.height, n - kept);
    }

    private static boolean finite(float[] xyz, int point) {
        return Float.isFinite(xyz[3 * point]) && Float.isFinite(xyz[3 * point + 1]) && Float.isFinite(xyz[3 * point + 2]);
    }

    /** Where each field's values go: coordinates, a named float field, unpacked colour, or nowhere. */
    private static final class Layout {
        final List<String> names = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();

        static Layout of(Path file, PcdHeader header) throws CloudFormatException {
            Layout layout = new Layout();
            for (Field f : header.fields) {
                String name = f.name();
                if (f.isPadding()) {
                    continue;
                }
                if (name.equals("x") || name.equals("y") || name.equals("z")) {
                    int axis = name.charAt(0) - 'x';
                    layout.targets.add((s, extra, p, xyz) -> xyz[3 * p + axis] = (float) s.value(f, 0));
                } else if ((name.equals("rgb") || name.equals("rgba")) && f.count() == 1 && f.type().size() == 4) {
                    boolean alpha = name.equals("rgba");
                    int r = layout.add(file, "r", name);
                    int g = layout.add(file, "g", name);
                    int b = layout.add(file, "b", name);
                    int a = alpha ? layout.add(file, "a", name) : -1;
                    layout.targets.add((s, extra, p, xyz) -> {
                        int bits = s.packed(f);
                        extra[r][p] = (bits >>> 16) & 0xFF;
                        extra[g][p] = (bits >>> 8) & 0xFF;
                        extra[b][p] = bits & 0xFF;
                        if (a >= 0) {
                            extra[a][p] = (bits >>> 24) & 0xFF;
                        }
                    });
                } else if (f.count() == 1) {
                    String out = name.startsWith("normal_") && name.length() == 8 && "xyz".indexOf(name.charAt(7)) >= 0
                            ? "n" + name.charAt(7) : name;
                    int idx = layout.add(file, out, name);
                    layout.targets.add((s, extra, p, xyz) -> extra[idx][p] = (float) s.value(f, 0));
                } else {
                    for (int k = 0; k < f.count(); k++) {
                        int idx = layout.add(file, name + "_" + k, name);
                        int element = k;
                        layout.targets.add((s, extra, p, xyz) -> extra[idx][p] = (float) s.value(f, element));
                    }
                }
            }
            return layout;
        }

        private int add(Path file, String out, String from) throws CloudFormatException {
            if (names.contains(out)) {
                throw new CloudFormatException(file, "FIELDS", "field '" + from + "' maps to '" + out
                        + "', which another field already produced");
            }
            names.add(out);
            return names.size() - 1;
        }
    }

    /** Copies one field of the selected point into the output arrays. */
    @FunctionalInterface
    private interface Target {
        void store(Source source, float[][] extra, int outPoint, float[] xyz) throws CloudFormatException;
    }

    /** Values of one point at a time, whatever the encoding. */
    private interface Source {
        /** Moves to point {@code i}; points are visited in order. */
        void select(int i) throws CloudFormatException;

        /** @return element {@code k} of field {@code f} of the selected point */
        double value(Field f, int k) throws CloudFormatException;

        /** @return the 32 raw bits of a packed colour field of the selected point */
        int packed(Field f) throws CloudFormatException;

        /** @return the location of point {@code i} for error messages */
        String location(int i);

        /** Checks what follows the last point. */
        default void finish() throws CloudFormatException {
        }
    }

    /** {@code DATA binary}: points one after another, each {@code pointBytes} long, fields at their offsets. */
    private static final class BinarySource implements Source {
        private final ByteBuffer buf;
        private final PcdHeader header;
        private int base;

        BinarySource(Path file, PcdHeader header, byte[] bytes) throws CloudFormatException {
            this.header = header;
            long needed = (long) header.points * header.pointBytes;
            long available = bytes.length - header.dataOffset;
            if (available < needed) {
                throw new CloudFormatException(file, CloudFormatException.offset(bytes.length),
                        "truncated binary data: " + header.points + " points x " + header.pointBytes + " bytes = " + needed
                                + " bytes expected from byte " + header.dataOffset + ", only " + available + " available");
            }
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void select(int i) {
            base = header.dataOffset + i * header.pointBytes;
        }

        @Override
        public double value(Field f, int k) {
            return f.type().read(buf, base + f.offset() + k * f.type().size());
        }

        @Override
        public int packed(Field f) {
            return buf.getInt(base + f.offset());
        }

        @Override
        public String location(int i) {
            return CloudFormatException.offset((long) header.dataOffset + (long) i * header.pointBytes);
        }
    }

    /**
     * {@code DATA binary_compressed}: uint32 compressed size, uint32 uncompressed size, then raw LZF
     * of all values of field 1 (point after point), then all of field 2, ...; padding fields are absent.
     */
    private static final class CompressedSource implements Source {
        private final ByteBuffer buf;
        private final Map<Field, Integer> starts = new java.util.IdentityHashMap<>();
        private int point;

        CompressedSource(Path file, PcdHeader header, byte[] bytes) throws CloudFormatException {
            int at = header.dataOffset;
            if (bytes.length - at < 8) {
                throw new CloudFormatException(file, CloudFormatException.offset(bytes.length),
                        "truncated binary_compressed data: expected 8 bytes of sizes at byte " + at + ", only "
                                + Math.max(0, bytes.length - at) + " available");
            }
            ByteBuffer sizes = ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN);
            long compressed = sizes.getInt() & 0xFFFFFFFFL;
            long uncompressed = sizes.getInt() & 0xFFFFFFFFL;
            long expected = 0;
            for (Field f : header.fields) {
                expected += f.isPadding() ? 0 : (long) f.bytes() * header.points;
            }
            if (uncompressed != expected) {
                throw new CloudFormatException(file, CloudFormatException.offset(at + 4), "compressed size mismatch: "
                        + "uncompressed size " + uncompressed + " in the file, but " + header.points
                        + " points of the non-padding fields need " + expected + " bytes");
            }
            if (expected > Integer.MAX_VALUE - 16) {
                throw new CloudFormatException(file, CloudFormatException.offset(at + 4),
                        "uncompressed size " + expected + " exceeds the supported 2 GB");
            }
            long available = bytes.length - (at + 8L);
            if (compressed > available) {
                throw new CloudFormatException(file, CloudFormatException.offset(bytes.length),
                        "truncated binary_compressed data: " + compressed + " compressed bytes expected from byte "
                                + (at + 8) + ", only " + available + " available");
            }
            if (compressed == 0) {
                throw new CloudFormatException(file, CloudFormatException.offset(at),
                        "compressed size mismatch: compressed size 0 cannot hold " + expected + " bytes");
            }
            int start = 0;
            for (Field f : header.fields) {
                if (!f.isPadding()) {
                    starts.put(f, start);
                    start += f.bytes() * header.points;
                }
            }
            byte[] raw;
            try {
                raw = Lzf.decompress(java.util.Arrays.copyOfRange(bytes, at + 8, at + 8 + (int) compressed), (int) expected);
            } catch (LZFException e) {
                throw new CloudFormatException(file, CloudFormatException.offset(at + 8), "corrupt LZF data ("
                        + compressed + " bytes that should expand to " + expected + "): " + e.getMessage(), e);
            }
            this.buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void select(int i) {
            point = i;
        }

        @Override
        public double value(Field f, int k) {
            return f.type().read(buf, starts.get(f) + (point * f.count() + k) * f.type().size());
        }

        @Override
        public int packed(Field f) {
            return buf.getInt(starts.get(f) + point * 4);
        }

        @Override
        public String location(int i) {
            return "point " + i + " of the decompressed data";
        }
    }

    /** {@code DATA ascii}: one point per non-blank line, values separated by spaces or tabs. */
    private static final class AsciiSource implements Source {
        private final Path file;
        private final PcdHeader header;
        private final byte[] bytes;
        private int pos;
        private int lineNo;
        private String[] tokens;

        AsciiSource(Path file, PcdHeader header, byte[] bytes) throws CloudFormatException {
            this.file = file;
            this.header = header;
            this.bytes = bytes;
            this.pos = header.dataOffset;
            this.lineNo = header.dataLine;
            // Each value needs at least one character and one separator: reject absurd POINTS before allocating.
            long minBytes = (long) header.points * header.tokensPerPoint * 2 - 1;
            if (bytes.length - pos < minBytes) {
                throw new CloudFormatException(file, CloudFormatException.offset(bytes.length), "truncated ascii data: "
                        + header.points + " points x " + header.tokensPerPoint + " values need at least " + minBytes
                        + " bytes from byte " + pos + ", only " + (bytes.length - pos) + " available");
            }
        }

        /** @return the next non-blank line, or null at the end of the file */
        private String nextLine() {
            while (pos < bytes.length) {
                int end = pos;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
                pos = end + 1;
                lineNo++;
                if (!line.isEmpty()) {
                    return line;
                }
            }
            return null;
        }

        @Override
        public void select(int i) throws CloudFormatException {
            String line = nextLine();
            if (line == null) {
                throw new CloudFormatException(file, CloudFormatException.line(lineNo + 1),
                        "truncated ascii data: the file ends after " + i + " of " + header.points + " points");
            }
            tokens = line.split("[ \t]+");
            if (tokens.length != header.tokensPerPoint) {
                throw new CloudFormatException(file, CloudFormatException.line(lineNo), "found " + tokens.length
                        + " values, expected " + header.tokensPerPoint + " (" + describe() + ")");
            }
        }

        private String describe() {
            StringBuilder sb = new StringBuilder();
            for (Field f : header.fields) {
                sb.append(sb.length() == 0 ? "" : " ").append(f.name()).append(f.count() > 1 ? "[" + f.count() + "]" : "");
            }
            return sb.toString();
        }

        @Override
        public double value(Field f, int k) {
            String token = tokens[f.token() + k];
            try {
                return f.type().parse(token);
            } catch (NumberFormatException e) {
                String range = e.getMessage() != null && e.getMessage().contains("outside the range") ? ": " + e.getMessage() : "";
                throw new NumberFormatException("value " + (f.token() + k + 1) + " ('" + PcdHeader.abbreviate(token)
                        + "') of field '" + f.name() + "' is not a valid " + f.type() + " number" + range);
            }
        }

        @Override
        public int packed(Field f) {
            String token = tokens[f.token()];
            try {
                if (f.type().isInteger()) {
                    long v = Long.parseLong(token);
                    if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
                        throw new NumberFormatException("out of 32-bit range");
                    }
                    return (int) v;
                }
                return Float.floatToRawIntBits((float) ScalarType.parseFloating(token, true));
            } catch (NumberFormatException e) {
                throw new NumberFormatException("value " + (f.token() + 1) + " ('" + PcdHeader.abbreviate(token)
                        + "') of field '" + f.name() + "' is not a packed colour of TYPE " + f.type());
            }
        }

        @Override
        public String location(int i) {
            return CloudFormatException.line(lineNo);
        }

        @Override
        public void finish() throws CloudFormatException {
            String extra = nextLine();
            if (extra != null) {
                throw new CloudFormatException(file, CloudFormatException.line(lineNo), "unexpected data after the "
                        + header.points + " points declared by POINTS: '" + PcdHeader.abbreviate(extra) + "'");
            }
        }
    }
}
