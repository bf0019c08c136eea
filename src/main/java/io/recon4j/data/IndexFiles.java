package io.recon4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading of the small text index files of the datasets (class names, split lists). */
final class IndexFiles {

    private IndexFiles() {
    }

    /** One non-blank line of an index file, trimmed, with its 1-based line number. */
    record Line(int number, String text) {
        /** @return the line as an error location */
        String location() {
            return DatasetFormatException.line(number);
        }
    }

    /**
     * @param what what the file is, for the error message (e.g. "ModelNet class list")
     * @return the non-blank lines, trimmed (the official code {@code rstrip}s each line)
     * @throws DatasetFormatException if the file is missing, unreadable or has no entries
     */
    static List<Line> read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "file", "missing " + what + " (expected a text file, one entry per line)");
        }
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DatasetFormatException(file, "file", what + " is not UTF-8 text", e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i).strip();
            if (!t.isEmpty()) {
                lines.add(new Line(i + 1, t));
            }
        }
        if (lines.isEmpty()) {
            throw new DatasetFormatException(file, "file", what + " is empty");
        }
        return lines;
    }

    /** @return the sorted names of the visible sub-directories of {@code dir} */
    static List<String> subdirectories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** @return up to {@code max} entry names of {@code dir}, sorted, for "found: ..." in error messages */
    static String listing(Path dir, int max) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
            if (names.isEmpty()) {
                return "the folder is empty";
            }
            return "found " + (names.size() <= max ? names : names.subList(0, max) + " and " + (names.size() - max) + " more");
        } catch (IOException e) {
            return "cannot list the folder (" + e.getMessage() + ")";
        }
    }
}
