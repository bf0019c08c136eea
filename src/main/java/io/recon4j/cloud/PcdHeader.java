package io.recon4j.cloud;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed header of a PCD file (v0.5/v0.7): field layout, point count and where the data starts.
 * Keywords are case-insensitive; blank lines and {@code #} comments are skipped; lines may end in CRLF.
 */
final class PcdHeader {

    /** How the body is stored. */
    enum Data {
        ASCII("ascii"), BINARY("binary"), BINARY_COMPRESSED("binary_compressed");

        final String keyword;

        Data(String keyword) {
            this.keyword = keyword;
        }
    }

    /**
     * One FIELDS entry.
     *
     * @param name field name; {@code "_"} marks padding
     * @param type element type
     * @param count elements per point
     * @param offset byte offset of the field inside one binary (array-of-structs) record
     * @param token index of the field's first value on an ASCII line
     */
    record Field(String name, ScalarType type, int count, int offset, int token) {
        boolean isPadding() {
            return "_".equals(name);
        }

        int bytes() {
            return type.size() * count;
        }
    }

    private static final List<String> KEYWORDS = List.of(
            "VERSION", "FIELDS", "COLUMNS", "SIZE", "TYPE", "COUNT", "WIDTH", "HEIGHT", "VIEWPOINT", "POINTS", "DATA");

    final List<Field> fields;
    final long width;
    final long height;
    final int points;
    final Data data;
    /** Byte offset of the first data byte (just after the DATA line's newline). */
    final int dataOffset;
    /** 1-based line number of the DATA line, so ASCII data line numbers continue from it. */
    final int dataLine;
    /** Bytes per point in binary mode, padding included. */
    final int pointBytes;
    /** Values per ASCII line, padding included. */
    final int tokensPerPoint;

    private PcdHeader(List<Field> fields, long width, long height, int points, Data data, int dataOffset, int dataLine) {
        this.fields = List.copyOf(fields);
        this.width = width;
        this.height = height;
        this.points = points;
        this.data = data;
        this.dataOffset = dataOffset;
        this.dataLine = dataLine;
        int bytes = 0;
        int tokens = 0;
        for (Field f : fields) {
            bytes += f.bytes();
            tokens += f.count();
        }
        this.pointBytes = bytes;
        this.tokensPerPoint = tokens;
    }

    /** Parses the header at the start of {@code bytes}. */
    static PcdHeader parse(Path file, byte[] bytes) throws CloudFormatException {
        Map<String, String[]> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        int pos = 0;
        int lineNo = 0;
        Data data = null;
        while (data == null) {
            if (pos >= bytes.length) {
                throw new CloudFormatException(file, CloudFormatException.line(lineNo + 1),
                        lineNo == 0 ? "empty file, expected a PCD header" : "header ends without a DATA line");
            }
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
            pos = Math.min(end + 1, bytes.length);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            String keyword = tokens[0].toUpperCase(Locale.ROOT);
            String where = CloudFormatException.line(lineNo);
            if (!KEYWORDS.contains(keyword)) {
                throw new CloudFormatException(file, where, "unexpected header line '" + abbreviate(line)
                        + "', expected one of the keywords " + KEYWORDS);
            }
            if ("COLUMNS".equals(keyword)) {
                keyword = "FIELDS"; // PCD v0.5 name
            }
            if (values.containsKey(keyword)) {
                throw new CloudFormatException(file, where, "duplicate " + keyword + " line (first on line "
                        + lines.get(keyword) + ")");
            }
            String[] args = java.util.Arrays.copyOfRange(tokens, 1, tokens.length);
            values.put(keyword, args);
            lines.put(keyword, lineNo);
            if ("DATA".equals(keyword)) {
                data = parseData(file, where, args);
            }
        }
        return build(file, values, lines, data, pos, lineNo);
    }

    private static Data parseData(Path file, String where, String[] args) throws CloudFormatException {
        if (args.length == 1) {
            for (Data d : Data.values()) {
                if (d.keyword.equalsIgnoreCase(args[0])) {
                    return d;
                }
            }
        }
        throw new CloudFormatException(file, where, "unknown DATA type '" + String.join(" ", args)
                + "', expected ascii, binary or binary_compressed");
    }

    private static PcdHeader build(Path file, Map<String, String[]> values, Map<String, Integer> lines, Data data,
            int dataOffset, int dataLine) throws CloudFormatException {
        String[] names = required(file, values, "FIELDS", dataLine);
        String[] sizes = required(file, values, "SIZE", dataLine);
        String[] types = required(file, values, "TYPE", dataLine);
        String[] counts = values.get("COUNT");
        int n = names.length;
        if (n == 0) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get("FIELDS")), "FIELDS lists no field");
        }
        checkArity(file, lines, "SIZE", sizes, n);
        checkArity(file, lines, "TYPE", types, n);
        if (counts != null) {
            checkArity(file, lines, "COUNT", counts, n);
        }
        List<Field> fields = new ArrayList<>(n);
        Set<String> seen = new HashSet<>();
        int offset = 0;
        int token = 0;
        for (int i = 0; i < n; i++) {
            String name = names[i];
            if (!"_".equals(name) && !seen.add(name)) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("FIELDS")),
                        "field '" + name + "' is listed twice");
            }
            int size = parseInt(file, lines, "SIZE", sizes[i], 1);
            ScalarType type = scalarType(file, lines, name, types[i], size);
            int count = counts == null ? 1 : parseInt(file, lines, "COUNT", counts[i], 1);
            if (count > 1 << 20) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("COUNT")),
                        "COUNT " + count + " of field '" + name + "' is implausibly large (limit 1048576)");
            }
            fields.add(new Field(name, type, count, offset, token));
            offset += type.size() * count;
            token += count;
        }
        for (String axis : List.of("x", "y", "z")) {
            Field f = fields.stream().filter(g -> g.name().equals(axis)).findFirst().orElse(null);
            if (f == null) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("FIELDS")),
                        "FIELDS " + java.util.Arrays.toString(names) + " lacks '" + axis + "'; x, y and z are required");
            }
            if (f.count() != 1) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("COUNT")),
                        "field '" + axis + "' has COUNT " + f.count() + ", expected 1");
            }
        }
        long height = values.containsKey("HEIGHT") ? parseLong(file, lines, "HEIGHT", values.get("HEIGHT"), 1) : 1;
        Long width = values.containsKey("WIDTH") ? parseLong(file, lines, "WIDTH", values.get("WIDTH"), 0) : null;
        Long points = values.containsKey("POINTS") ? parseLong(file, lines, "POINTS", values.get("POINTS"), 0) : null;
        if (width == null && points == null) {
            throw new CloudFormatException(file, CloudFormatException.line(dataLine),
                    "header has neither WIDTH nor POINTS, cannot tell the number of points");
        }
        if (width == null) {
            if (height != 1) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("HEIGHT")),
                        "HEIGHT " + height + " without WIDTH");
            }
            width = points;
        }
        if (width > Long.MAX_VALUE / height) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get("WIDTH")),
                    "WIDTH " + width + " x HEIGHT " + height + " overflows");
        }
        long total = width * height;
        if (points != null && points != total) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get("POINTS")),
                    "POINTS " + points + " does not match WIDTH x HEIGHT = " + width + " x " + height + " = " + total);
        }
        if (total == 0) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get(points != null ? "POINTS" : "WIDTH")),
                    "empty cloud: the header declares 0 points");
        }
        if (total > Integer.MAX_VALUE / 3) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get(points != null ? "POINTS" : "WIDTH")),
                    total + " points exceed the supported maximum of " + Integer.MAX_VALUE / 3);
        }
        if (values.containsKey("VIEWPOINT")) {
            String[] vp = values.get("VIEWPOINT");
            if (vp.length != 7) {
                throw new CloudFormatException(file, CloudFormatException.line(lines.get("VIEWPOINT")),
                        "VIEWPOINT has " + vp.length + " values, expected 7 (tx ty tz qw qx qy qz)");
            }
            for (String v : vp) {
                try {
                    ScalarType.parseFloating(v, false);
                } catch (NumberFormatException e) {
                    throw new CloudFormatException(file, CloudFormatException.line(lines.get("VIEWPOINT")),
                            "VIEWPOINT value '" + v + "' is not a number", e);
                }
            }
        }
        return new PcdHeader(fields, width, height, (int) total, data, dataOffset, dataLine);
    }

    private static String[] required(Path file, Map<String, String[]> values, String key, int dataLine)
            throws CloudFormatException {
        String[] v = values.get(key);
        if (v == null) {
            throw new CloudFormatException(file, CloudFormatException.line(dataLine), "header lacks a " + key + " line");
        }
        return v;
    }

    private static void checkArity(Path file, Map<String, Integer> lines, String key, String[] v, int n)
            throws CloudFormatException {
        if (v.length != n) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get(key)),
                    key + " has " + v.length + " entries but FIELDS has " + n);
        }
    }

    private static ScalarType scalarType(Path file, Map<String, Integer> lines, String name, String type, int size)
            throws CloudFormatException {
        ScalarType t = null;
        if (type.length() == 1) {
            switch (Character.toUpperCase(type.charAt(0))) {
                case 'F': t = ScalarType.floating(size); break;
                case 'I': t = ScalarType.integer(true, size); break;
                case 'U': t = ScalarType.integer(false, size); break;
                default: break;
            }
        }
        if (t == null) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get("TYPE")),
                    "field '" + name + "' has unsupported TYPE/SIZE " + type + "/" + size
                            + ", expected F4, F8, I1, I2, I4, I8, U1, U2, U4 or U8");
        }
        return t;
    }

    private static int parseInt(Path file, Map<String, Integer> lines, String key, String v, int min)
            throws CloudFormatException {
        long x = parseLong(file, lines, key, new String[] {v}, min);
        if (x > Integer.MAX_VALUE) {
            throw new CloudFormatException(file, CloudFormatException.line(lines.get(key)),
                    key + " value " + v + " is too large");
        }
        return (int) x;
    }

    private static long parseLong(Path file, Map<String, Integer> lines, String key, String[] v, long min)
            throws CloudFormatException {
        String where = CloudFormatException.line(lines.get(key));
        if (v.length != 1) {
            throw new CloudFormatException(file, where, key + " has " + v.length + " values, expected 1");
        }
        long x;
        try {
            x = Long.parseLong(v[0]);
        } catch (NumberFormatException e) {
            throw new CloudFormatException(file, where, key + " value '" + v[0] + "' is not an integer", e);
        }
        if (x < min) {
            throw new CloudFormatException(file, where, key + " value " + x + " is below the minimum " + min);
        }
        return x;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
