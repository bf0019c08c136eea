package io.recon4j.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed PLY header: the body encoding and the elements with their properties, in file order, plus
 * how many lines and bytes the header took (where the body starts).
 */
final class PlyHeader {

    /** The body encodings of PLY 1.0. */
    enum Format {
        ASCII("ascii", null),
        BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
        BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

        final String word;
        final ByteOrder order;

        Format(String word, ByteOrder order) {
            this.word = word;
            this.order = order;
        }
    }

    /**
     * One property: a scalar, or a list whose length is stored as {@code countType} before its items.
     *
     * @param countType the list length type, {@code null} for a scalar property
     */
    record Property(String name, PlyType type, PlyType countType) {
        boolean isList() {
            return countType != null;
        }
    }

    /**
     * One element: {@code count} records, each holding the properties in order.
     *
     * @param line the header line that declares it, for messages
     */
    record Element(String name, long count, List<Property> properties, long line) {
        Property property(String propertyName) {
            for (Property p : properties) {
                if (p.name().equals(propertyName)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Longest header line accepted; a longer one means the file is not a PLY file. */
    private static final int MAX_LINE = 1 << 16;

    final Format format;
    final List<Element> elements;
    final long lines;
    final long bytes;

    private PlyHeader(Format format, List<Element> elements, long lines, long bytes) {
        this.format = format;
        this.elements = elements;
        this.lines = lines;
        this.bytes = bytes;
    }

    /** @return the element called {@code name}, or {@code null} */
    Element element(String name) {
        for (Element e : elements) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Reads the header, leaving {@code in} at the first body byte.
     *
     * @param in the file from its start; must support {@code mark} (a lone CR line end is looked past)
     */
    static PlyHeader read(Path file, InputStream in) throws IOException {
        return new Parser(file, in).parse();
    }

    /** Header parsing state. */
    private static final class Parser {
        private final Path file;
        private final InputStream in;
        private long lineNumber;
        private long bytes;
        private Format format;
        private final List<Element> elements = new ArrayList<>();
        private String elementName;
        private long elementCount;
        private long elementLine;
        private List<Property> properties;

        Parser(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        PlyHeader parse() throws IOException {
            String first = readLine();
            if (first == null || !first.strip().equals("ply")) {
                throw error("expected the magic line 'ply', found "
                        + (first == null ? "an empty file" : "'" + printable(first) + "'"));
            }
            String line;
            while ((line = readLine()) != null) {
                String[] t = TextLines.split(line);
                if (t.length == 0 || t[0].equals("comment") || t[0].equals("obj_info")) {
                    continue;
                }
                switch (t[0]) {
                    case "format":
                        format(t);
                        break;
                    case "element":
                        element(t);
                        break;
                    case "property":
                        property(t);
                        break;
                    case "end_header":
                        return finish();
                    default:
                        throw error("unknown header keyword '" + printable(t[0])
                                + "'; expected format, comment, obj_info, element, property or end_header");
                }
            }
            throw error("file ends inside the header; expected an 'end_header' line");
        }

        private void format(String[] t) throws CloudFormatException {
            if (format != null) {
                throw error("second 'format' line; expected exactly one");
            }
            if (t.length != 3) {
                throw error("expected 'format <ascii|binary_little_endian|binary_big_endian> 1.0'");
            }
            for (Format f : Format.values()) {
                if (f.word.equals(t[1])) {
                    format = f;
                }
            }
            if (format == null) {
                throw error("unsupported PLY format '" + printable(t[1])
                        + "'; expected ascii, binary_little_endian or binary_big_endian");
            }
            if (!t[2].equals("1.0") && !t[2].equals("1")) {
                throw error("unsupported PLY version '" + printable(t[2]) + "'; expected 1.0");
            }
        }

        private void element(String[] t) throws CloudFormatException {
            if (t.length != 3) {
                throw error("expected 'element <name> <count>'");
            }
            closeElement();
            if (elements.stream().anyMatch(e -> e.name().equals(t[1]))) {
                throw error("element '" + t[1] + "' is declared twice; expected distinct element names");
            }
            if (!TextLines.isInteger(t[2]) || t[2].startsWith("-")) {
                throw error("expected a non-negative integer count for element '" + t[1] + "', found '"
                        + printable(t[2]) + "'");
            }
            try {
                elementCount = Long.parseLong(t[2]);
            } catch (NumberFormatException e) {
                throw error("count " + t[2] + " of element '" + t[1] + "' is out of range");
            }
            elementName = t[1];
            elementLine = lineNumber;
            properties = new ArrayList<>();
        }

        private void property(String[] t) throws CloudFormatException {
            if (elementName == null) {
                throw error("'property' before any 'element'; expected it to follow an element line");
            }
            Property p;
            if (t.length >= 2 && t[1].equals("list")) {
                if (t.length != 5) {
                    throw error("expected 'property list <count type> <item type> <name>'");
                }
                PlyType count = type(t[2]);
                if (!count.integer) {
                    throw error("list '" + t[4] + "' has count type " + t[2] + "; expected an integer type");
                }
                p = new Property(t[4], type(t[3]), count);
            } else {
                if (t.length != 3) {
                    throw error("expected 'property <type> <name>' or 'property list <count type> <item type> <name>'");
                }
                p = new Property(t[2], type(t[1]), null);
            }
            if (properties.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw error("property '" + p.name() + "' is declared twice in element '" + elementName
                        + "'; expected distinct names");
            }
            properties.add(p);
        }

        private PlyType type(String word) throws CloudFormatException {
            PlyType type = PlyType.parse(word);
            if (type == null) {
                throw error("unsupported property type '" + printable(word) + "'; expected one of "
                        + PlyType.SUPPORTED);
            }
            return type;
        }

        private void closeElement() {
            if (elementName != null) {
                elements.add(new Element(elementName, elementCount, List.copyOf(properties), elementLine));
                elementName = null;
            }
        }

        private PlyHeader finish() throws CloudFormatException {
            if (format == null) {
                throw error("'end_header' without a 'format' line; expected 'format <encoding> 1.0' after 'ply'");
            }
            closeElement();
            return new PlyHeader(format, List.copyOf(elements), lineNumber, bytes);
        }

        /** Reads one ASCII header line ending in LF, CRLF or CR; null at end of file. */
        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n' && b != '\r') {
                if (sb.length() >= MAX_LINE) {
                    throw error("header line longer than " + MAX_LINE + " bytes; this is not a PLY header");
                }
                sb.append((char) b);
                bytes++;
                b = in.read();
            }
            if (b >= 0) {
                bytes++;
            }
            if (b == '\r') {
                in.mark(1);
                if (in.read() == '\n') {
                    bytes++;
                } else {
                    in.reset();
                }
            }
            lineNumber++;
            return sb.toString();
        }

        private CloudFormatException error(String problem) {
            return new CloudFormatException(file, CloudFormatException.line(Math.max(lineNumber, 1)), problem);
        }
    }

    /** @return {@code s} cut to 40 characters with control characters escaped, for messages */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c > '~' ? String.format("\\x%02x", (int) c & 0xFF) : String.valueOf(c));
        }
        return s.length() > 40 ? sb + "..." : sb.toString();
    }
}
