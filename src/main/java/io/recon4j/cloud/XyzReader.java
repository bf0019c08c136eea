package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads plain-text point lists ({@code .xyz}, {@code .txt}, {@code .pts}, {@code .csv}): one point per
 * line, values separated by whitespace or by commas (spaces around commas allowed).
 *
 * <p>The first three columns are x, y, z. Without a header the other columns are named by their count,
 * covering the common layouts:
 * <table>
 *   <caption>Columns to fields</caption>
 *   <tr><th>columns</th><th>fields</th><th>seen in</th></tr>
 *   <tr><td>3</td><td>none</td><td>plain xyz</td></tr>
 *   <tr><td>4</td><td>{@code intensity}</td><td>scanner exports</td></tr>
 *   <tr><td>6</td><td>{@code nx ny nz}</td><td>ModelNet40 {@code modelnet40_normal_resampled}</td></tr>
 *   <tr><td>7</td><td>{@code intensity r g b}</td><td>Leica {@code .pts}</td></tr>
 *   <tr><td>other</td><td>{@code c3 c4 ...} (0-based column index)</td><td></td></tr>
 * </table>
 *
 * <p>A first line whose values are all non-numeric is a header of column names; so is a first comment
 * line of names ({@code //X,Y,Z,R,G,B} from CloudCompare, {@code # x y z}). Its names (after the first
 * three) become the fields, via {@link FieldNames} ({@code R} → {@code r}, {@code Nx} → {@code nx}), when it
 * has one name per column; otherwise it is ignored. A line holding a single integer is a point count (as at
 * the top of a {@code .pts} file, or before each scan of a multi-scan one) and must equal the number of
 * points up to the next count line or the end. Other lines starting with {@code #} or {@code //} are
 * comments. Every point line must have the same number of columns.
 */
final class XyzReader implements CloudReader {

    @Override
    public CloudFile read(Path file) throws IOException {
        return TextLines.parse(file, "the point list", lines -> new Body(lines).read());
    }

    /** @return the default field names for a file with {@code columns} columns (see the class comment) */
    static List<String> defaultFields(int columns) {
        switch (columns) {
            case 4:
                return List.of("intensity");
            case 6:
                return List.of("nx", "ny", "nz");
            case 7:
                return List.of("intensity", "r", "g", "b");
            default:
                List<String> names = new ArrayList<>();
                for (int c = 3; c < columns; c++) {
                    names.add("c" + c);
                }
                return names;
        }
    }

    /** Reads one file. */
    private static final class Body {
        private final TextLines lines;
        private boolean started;
        private String[] header;
        private int columns = -1;
        private long firstDataLine;
        private boolean commas;
        private CloudBuilder points;
        private float[] extras;
        private long blockDeclared = -1;
        private long blockLine;
        private long blockRows;

        Body(TextLines lines) {
            this.lines = lines;
        }

        CloudFile read() throws IOException {
            String line;
            while ((line = lines.next()) != null) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                boolean first = !started;
                started = true;
                boolean comment = s.startsWith("#") || s.startsWith("//");
                if (comment) {
                    String[] names = first ? split(s.substring(s.startsWith("#") ? 1 : 2).strip()) : null;
                    if (names != null && names.length >= 3 && allNames(names)) {
                        header = names;
                    }
                    continue;
                }
                String[] t = split(s);
                if (t.length == 1 && TextLines.isInteger(t[0])) {
                    startBlock(lines.parseLong(t[0], "the point count"));
                } else if (first && allNames(t)) {
                    header = t;
                } else {
                    row(t, s.indexOf(',') >= 0);
                }
            }
            endBlock();
            if (points == null) {
                throw lines.error("the file holds 0 points; expected lines of 'x y z ...'");
            }
            return CloudFile.ofPoints(points.build(), commas ? "xyz/comma" : "xyz/whitespace");
        }

        private void row(String[] t, boolean comma) throws CloudFormatException {
            if (points == null) {
                if (t.length < 3) {
                    throw lines.error("the first point has " + t.length + " values; expected at least 3 (x y z)");
                }
                columns = t.length;
                firstDataLine = lines.lineNumber();
                commas = comma;
                List<String> names = header != null && header.length == columns
                        ? FieldNames.assign(lines.file(), lines.location(), Arrays.asList(header).subList(3, columns))
                        : defaultFields(columns);
                extras = new float[names.size()];
                points = new CloudBuilder(lines.file(), "point", names, 0, lines::location);
            } else if (t.length != columns) {
                throw lines.error("the line has " + t.length + " values; expected " + columns + " like every point"
                        + " line before it (the first is line " + firstDataLine + ")");
            }
            long i = points.size();
            for (int c = 3; c < columns; c++) {
                extras[c - 3] = lines.parseFloat(t[c], "column " + c + " of point " + i);
            }
            points.add(lines.parseFloat(t[0], "x of point " + i), lines.parseFloat(t[1], "y of point " + i),
                    lines.parseFloat(t[2], "z of point " + i), extras);
            blockRows++;
        }

        private void startBlock(long declared) throws CloudFormatException {
            endBlock();
            if (declared < 0) {
                throw lines.error("point count " + declared + " is negative; expected a non-negative count");
            }
            blockDeclared = declared;
            blockLine = lines.lineNumber();
            blockRows = 0;
        }

        private void endBlock() throws CloudFormatException {
            if (blockDeclared >= 0 && blockRows != blockDeclared) {
                throw lines.error(blockLine, "the count line declares " + blockDeclared + " points but "
                        + blockRows + " point lines follow (up to line " + lines.lineNumber() + ")");
            }
        }

        /** Splits on commas (with optional spaces) if the line has any, otherwise on whitespace. */
        private String[] split(String s) throws CloudFormatException {
            if (s.indexOf(',') < 0) {
                return TextLines.split(s);
            }
            String[] parts = s.split(",", -1);
            // A trailing comma (some spreadsheet exports) adds no column.
            int n = parts.length > 1 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
            String[] out = new String[n];
            for (int k = 0; k < n; k++) {
                out[k] = parts[k].strip();
                if (out[k].isEmpty()) {
                    throw lines.error("value " + k + " is empty; expected a number between every two commas");
                }
                if (out[k].length() >= 2 && out[k].startsWith("\"") && out[k].endsWith("\"")) {
                    out[k] = out[k].substring(1, out[k].length() - 1);
                }
            }
            return out;
        }

        private static boolean allNames(String[] t) {
            for (String s : t) {
                if (TextLines.isNumber(s)) {
                    return false;
                }
            }
            return true;
        }
    }
}
