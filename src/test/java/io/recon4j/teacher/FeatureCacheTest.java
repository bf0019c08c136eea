package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk feature cache: hits, misses, and corrupt or stale entries that must be recomputed. */
@Tag("fast")
class FeatureCacheTest {

    /** A fake teacher counting its calls; features depend on the key and a version number. */
    static final class Counting implements TextTeacher {
        final String identity;
        final int dim;
        final float version;
        final AtomicInteger calls = new AtomicInteger();

        Counting(String identity, int dim, float version) {
            this.identity = identity;
            this.dim = dim;
            this.version = version;
        }

        @Override
        public float[] embed(String prompt) {
            calls.incrementAndGet();
            float[] f = new float[dim];
            for (int i = 0; i < dim; i++) {
                f[i] = prompt.length() * version + i;
            }
            return f;
        }

        @Override
        public String identity() {
            return identity;
        }

        @Override
        public int dimension() {
            return dim;
        }
    }

    static float[] get(FeatureCache c, Counting t, String key) throws IOException {
        return c.get(t, key, () -> t.embed(key));
    }

    @Test
    void missThenHitAcrossInstances(@TempDir Path dir) throws IOException {
        Counting t = new Counting("fake@1", 4, 1f);
        FeatureCache c = FeatureCache.at(dir);
        float[] a = get(c, t, "ds|sample-1|prompt 3");
        assertEquals(1, t.calls.get());
        assertArrayEquals(a, get(c, t, "ds|sample-1|prompt 3"), 0f);
        assertEquals(1, t.calls.get(), "second read comes from disk");
        FeatureCache reopened = FeatureCache.at(dir);
        assertArrayEquals(a, get(reopened, t, "ds|sample-1|prompt 3"), 0f);
        assertEquals(1, t.calls.get());
        assertEquals(new FeatureCache.Stats(1, 1, 0), c.stats());
        assertEquals(new FeatureCache.Stats(1, 0, 0), reopened.stats());
        get(c, t, "ds|sample-2|prompt 3");
        assertEquals(2, t.calls.get(), "another key is another entry");
    }

    @Test
    void corruptOrTruncatedEntriesAreRecomputedNotUsed(@TempDir Path dir) throws IOException {
        List<String> warnings = new ArrayList<>();
        Counting t = new Counting("fake@1", 4, 1f);
        FeatureCache c = FeatureCache.at(dir, warnings::add);
        float[] good = get(c, t, "k");
        Path file = c.fileFor("fake@1", "k");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 12] ^= 0x40; // flip a bit inside the last float
        Files.write(file, bytes);
        assertArrayEquals(good, get(c, t, "k"), 0f);
        assertEquals(2, t.calls.get());
        assertTrue(warnings.get(0).contains("checksum") && warnings.get(0).contains(file.toString()), warnings.get(0));

        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
        assertArrayEquals(good, get(c, t, "k"), 0f);
        assertEquals(3, t.calls.get());
        Files.writeString(file, "garbage that is long enough to pass the size check........");
        assertArrayEquals(good, get(c, t, "k"), 0f);
        assertEquals(4, t.calls.get());
        assertEquals(3, c.stats().rejected());
        // Once rewritten, the entry is good again.
        get(c, t, "k");
        assertEquals(4, t.calls.get());
    }

    @Test
    void staleTeacherIdentityOrWidthIsRecomputed(@TempDir Path dir) throws IOException {
        List<String> warnings = new ArrayList<>();
        FeatureCache c = FeatureCache.at(dir, warnings::add);
        Counting v1 = new Counting("fake@1", 4, 1f);
        Counting v2 = new Counting("fake@2", 4, 2f);
        float[] a = get(c, v1, "k");
        float[] b = get(c, v2, "k");
        assertEquals(1, v2.calls.get(), "a new teacher identity never reads the old teacher's features");
        assertTrue(a[0] != b[0]);

        // An entry of teacher v1 planted where v2's entry lives (e.g. a copied cache) is detected by its header.
        Files.copy(c.fileFor("fake@1", "k"), c.fileFor("fake@2", "k"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertArrayEquals(b, get(c, v2, "k"), 0f);
        assertEquals(2, v2.calls.get());
        assertTrue(warnings.get(0).contains("belongs to teacher 'fake@1'"), warnings.get(0));

        // Same identity, different width: the header's D does not match, recomputed.
        Counting wide = new Counting("fake@1", 6, 1f);
        Files.createDirectories(c.fileFor("fake@1", "k2").getParent());
        Files.copy(c.fileFor("fake@1", "k"), c.fileFor("fake@1", "k2"));
        assertEquals(6, get(c, wide, "k").length);
        assertEquals(1, wide.calls.get());
        // A file moved to another key's place is caught by the key in its header.
        assertArrayEquals(v1.embed("k2"), get(c, v1, "k2"), 0f);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("holds key 'k'")), warnings.toString());
    }

    @Test
    void badTeacherOutputIsRefused(@TempDir Path dir) throws IOException {
        FeatureCache c = FeatureCache.at(dir);
        Counting t = new Counting("fake@1", 4, 1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.get(t, "k", () -> new float[3]));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("expected 4"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> c.get(t, "k", () -> new float[] {0, Float.NaN, 0, 0}));
        assertTrue(!Files.exists(c.fileFor("fake@1", "k")), "nothing is stored for a refused feature");
    }
}
