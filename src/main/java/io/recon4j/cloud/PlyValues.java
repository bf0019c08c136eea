package io.recon4j.cloud;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The values of a PLY body, one element record at a time, from either encoding; lets {@link PlyReader}
 * handle ascii and binary files with one piece of logic.
 */
interface PlyValues {

    /**
     * Starts record {@code index} of {@code element}.
     *
     * @throws EOFException if the file ends before the record
     */
    void begin(PlyHeader.Element element, long index) throws IOException;

    /** Reads scalar property {@code p} (or one item of list {@code p}) of the current record. */
    double scalar(PlyHeader.Property p) throws IOException;

    /** Reads an integer: the length of list {@code p} (its count type) or, if {@code item}, one of its items. */
    long integer(PlyHeader.Property p, boolean item) throws IOException;

    /** Ends the current record; an ascii line must hold exactly the values the header declares. */
    void end() throws IOException;

    /** Checks that nothing but whitespace follows the last record. */
    void finish() throws IOException;

    /** @return the current place in the file, for messages */
    String location();

    /** Ascii body: one record per line, whitespace-separated tokens. */
    final class Ascii implements PlyValues {
        private final TextLines lines;
        private PlyHeader.Element element;
        private long index;
        private String[] tokens = new String[0];
        private int next;

        Ascii(TextLines lines) {
            this.lines = lines;
        }

        @Override
        public void begin(PlyHeader.Element e, long i) throws IOException {
            String line = lines.nextNonBlank();
            if (line == null) {
                throw new EOFException();
            }
            element = e;
            index = i;
            tokens = TextLines.split(line);
            next = 0;
        }

        @Override
        public double scalar(PlyHeader.Property p) throws IOException {
            return lines.parseDouble(token(p), what(p));
        }

        @Override
        public long integer(PlyHeader.Property p, boolean item) throws IOException {
            return lines.parseLong(token(p), (item ? "an item of " : "the length of ") + what(p));
        }

        @Override
        public void end() throws CloudFormatException {
            if (next < tokens.length) {
                throw lines.error(element.name() + " " + index + " has " + tokens.length + " values but the header's "
                        + "properties take " + next + "; expected one record per line as declared");
            }
        }

        @Override
        public void finish() throws IOException {
            String extra = lines.nextNonBlank();
            if (extra != null) {
                throw lines.error("data after the last element declared in the header; the element counts"
                        + " in the header are smaller than the data");
            }
        }

        @Override
        public String location() {
            return lines.location();
        }

        private String token(PlyHeader.Property p) throws CloudFormatException {
            if (next >= tokens.length) {
                throw lines.error(element.name() + " " + index + " ends after " + tokens.length
                        + " values; expected a value for " + what(p));
            }
            return tokens[next++];
        }

        private String what(PlyHeader.Property p) {
            return "property '" + p.name() + "' of " + element.name() + " " + index;
        }
    }

    /** Binary body: packed records in one byte order. */
    final class Binary implements PlyValues {
        private final Path file;
        private final BinaryCursor in;

        Binary(Path file, BinaryCursor in) {
            this.file = file;
            this.in = in;
        }

        @Override
        public void begin(PlyHeader.Element e, long i) {
            // records are packed: nothing marks their start
        }

        @Override
        public double scalar(PlyHeader.Property p) throws IOException {
            return p.type().read(in);
        }

        @Override
        public long integer(PlyHeader.Property p, boolean item) throws IOException {
            return (item ? p.type() : p.countType()).readInteger(in);
        }

        @Override
        public void end() {
            // nothing delimits binary records
        }

        @Override
        public void finish() throws IOException {
            long start = in.position();
            long extra = in.countTrailingNonWhitespace();
            if (extra > 0) {
                throw new CloudFormatException(file, CloudFormatException.offset(start), extra
                        + " bytes of data after the last element declared in the header; the element counts"
                        + " in the header are smaller than the data");
            }
        }

        @Override
        public String location() {
            return CloudFormatException.offset(in.position());
        }
    }
}
