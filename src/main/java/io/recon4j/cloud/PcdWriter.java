package io.recon4j.cloud;

import io.recon4j.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes point clouds as PCD v0.7 files that PCL and {@link PcdReader} read back.
 *
 * <p>Fields are written as 4-byte values: {@code x y z} and every extra field as {@code F 4};
 * {@code nx ny nz} as PCL's {@code normal_x normal_y normal_z}; {@code r g b} (and {@code a}), when
 * all their values are integers in 0..255, packed PCL-style into one {@code rgb} ({@code F 4}) or
 * {@code rgba} ({@code U 4}) field (in ASCII both as {@code U 4} integers, as PCL writes them),
 * otherwise as separate float fields. Binary data is little-endian.
 * Files are replaced atomically (see {@link AtomicFiles}).
 */
public final class PcdWriter {

    /** The body encodings of PCD. */
    public enum Encoding {
        /** One text line per point. */
        ASCII("ascii"),
        /** Little-endian records, one per point. */
        BINARY("binary"),
        /** LZF-compressed, field after field. */
        BINARY_COMPRESSED("binary_compressed");

        private final String keyword;

        Encoding(String keyword) {
            this.keyword = keyword;
        }
    }

    /** One output field: its name, TYPE letter, the raw 32 bits of each point's value, and whether they are a packed colour. */
    private record Column(String name, char type, int[] bits, boolean colour) {
        Column(String name, int[] bits) {
            this(name, 'F', bits, false);
        }
    }

    private PcdWriter() {
    }

    /**
     * Writes {@code cloud} to {@code file}, replacing it atomically.
     *
     * @throws IllegalArgumentException if the cloud is empty or a field name cannot be written
     *     (contains whitespace, or is a name the PCD reader would reinterpret: {@code rgb}, {@code rgba},
     *     {@code normal_x/y/z}, {@code _}, {@code x/y/z})
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, PointCloud cloud, Encoding encoding) throws IOException {
        byte[] content = encode(cloud, encoding);
        AtomicFiles.write(file, out -> out.write(content));
    }

    /** @return the complete file content for {@code cloud} */
    static byte[] encode(PointCloud cloud, Encoding encoding) {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(encoding, "encoding");
        int n = cloud.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty cloud: PCD readers reject files without points");
        }
        List<Column> columns = columns(cloud);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = header(columns, n, encoding).getBytes(StandardCharsets.US_ASCII);
        out.write(header, 0, header.length);
        byte[] body;
        switch (encoding) {
            case ASCII: body = ascii(columns, n); break;
            case BINARY: body = binary(columns, n); break;
            case BINARY_COMPRESSED: body = compressed(columns, n); break;
            default: throw new AssertionError(encoding);
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private static List<Column> columns(PointCloud cloud) {
        int n = cloud.size();
        float[] xyz = cloud.xyzView();
        List<Column> columns = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            int[] bits = new int[n];
            for (int i = 0; i < n; i++) {
                bits[i] = Float.floatToRawIntBits(xyz[3 * i + axis]);
            }
            columns.add(new Column(String.valueOf((char) ('x' + axis)), bits));
        }
        boolean alpha = cloud.hasField("a");
        boolean packColour = packable(cloud, "r") && packable(cloud, "g") && packable(cloud, "b")
                && (!alpha || packable(cloud, "a"));
        Set<String> names = new HashSet<>(List.of("x", "y", "z"));
        for (String name : cloud.fieldNames()) {
            if (packColour && (name.equals("r") || name.equals("g") || name.equals("b") || name.equals("a"))) {
                if (names.add(alpha ? "rgba" : "rgb")) {
                    columns.add(packed(cloud, alpha));
                }
                continue;
            }
            String out = pcdName(name);
            if (!names.add(out)) {
                throw new IllegalArgumentException("field '" + name + "' would be written as '" + out
                        + "', which another field already uses");
            }
            float[] values = cloud.field(name);
            int[] bits = new int[n];
            for (int i = 0; i < n; i++) {
                bits[i] = Float.floatToRawIntBits(values[i]);
            }
            columns.add(new Column(out, bits));
        }
        return columns;
    }

