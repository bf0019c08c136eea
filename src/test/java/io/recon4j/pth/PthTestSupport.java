package io.recon4j.pth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Shared helpers for the pth tests: fixture paths, crafting zips, reading zip layout. */
final class PthTestSupport {

    static final Path TINY = Path.of("..", "shared", "fixtures", "recon-parity", "tiny");
    static final Path README = Path.of("..", "shared", "fixtures", "recon-parity", "README.md");

    private PthTestSupport() {}

    /** @return the tiny fixture {@code name}, skipping the test when ../shared is absent */
    static Path fixture(String name) {
        assumeTrue(Files.isDirectory(TINY), "../shared/fixtures/recon-parity/tiny not present: skipping fixture test");
        Path p = TINY.resolve(name);
        assumeTrue(Files.isRegularFile(p), p + " not present: skipping fixture test");
        return p;
    }

    /** Writes a zip holding {@code entries} (name → bytes), deflated like an ordinary zip tool would. */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    /** @return every entry of a zip, in order */
    static Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** One entry as laid out in the file, read from the central directory and the local header. */
    record Layout(String name, int method, long dataOffset, long size) {}

    /** Parses the zip structure by hand (EOCD → central directory → local headers). */
    static java.util.List<Layout> layout(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = b.capacity() - 22;
        while (b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        int count = b.getShort(eocd + 10) & 0xffff;
        int cen = b.getInt(eocd + 16);
        java.util.List<Layout> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (b.getInt(cen) != 0x02014b50) {
                throw new IOException("bad central header at " + cen);
            }
            int method = b.getShort(cen + 10) & 0xffff;
            long size = b.getInt(cen + 20) & 0xffffffffL;
            int nameLen = b.getShort(cen + 28) & 0xffff;
            int extraLen = b.getShort(cen + 30) & 0xffff;
            int commentLen = b.getShort(cen + 32) & 0xffff;
            int local = b.getInt(cen + 42);
            byte[] name = new byte[nameLen];
            b.get(cen + 46, name);
            int localName = b.getShort(local + 26) & 0xffff;
            int localExtra = b.getShort(local + 28) & 0xffff;
            out.add(new Layout(new String(name, StandardCharsets.UTF_8), method, local + 30L + localName + localExtra, size));
            cen += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }
}
