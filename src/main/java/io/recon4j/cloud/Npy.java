package io.recon4j.cloud;

import io.recon4j.util.AtomicFiles;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Supported element types: {@code f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1}, little- or big-endian
 * (big-endian data is converted on reading). Only C-order arrays are supported; structured
 * dtypes and {@code fortran_order: True} are rejected with a clear error. Files are written as
 * version 1.0 (2.0 if the header needs it), little-endian, C order, atomically.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("([<>|=]?)([a-zA-Z?])(\\d*)");
    /** numpy pads the header so the data starts on a 64-byte boundary. */
    private static final int ALIGN = 64;

    /** A parsed file: the array and where its data started (for error locations). */
    record Parsed(NpyArray array, int dataOffset) {
    }

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws CloudFormatException if the file is not a valid, supported {@code .npy} (names the byte and the problem)
     * @throws IOException if the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        return parse(file, Files.readAllBytes(file)).array();
    }

    /** Writes {@code array} to {@code file}, replacing it atomically. */
    public static void write(Path file, NpyArray array) throws IOException {
        byte[] content = encode(array);
        AtomicFiles.write(file, out -> out.write(content));
    }

    /** Writes a FLOAT32 array of the given shape; see {@link NpyArray#of(float[], long...)}. */
    public static void write(Path file, float[] values, long... shape) throws IOException {
        write(file, NpyArray.of(values, shape));
    }

    static Parsed parse(Path file, byte[] bytes) throws CloudFormatException {
        for (int i = 0; i < Math.min(MAGIC.length, bytes.length); i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new CloudFormatException(file, CloudFormatException.offset(i),
                        "bad magic: expected \\x93NUMPY, not a .npy file");
            }
        }
        if (bytes.length < 10) {
            throw new CloudFormatException(file, CloudFormatException.offset(bytes.length), "truncated header: the file has "
                    + bytes.length + " bytes, a .npy needs at least 10 (magic, version, header length)");
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = le.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new CloudFormatException(file, CloudFormatException.offset(bytes.length),
                        "truncated header: version " + major + " needs a 4-byte header length at byte 8");
            }
            headerLength = le.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new CloudFormatException(file, CloudFormatException.offset(6), "unsupported format version "
                    + major + "." + (bytes[7] & 0xFF) + ", expected 1.0, 2.0 or 3.0");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new CloudFormatException(file, CloudFormatException.offset(bytes.length), "truncated header: "
                    + headerLength + " header bytes expected from byte " + headerStart + ", only "
                    + (bytes.length - headerStart) + " available");
        }
        int dataOffset = headerStart + (int) headerLength;
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String where = CloudFormatException.offset(headerStart);
        Map<String, Object> dict;
        try {
            dict = new LiteralParser(header).dict();
        } catch (IllegalArgumentException e) {
            throw new CloudFormatException(file, where, "malformed header '" + header.strip() + "': " + e.getMessage(), e);
        }
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new CloudFormatException(file, where, "header keys " + dict.keySet()
                    + ", expected exactly descr, fortran_order and shape");
        }
        if (!(dict.get("descr") instanceof String)) {
            throw new CloudFormatException(file, where, "unsupported dtype " + dict.get("descr")
                    + ": structured dtypes are not supported, expected a plain type such as '<f4'");
        }
        String descr = (String) dict.get("descr");
        Matcher m = DESCR.matcher(descr);
        ScalarType dtype = m.matches() ? dtype(m.group(2), m.group(3)) : null;
        if (dtype == null || (m.group(1).equals("|") && dtype.size() > 1)) {
            throw new CloudFormatException(file, where, "unsupported dtype '" + descr
                    + "', expected one of f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < or >");
        }
        boolean bigEndian = m.group(1).equals(">");
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw new CloudFormatException(file, where, "fortran_order is " + dict.get("fortran_order")
                    + ", expected True or False");
        }
        if ((Boolean) dict.get("fortran_order")) {
            throw new CloudFormatException(file, where, "fortran_order True (column-major) is not supported;"
                    + " save a C-order array, e.g. np.save(f, np.ascontiguousarray(a))");
        }
        long[] shape = shape(file, where, dict.get("shape"));
        int size;
        try {
            size = NpyArray.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new CloudFormatException(file, where, e.getMessage(), e);
        }
        long needed = (long) size * dtype.size();
        long available = bytes.length - dataOffset;
        if (available < needed) {
            throw new CloudFormatException(file, CloudFormatException.offset(bytes.length), "data shorter than the shape says: "
                    + NpyArray.shapeString(shape) + " of " + descr + " needs " + needed + " bytes from byte "
                    + dataOffset + ", only " + available + " available");
        }
        if (available > needed) {
            throw new CloudFormatException(file, CloudFormatException.offset(dataOffset + needed), (available - needed)
                    + " unexpected bytes after the " + needed + " data bytes of shape " + NpyArray.shapeString(shape));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataOffset, (int) needed).slice();
        if (bigEndian && dtype.size() > 1) {
            data = swapped(data, dtype.size());
        }
        return new Parsed(new NpyArray(dtype, shape, data), dataOffset);
    }

    private static ScalarType dtype(String kind, String digits) {
        int size = digits.isEmpty() ? -1 : Integer.parseInt(digits);
        switch (kind) {
            case "f": return ScalarType.floating(size);
            case "i": return ScalarType.integer(true, size);
            case "u": return ScalarType.integer(false, size);
            case "b": case "?": return size == 1 || (kind.equals("?") && size == -1) ? ScalarType.BOOL : null;
            default: return null;
        }
    }

    private static long[] shape(Path file, String where, Object value) throws CloudFormatException {
        if (value instanceof Tuple) {
            List<Object> items = ((Tuple) value).items;
            long[] shape = new long[items.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!(items.get(i) instanceof Long) || (Long) items.get(i) < 0) {
                    throw new CloudFormatException(file, where, "shape entry " + items.get(i)
                            + " is not a non-negative integer");
                }
                shape[i] = (Long) items.get(i);
            }
            return shape;
        }
        throw new CloudFormatException(file, where, "shape is " + value + ", expected a tuple of integers");
    }

    private static ByteBuffer swapped(ByteBuffer be, int itemSize) {
        byte[] out = new byte[be.remaining()];
        for (int i = 0; i < out.length; i += itemSize) {
            for (int k = 0; k < itemSize; k++) {
                out[i + k] = be.get(i + itemSize - 1 - k);
            }
        }
        return ByteBuffer.wrap(out);
    }

    static byte[] encode(NpyArray array) {
        String descr;
        switch (array.dtype()) {
            case BOOL: descr = "|b1"; break;
            case INT8: descr = "|i1"; break;
            case UINT8: descr = "|u1"; break;
            default:
                descr = "<" + (array.dtype().isFloating() ? "f" : array.dtype().name().startsWith("U") ? "u" : "i")
                        + array.dtype().size();
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + NpyArray.shapeString(array.shape()) + ", }";
        int version = dict.length() + 1 + 10 > 0xFFFF ? 2 : 1;
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer data = array.littleEndianData();
        ByteBuffer out = ByteBuffer.allocate(padded + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            out.putShort((short) (padded - prefix));
        } else {
            out.putInt(padded - prefix);
        }
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return out.array();
    }

    /** A Python tuple in the header (as opposed to a list, which marks a structured dtype). */
    private record Tuple(List<Object> items) {
        @Override
        public String toString() {
            return items.toString().replace('[', '(').replace(']', ')');
        }
    }

    /** Parses the Python dict literal of a header: strings, True/False/None, integers, tuples and lists. */
    private static final class LiteralParser {
        private final String s;
        private int pos;

        LiteralParser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            skip();
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            while (!peek('}')) {
                Object key = value();
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("dict key " + key + " is not a string");
                }
                expect(':');
                if (map.put((String) key, value()) != null) {
                    throw new IllegalArgumentException("duplicate key '" + key + "'");
                }
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            skip();
            if (pos != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dict at character " + pos);
            }
            return map;
        }

        private Object value() {
            skip();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("header ends early");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string at character " + pos);
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> items = new ArrayList<>();
                while (!peek(close)) {
                    items.add(value());
                    if (!peek(close)) {
                        expect(',');
                    }
                }
                expect(close);
                return c == '(' ? new Tuple(items) : items;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-'
                    || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return null;
                default: break;
            }
            // Python 2 wrote long integers with an L suffix, e.g. (3L, 4L).
            String digits = word.endsWith("L") ? word.substring(0, word.length() - 1) : word;
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected token '" + word + "' at character " + start);
            }
        }

        private boolean peek(char c) {
            skip();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            skip();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at character " + pos);
            }
            pos++;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