    private static String pcdName(String name) {
        switch (name) {
            case "nx": return "normal_x";
            case "ny": return "normal_y";
            case "nz": return "normal_z";
            case "x": case "y": case "z": case "_": case "rgb": case "rgba": case "normal_x": case "normal_y": case "normal_z":
                throw new IllegalArgumentException("field name '" + name + "' would be read back as something else");
            default:
                if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
                    throw new IllegalArgumentException("field name '" + name + "' must be printable ASCII without spaces");
                }
                return name;
        }
    }

    /** @return true if the field exists and every value is an integer in 0..255 */
    private static boolean packable(PointCloud cloud, String name) {
        float[] v = cloud.field(name);
        if (v == null) {
            return false;
        }
        for (float x : v) {
            if (!(x >= 0 && x <= 255 && x == Math.rint(x))) {
                return false;
            }
        }
        return true;
    }

    private static Column packed(PointCloud cloud, boolean alpha) {
        float[] r = cloud.field("r");
        float[] g = cloud.field("g");
        float[] b = cloud.field("b");
        float[] a = alpha ? cloud.field("a") : null;
        int[] bits = new int[r.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (alpha ? (int) a[i] << 24 : 0) | (int) r[i] << 16 | (int) g[i] << 8 | (int) b[i];
        }
        // PCL's convention: rgb is a float holding the colour bits, rgba an unsigned int.
        return new Column(alpha ? "rgba" : "rgb", alpha ? 'U' : 'F', bits, true);
    }

    private static String header(List<Column> columns, int n, Encoding encoding) {
        StringBuilder fields = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        StringBuilder types = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        for (Column c : columns) {
            fields.append(' ').append(c.name());
            sizes.append(" 4");
            // PCL's ASCII writer declares rgb as U because it prints the colour bits as an integer.
            types.append(' ').append(encoding == Encoding.ASCII && c.colour() ? 'U' : c.type());
            counts.append(" 1");
        }
        return "# .PCD v0.7 - Point Cloud Data file format\n"
                + "VERSION 0.7\n"
                + "FIELDS" + fields + "\n"
                + "SIZE" + sizes + "\n"
                + "TYPE" + types + "\n"
                + "COUNT" + counts + "\n"
                + "WIDTH " + n + "\n"
                + "HEIGHT 1\n"
                + "VIEWPOINT 0 0 0 1 0 0 0\n"
                + "POINTS " + n + "\n"
                + "DATA " + encoding.keyword + "\n";
    }

    private static byte[] ascii(List<Column> columns, int n) {
        StringBuilder sb = new StringBuilder(n * columns.size() * 12);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if (c > 0) {
                    sb.append(' ');
                }
                if (col.colour()) {
                    sb.append(Integer.toUnsignedString(col.bits()[i]));
                } else {
                    sb.append(formatFloat(Float.intBitsToFloat(col.bits()[i])));
                }
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Shortest text that parses back to the same float; C spellings for NaN and infinities. */
    static String formatFloat(float v) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = Float.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static byte[] binary(List<Column> columns, int n) {
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(4 * columns.size(), n)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            for (Column c : columns) {
                buf.putInt(c.bits()[i]);
            }
        }
        return buf.array();
    }

    private static byte[] compressed(List<Column> columns, int n) {
        ByteBuffer soa = ByteBuffer.allocate(Math.multiplyExact(4 * columns.size(), n)).order(ByteOrder.LITTLE_ENDIAN);
        for (Column c : columns) {
            for (int i = 0; i < n; i++) {
                soa.putInt(c.bits()[i]);
            }
        }
        byte[] lzf = Lzf.compress(soa.array());
        ByteBuffer out = ByteBuffer.allocate(8 + lzf.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(lzf.length).putInt(soa.capacity()).put(lzf);
        return out.array();
    }
}
