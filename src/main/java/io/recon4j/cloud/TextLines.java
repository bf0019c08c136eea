package io.recon4j.cloud;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text file read line by line (LF, CRLF or CR endings), keeping the 1-based number of the current
 * line so every parse error can name it. Also owns the strict number parsing shared by the text readers.
 */
final class TextLines implements Closeable {

    /** Parses one opened text file. */
    @FunctionalInterface
    interface Parser {
        CloudFile parse(TextLines lines) throws IOException;
    }

    private final Path file;
    private final BufferedReader reader;
    private long lineNumber;

    /**
     * @param file the file, for messages
     * @param in the remaining bytes of the file, decoded as UTF-8 (malformed bytes become U+FFFD and fail as tokens)
     * @param linesBefore lines already consumed (e.g. a PLY header), so numbers stay file-absolute
     */
    TextLines(Path file, InputStream in, long linesBefore) {
        this.file = file;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.lineNumber = linesBefore;
    }

    /** Opens a whole text file. */
    static TextLines open(Path file) throws IOException {
        return new TextLines(file, Files.newInputStream(file), 0);
    }

    /**
     * Opens {@code file}, parses it with {@code parser} and closes it.
     *
     * @param what the kind of file, for the message of an unexpected parser failure, e.g. "the OBJ file"
     */
    static CloudFile parse(Path file, String what, Parser parser) throws IOException {
        try (TextLines lines = open(file)) {
            try {
                return parser.parse(lines);
            } catch (RuntimeException e) {
                // A bug here must still name the file and place rather than escape as a bare exception.
                throw new CloudFormatException(file, lines.location(), "cannot parse " + what + ": " + e, e);
            }
        }
    }

    /** @return the file being read */
    Path file() {
        return file;
    }

    /** @return the next line without its terminator, or {@code null} at the end of the file */
    String next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        // Spreadsheet exports start with a byte-order mark.
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        return line;
    }

    /** @return the next line that has a non-whitespace character, or {@code null} at the end */
    String nextNonBlank() throws IOException {
        String line;
        do {
            line = next();
        } while (line != null && isBlank(line));
        return line;
    }

    /** @return the number of the line last returned (0 before the first) */
    long lineNumber() {
        return lineNumber;
    }

    /** @return the current line as an error location */
    String location() {
        return CloudFormatException.line(lineNumber);
    }

    /** @return an error at the current line */
    CloudFormatException error(String problem) {
        return new CloudFormatException(file, location(), problem);
    }

    /** @return an error at an earlier line, e.g. a count line found wrong only later */
    CloudFormatException error(long line, String problem) {
        return new CloudFormatException(file, CloudFormatException.line(line), problem);
    }

    /**
     * Parses a decimal number; also accepts {@code nan}, {@code inf}, {@code infinity} in any case and sign
     * (C's printf spelling) so that callers can reject them with a specific message.
     *
     * @param what names the value for the error message, e.g. {@code "y of vertex 3"}
     */
    float parseFloat(String token, String what) throws CloudFormatException {
        if (isDecimal(token)) {
            try {
                return Float.parseFloat(token);
            } catch (NumberFormatException e) {
                // isDecimal lets malformed strings like "1e" or "--1" through; reported below.
            }
        } else {
            Double special = special(token);
            if (special != null) {
                return special.floatValue();
            }
        }
        throw error("expected a number for " + what + ", found '" + token + "'");
    }

    /** Same as {@link #parseFloat} with double precision. */
    double parseDouble(String token, String what) throws CloudFormatException {
        if (isDecimal(token)) {
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                // reported below
            }
        } else {
            Double special = special(token);
            if (special != null) {
                return special;
            }
        }
        throw error("expected a number for " + what + ", found '" + token + "'");
    }

    /**
     * Parses an integer (optional sign, digits only).
     *
     * @param what names the value for the error message, e.g. {@code "vertex count"}
     */
    long parseLong(String token, String what) throws CloudFormatException {
        if (isInteger(token)) {
            try {
                return Long.parseLong(token.charAt(0) == '+' ? token.substring(1) : token);
            } catch (NumberFormatException e) {
                throw error("integer " + token + " for " + what + " is out of range");
            }
        }
        throw error("expected an integer for " + what + ", found '" + token + "'");
    }

    /** @return the whitespace-separated tokens of {@code line} (any char up to U+0020 separates) */
    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) > ' ') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** @return true if {@code token} is an optionally signed run of digits */
    static boolean isInteger(String token) {
        int start = !token.isEmpty() && (token.charAt(0) == '-' || token.charAt(0) == '+') ? 1 : 0;
        if (start == token.length()) {
            return false;
        }
        for (int i = start; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return true if {@code token} is a number (decimal, or a nan/inf spelling) */
    static boolean isNumber(String token) {
        if (isDecimal(token)) {
            try {
                Double.parseDouble(token);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return special(token) != null;
    }

    /** Digits, sign, point and exponent only: Java's parser alone would also take "1f", "0x1p3" and " 1". */
    private static boolean isDecimal(String token) {
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** @return NaN or +-infinity for C's spellings (nan, nan(...), inf, infinity; any case and sign), else null */
    private static Double special(String token) {
        String t = unsigned(token).toLowerCase(Locale.ROOT);
        if (t.equals("nan") || t.startsWith("nan(")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("infinity")) {
            return token.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    private static String unsigned(String token) {
        return !token.isEmpty() && (token.charAt(0) == '-' || token.charAt(0) == '+') ? token.substring(1) : token;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
