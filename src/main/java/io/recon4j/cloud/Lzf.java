package io.recon4j.cloud;

import com.ning.compress.lzf.LZFChunk;
import com.ning.compress.lzf.LZFException;
import com.ning.compress.lzf.impl.VanillaChunkDecoder;
import com.ning.compress.lzf.impl.VanillaChunkEncoder;
import java.io.ByteArrayOutputStream;

/**
 * Raw LZF (liblzf's {@code lzf_compress}/{@code lzf_decompress} format, no chunk headers), as PCD's
 * {@code binary_compressed} stores it. Uses compress-lzf's safe (non-Unsafe) codecs so corrupt
 * input fails with an exception instead of touching memory out of bounds.
 */
final class Lzf {

    /** compress-lzf only compresses blocks of at least this many bytes (its MIN_BLOCK_TO_COMPRESS). */
    private static final int MIN_COMPRESSIBLE = 16;

    private Lzf() {
    }

    /**
     * Decompresses a raw LZF stream.
     *
     * @param in exactly the compressed bytes
     * @param uncompressedSize the expected output length
     * @return the decompressed bytes, exactly {@code uncompressedSize} long
     * @throws LZFException if the stream is corrupt or does not produce exactly that many bytes
     */
    static byte[] decompress(byte[] in, int uncompressedSize) throws LZFException {
        byte[] out = new byte[uncompressedSize];
        if (in.length == 0 || uncompressedSize == 0) {
            if (in.length != uncompressedSize) {
                throw new LZFException("empty stream cannot produce " + uncompressedSize + " bytes");
            }
            return out;
        }
        try {
            new VanillaChunkDecoder().decodeChunk(in, 0, out, 0, uncompressedSize);
        } catch (IndexOutOfBoundsException e) {
            // The decoder indexes arrays directly; corrupt back-references or a short stream land here.
            throw new LZFException("corrupt LZF data (back-reference or literal run outside the buffers: "
                    + e.getMessage() + ")");
        }
        return out;
    }

    /** @return {@code in} compressed as one raw LZF stream that liblzf's {@code lzf_decompress} accepts */
    static byte[] compress(byte[] in) {
        if (in.length < MIN_COMPRESSIBLE) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 2);
            for (int pos = 0; pos < in.length; pos += LZFChunk.MAX_LITERAL) {
                int run = Math.min(LZFChunk.MAX_LITERAL, in.length - pos);
                out.write(run - 1); // control byte < 32: a literal run of (ctrl + 1) bytes
                out.write(in, pos, run);
            }
            return out.toByteArray();
        }
        // Worst case: every 32 literals need one control byte.
        byte[] out = new byte[in.length + (in.length + 31) / 32 + 1];
        RawEncoder encoder = new RawEncoder(in.length);
        try {
            int end = encoder.compressAll(in, out);
            return java.util.Arrays.copyOf(out, end);
        } finally {
            encoder.close();
        }
    }

    /** Exposes the encoder's raw (header-less) compression of one block. */
    private static final class RawEncoder extends VanillaChunkEncoder {
        RawEncoder(int totalLength) {
            super(totalLength);
        }

        int compressAll(byte[] in, byte[] out) {
            return tryCompress(in, 0, in.length, out, 0);
        }
    }
}
