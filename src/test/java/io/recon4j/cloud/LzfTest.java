package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ning.compress.lzf.LZFException;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LzfTest {

    @Test
    void roundTripsShortRandomAndRepetitiveInputs() throws LZFException {
        Random rnd = new Random(3);
        for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 100, 8191, 70_000, 1 << 20}) {
            byte[] random = new byte[len];
            rnd.nextBytes(random);
            assertArrayEquals(random, Lzf.decompress(Lzf.compress(random), len), "random " + len);
            byte[] repetitive = new byte[len];
            for (int i = 0; i < len; i++) {
                repetitive[i] = (byte) (i % 7 == 0 ? rnd.nextInt(4) : i % 13);
            }
            byte[] packed = Lzf.compress(repetitive);
            assertArrayEquals(repetitive, Lzf.decompress(packed, len), "repetitive " + len);
            if (len >= 8191) {
                assertTrue(packed.length < len / 2, "repetitive data should compress: " + packed.length + " of " + len);
            }
        }
    }

    @Test
    void shortInputsAreLiteralRuns() {
        assertArrayEquals(new byte[] {2, 'a', 'b', 'c'}, Lzf.compress(new byte[] {'a', 'b', 'c'}));
    }

    @Test
    void wrongLengthsAndCorruptStreamsThrow() {
        byte[] data = new byte[1000];
        byte[] packed = Lzf.compress(data);
        assertThrows(LZFException.class, () -> Lzf.decompress(packed, 999));
        assertThrows(LZFException.class, () -> Lzf.decompress(packed, 1001));
        assertThrows(LZFException.class, () -> Lzf.decompress(new byte[] {(byte) 0xE0, 0, 5}, 10));
        assertThrows(LZFException.class, () -> Lzf.decompress(new byte[0], 4));
    }
}
