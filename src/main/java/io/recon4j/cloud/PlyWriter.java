package io.recon4j.cloud;

import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes point clouds and triangle meshes as PLY 1.0, ascii or binary little-endian, atomically.
 *
 * <p>Layout: {@code element vertex N} with {@code float x y z} then one property per extra field in the
 * cloud's order; fields {@code r g b a} are written as {@code red green blue alpha}, as {@code uchar} when
 * every value is an integer in [0, 255] (what viewers expect) and as {@code float} otherwise; all other
 * fields are {@code float} under their own names. A mesh adds {@code element face F} with
 * {@code property list uchar int vertex_indices}. Reading the file back through {@link CloudIO} gives the
 * same coordinates and field values exactly, with field names in their canonical form ({@code Intensity}
 * comes back as {@code intensity}).
 */
public final class PlyWriter {

    /** The body encodings this writer produces. */
    public enum Encoding {
        /** Human-readable; floats in Java's shortest round-trip form. */
        ASCII("ascii"),
        /** Packed little-endian records: compact and fast. */
        BINARY_LITTLE_ENDIAN("binary_little_endian");

        private final String word;

        Encoding(String word) {
            this.word = word;
        }
    }

    private static final Map<String, String> PLY_NAMES = Map.of("r", "red", "g", "green", "b", "blue", "a", "alpha");

    private final Encoding encoding;

    /** @param encoding the body encoding */
    public PlyWriter(Encoding encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /** @return a writer of ascii PLY */
    public static PlyWriter ascii() {
        return new PlyWriter(Encoding.ASCII);
    }

    /** @return a writer of binary little-endian PLY */
    public static PlyWriter binary() {
        return new PlyWriter(Encoding.BINARY_LITTLE_ENDIAN);
    }

    /**
     * Writes a point cloud with its extra fields.
     *
     * @throws IllegalArgumentException if the cloud is empty, has a non-finite coordinate, or a field name
     *     that is not a PLY word or collides with another property
     * @throws IOException if the file cannot be written (an existing file is then left unchanged)
     */
    public void write(Path file, PointCloud points) throws IOException {
        write(file, points, new int[0]);
    }

    /**
     * Writes a mesh: its vertices with their fields, and its triangles as faces.
     *
     * @throws IllegalArgumentException as for {@link #write(Path, PointCloud)}
     * @throws IOException if the file cannot be written (an existing file is then left unchanged)
     */
    public void write(Path file, Mesh mesh) throws IOException {
        write(file, mesh.vertices(), mesh.trianglesView());
    }

    private void write(Path file, PointCloud points, int[] triangles) throws IOException {
        List<Column> columns = columns(points);
        AtomicFiles.write(file, out -> {
            writeHeader(out, points.size(), columns, triangles.length / 3);
            if (encoding == Encoding.ASCII) {
                writeAscii(out, points.xyzView(), columns, triangles);
            } else {
                writeBinary(out, points.xyzView(), columns, triangles);
            }
        });
    }

    /** One extra vertex property: its PLY name, type and values (length N). */
    private record Column(String plyName, boolean uchar, float[] values) {
    }

    private static List<Column> columns(PointCloud points) {
        if (points.size() == 0) {
            throw new IllegalArgumentException("cannot write an empty cloud: PLY readers expect at least one vertex");
        }
        float[] xyz = points.xyzView();
        for (int i = 0; i < xyz.length; i++) {
            if (!Float.isFinite(xyz[i])) {
                throw new IllegalArgumentException("point " + i / 3 + " has a non-finite coordinate " + xyz[i]);
            }
        }
        Set<String> used = new HashSet<>(List.of("x", "y", "z"));
        List<Column> columns = new ArrayList<>();
        for (String name : points.fieldNames()) {
            String plyName = PLY_NAMES.getOrDefault(name, name);
            if (plyName.isEmpty() || !plyName.chars().allMatch(c -> c > ' ' && c != 0x7F)) {
                throw new IllegalArgumentException("field name '" + name + "' is not a PLY word (empty or has"
                        + " whitespace/control characters)");
            }
            if (!used.add(plyName)) {
                throw new IllegalArgumentException("field '" + name + "' would be written as property '" + plyName
                        + "', which another property already uses");
            }
            float[] values = points.field(name);
            columns.add(new Column(plyName, PLY_NAMES.containsKey(name) && isByteValued(values), values));
        }
        return columns;
    }

    private static boolean isByteValued(float[] values) {
        for (float v : values) {
            if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
                return false;
            }
        }
        return true;
    }

    private void writeHeader(OutputStream out, int n, List<Column> columns, int faces) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("ply\nformat ").append(encoding.word).append(" 1.0\n");
        h.append("comment written by recon4j\n");
        h.append("element vertex ").append(n).append('\n');
        h.append("property float x\nproperty float y\nproperty float z\n");
        for (Column c : columns) {
            h.append("property ").append(c.uchar ? "uchar " : "float ").append(c.plyName).append('\n');
        }
        if (faces > 0) {
            h.append("element face ").append(faces).append('\n');
            h.append("property list uchar int vertex_indices\n");
        }
        h.append("end_header\n");
        out.write(h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAscii(OutputStream out, float[] xyz, List<Column> columns, int[] triangles)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < xyz.length / 3; i++) {
            line.setLength(0);
            line.append(xyz[3 * i]).append(' ').append(xyz[3 * i + 1]).append(' ').append(xyz[3 * i + 2]);
            for (Column c : columns) {
                line.append(' ');
                if (c.uchar) {
                    line.append((int) c.values[i]);
                } else {
                    line.append(c.values[i]);
                }
            }
            w.append(line).append('\n');
        }
        for (int f = 0; f < triangles.length; f += 3) {
            w.append("3 ").append(Integer.toString(triangles[f])).append(' ')
                    .append(Integer.toString(triangles[f + 1])).append(' ')
                    .append(Integer.toString(triangles[f + 2])).append('\n');
        }
        // Flush, not close: the caller owns the stream.
        w.flush();
    }

    private static void writeBinary(OutputStream out, float[] xyz, List<Column> columns, int[] triangles)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1 << 16, 12 + 4 * columns.size())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < xyz.length / 3; i++) {
            // A record is at most 12 + 4 per column bytes; drain before it could overflow.
            if (buf.remaining() < 12 + 4 * columns.size()) {
                drain(buf, out);
            }
            buf.putFloat(xyz[3 * i]).putFloat(xyz[3 * i + 1]).putFloat(xyz[3 * i + 2]);
            for (Column c : columns) {
                if (c.uchar) {
                    buf.put((byte) (int) c.values[i]);
                } else {
                    buf.putFloat(c.values[i]);
                }
            }
        }
        for (int f = 0; f < triangles.length; f += 3) {
            if (buf.remaining() < 13) {
                drain(buf, out);
            }
            buf.put((byte) 3).putInt(triangles[f]).putInt(triangles[f + 1]).putInt(triangles[f + 2]);
        }
        drain(buf, out);
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
