package io.recon4j.teacher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Teacher features on disk, one small file per (teacher identity, key); the key names the dataset, the sample
 * and the view set or prompt. Because teachers are frozen, a feature is computed once and read back in later
 * runs.
 *
 * <p>Nothing is used blindly: each file carries a header (format tag, teacher identity, key, D) and a CRC-32
 * of all its bytes. A file that is truncated, fails its checksum, or names another teacher, key or width is
 * reported through the warning sink, recomputed and rewritten. Entries appear by atomic rename; a crash that
 * tears an entry's content is caught by the checksum. Thread-safe.
 *
 * <p>File layout (big-endian): {@code "R4JFEAT1"}, identity and key (each an int byte count + UTF-8), int D,
 * D floats, long CRC-32 of
 * every preceding byte. Path: {@code <dir>/<h[0..2]>/<h>.feat} with h = SHA-256(identity, key) in hex.
 */
public final class FeatureCache {

    private static final byte[] MAGIC = "R4JFEAT1".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final Consumer<String> warnings;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Counters since the cache was opened.
     *
     * @param hits entries read and verified
     * @param misses entries computed because no file existed
     * @param rejected entries found corrupt or stale, then recomputed
     */
    public record Stats(long hits, long misses, long rejected) {
    }

    private FeatureCache(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /**
     * @param dir cache folder (created if missing)
     * @param warnings receives one line per rejected entry
     */
    public static FeatureCache at(Path dir, Consumer<String> warnings) throws IOException {
        Files.createDirectories(dir);
        return new FeatureCache(dir, warnings);
    }

    /** @return a cache in {@code dir} that warns on standard error */
    public static FeatureCache at(Path dir) throws IOException {
        return at(dir, msg -> System.err.println("warning: " + msg));
    }

    /** @return the cache folder */
    public Path dir() {
        return dir;
    }

    /** @return the counters */
    public Stats stats() {
        return new Stats(hits.get(), misses.get(), rejected.get());
    }

    /**
     * The feature of {@code key} under {@code teacher}, from disk if a valid entry exists, else computed and stored.
     *
     * @param teacher identity and width D
     * @param key what was encoded, e.g. {@code "modelnet10/train|chair_0001|<cloud hash>|render(...)"}
     * @param compute computes the feature on a miss
     * @return D floats
     * @throws IllegalStateException if {@code compute} returns a feature of the wrong width or a non-finite value
     */
    public float[] get(Teacher teacher, String key, Supplier<float[]> compute) throws IOException {
        String identity = teacher.identity();
        int dim = teacher.dimension();
        Path file = fileFor(identity, key);
        String problem;
        try {
            byte[] bytes = Files.readAllBytes(file);
            problem = check(bytes, identity, key, dim);
            if (problem == null) {
                hits.incrementAndGet();
                return decode(bytes, identity, key, dim);
            }
        } catch (NoSuchFileException e) {
            problem = null;
        }
        if (problem != null) {
            rejected.incrementAndGet();
            warnings.accept("feature cache entry " + file + " " + problem + "; recomputing it");
        } else {
            misses.incrementAndGet();
        }
        float[] feature = compute.get();
        if (feature == null || feature.length != dim) {
            throw new IllegalStateException("teacher " + identity + " returned " + (feature == null ? "null" : feature.length
                    + " values") + " for '" + key + "', expected " + dim);
        }
        for (float f : feature) {
            if (!Float.isFinite(f)) {
                throw new IllegalStateException("teacher " + identity + " returned a non-finite value for '" + key + "'");
            }
        }
        store(file, encode(identity, key, feature));
        return feature;
    }

    /**
     * Temporary file + atomic rename, without fsync: thousands of entries stay fast, and content torn by a crash
     * fails the checksum on the next read instead of being used.
     */
    private static void store(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime())
                + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return where the entry of (identity, key) lives */
    Path fileFor(String identity, String key) {
        String h = Hashes.of(identity + "\u0000" + key);
        return dir.resolve(h.substring(0, 2)).resolve(h + ".feat");
    }

    static byte[] encode(String identity, String key, float[] feature) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + 4 * feature.length);
        DataOutputStream out = new DataOutputStream(bos);
        out.write(MAGIC);
        writeString(out, identity);
        writeString(out, key);
        out.writeInt(feature.length);
        for (float f : feature) {
            out.writeFloat(f);
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bos.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bos.toByteArray();
    }

    /** @return null if {@code bytes} is a valid entry for (identity, key, dim), else what is wrong with it */
    private static String check(byte[] bytes, String identity, String key, int dim) {
        if (bytes.length < MAGIC.length + 4 + 4 + 4 + 8) {
            return "is truncated (" + bytes.length + " bytes)";
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return "is not a recon4j feature file (bad format tag at byte 0)";
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            return "fails its checksum (corrupt)";
        }
        // The checksum holds, so the header can be parsed safely.
        String fileIdentity = readUtf(buf);
        if (!fileIdentity.equals(identity)) {
            return "belongs to teacher '" + fileIdentity + "', not '" + identity + "' (stale)";
        }
        String fileKey = readUtf(buf);
        if (!fileKey.equals(key)) {
            return "holds key '" + fileKey + "', not '" + key + "' (stale)";
        }
        int fileDim = buf.getInt();
        if (fileDim != dim) {
            return "holds " + fileDim + " values, the teacher gives " + dim + " (stale)";
        }
        if (buf.remaining() != 4L * dim + 8) {
            return "has " + buf.remaining() + " bytes after its header, expected " + (4L * dim + 8) + " (corrupt)";
        }
        return null;
    }

    private static float[] decode(byte[] bytes, String identity, String key, int dim) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        readUtf(buf);
        readUtf(buf);
        buf.getInt();
        float[] out = new float[dim];
        buf.asFloatBuffer().get(out);
        return out;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readUtf(ByteBuffer buf) {
        int len = buf.getInt();
        if (len < 0 || len > buf.remaining()) {
            return "\u0000<unreadable>";
        }
        byte[] b = new byte[len];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
