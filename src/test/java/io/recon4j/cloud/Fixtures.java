package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test files built in memory: text with chosen line ends, and binary records in either byte order. */
final class Fixtures {

    private Fixtures() {
    }

    /** Writes {@code text} as UTF-8 to {@code dir/name}. */
    static Path text(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** Writes {@code lines} joined by {@code eol} (with a final {@code eol}) to {@code dir/name}. */
    static Path lines(Path dir, String name, String eol, String... lines) throws IOException {
        return text(dir, name, String.join(eol, lines) + eol);
    }

    static Path bytes(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /**
     * A cloud a writer must round-trip exactly: N >= 2 points over 12 decades of magnitude plus the
     * awkward floats (subnormal, -0, +-MAX_VALUE, 1e-30), normals {@code nx ny nz} in [-1, 1), byte
     * colours {@code r g b} (packable by PCD) and an {@code intensity} whose first value is NaN.
     */
    static PointCloud awkwardCloud(int n, long seed) {
        Random rnd = new Random(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6));
        }
        float[] special = {Float.MIN_VALUE, -0.0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30f, 0.1f};
        System.arraycopy(special, 0, xyz, 0, special.length);
        Map<String, float[]> fields = new LinkedHashMap<>();
        for (String name : new String[] {"nx", "ny", "nz", "r", "g", "b", "intensity"}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = name.length() == 1 ? rnd.nextInt(256) : rnd.nextFloat() * 2 - 1;
            }
            fields.put(name, v);
        }
        fields.get("intensity")[0] = Float.NaN; // extra fields may hold NaN
        return new PointCloud(xyz, fields);
    }

    /**
     * Extracts the zip resource {@code name} (relative to {@code owner}'s package) into {@code dir}.
     *
     * @return the extracted files, in archive order
     */
    static List<Path> unzipResource(Class<?> owner, String name, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " not found beside " + owner.getName());
            }
            try (ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (e.isDirectory() || !target.getParent().equals(dir.normalize())) {
                        throw new IOException(name + ": expected flat file entries, found '" + e.getName() + "'");
                    }
                    Files.copy(zip, target);
                    files.add(target);
                }
            }
        }
        return files;
    }

    /** Reads {@code file} expecting a format error; checks the message names the file and all fragments. */
    static CloudFormatException failsWith(Path file, String... fragments) {
        CloudFormatException e = assertThrows(CloudFormatException.class, () -> CloudIO.read(file));
        assertTrue(e.getMessage().contains(file.toString()), () -> "message does not name the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "expected '" + f + "' in: " + e.getMessage());
        }
        return e;
    }

    /**
     * Binary records written with {@link DataOutputStream} (big-endian), byte-swapped for little-endian;
     * independent of the production reader and writer.
     */
    static final class Binary {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final boolean little;

        Binary(boolean littleEndian) {
            this.little = littleEndian;
        }

        Binary ascii(String s) {
            return raw(s.getBytes(StandardCharsets.US_ASCII));
        }

        Binary raw(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Binary i8(int v) {
            try {
                out.writeByte(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Binary i16(int v) {
            try {
                out.writeShort(little ? Short.reverseBytes((short) v) : v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Binary i32(int v) {
            try {
                out.writeInt(little ? Integer.reverseBytes(v) : v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Binary f32(float v) {
            return i32(Float.floatToRawIntBits(v));
        }

        Binary f64(double v) {
            try {
                long bits = Double.doubleToRawLongBits(v);
                out.writeLong(little ? Long.reverseBytes(bits) : bits);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes value {@code v} as PLY type {@code type} (any spelling). */
        Binary typed(String type, double v) {
            switch (type) {
                case "char": case "int8": case "uchar": case "uint8":
                    return i8((int) (long) v);
                case "short": case "int16": case "ushort": case "uint16":
                    return i16((int) (long) v);
                case "int": case "int32": case "uint": case "uint32":
                    return i32((int) (long) v);
                case "float": case "float32":
                    return f32((float) v);
                case "double": case "float64":
                    return f64(v);
                default:
                    throw new IllegalArgumentException(type);
            }
        }

        int size() {
            return bytes.size();
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }

        Path write(Path dir, String name) throws IOException {
            return Fixtures.bytes(dir, name, toBytes());
        }
    }
}
