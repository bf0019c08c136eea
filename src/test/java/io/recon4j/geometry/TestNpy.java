package io.recon4j.geometry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal test-only .npy reader (C order; dtypes {@code <f4}, {@code <i8}, {@code |b1}). Stand-in until the
 * project's NpyReader exists; delete this file then.
 */
final class TestNpy {

    /** A loaded array: shape plus exactly one of the value arrays. */
    record Array(long[] shape, float[] floats, long[] longs, boolean[] bools) {
        int[] ints() {
            int[] out = new int[longs.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.toIntExact(longs[i]);
            }
            return out;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private TestNpy() {}

    static Array read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("\u0093NUMPY")) {
            throw new IOException(file + ": not a .npy file");
        }
        int major = buf.get();
        buf.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] h = new byte[headerLen];
        buf.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, file);
        if (find(ORDER, header, file).equals("True")) {
            throw new IOException(file + ": Fortran order not supported");
        }
        String dims = find(SHAPE, header, file).trim();
        long[] shape = dims.isEmpty() ? new long[0]
                : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
        int count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, Math.toIntExact(d));
        }
        switch (descr) {
            case "<f4": {
                float[] v = new float[count];
                buf.asFloatBuffer().get(v);
                return new Array(shape, v, null, null);
            }
            case "<i8": {
                long[] v = new long[count];
                buf.asLongBuffer().get(v);
                return new Array(shape, null, v, null);
            }
            case "|b1": {
                boolean[] v = new boolean[count];
                for (int i = 0; i < count; i++) {
                    v[i] = buf.get() != 0;
                }
                return new Array(shape, null, null, v);
            }
            default:
                throw new IOException(file + ": dtype " + descr + " not supported by the test reader");
        }
    }

    private static String find(Pattern p, String header, Path file) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": header lacks " + p.pattern() + ": " + header);
        }
        return m.group(1);
    }
}
