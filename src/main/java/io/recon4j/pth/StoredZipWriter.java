package io.recon4j.pth;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip of uncompressed (STORED) entries whose data starts on a 64-byte boundary, like PyTorch's
 * {@code PyTorchStreamWriter}: the local header gets an extra field with id {@code "FB"} padded with
 * {@code 'Z'} bytes. torch.load reads the records through miniz and does not need the alignment; it is
 * there so that memory-mapped loading ({@code torch.load(mmap=True)}) gets aligned tensor data. Entries
 * over 4 GiB get a zip64 extra field that this padding does not account for (they stay readable, unaligned).
 */
final class StoredZipWriter implements AutoCloseable {

    static final int ALIGNMENT = 64;
    /** Fixed timestamp (inside the DOS range, so no extended-time field) for reproducible files. */
    private static final LocalDateTime TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int EXTRA_HEADER_SIZE = 4;

    private final CountingStream counting;
    private final ZipOutputStream zip;

    StoredZipWriter(OutputStream out) {
        this.counting = new CountingStream(out);
        this.zip = new ZipOutputStream(counting, StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
    }

    void add(String name, byte[] data) throws IOException {
        add(name, ByteBuffer.wrap(data));
    }

    /** Adds one entry holding the remaining bytes of {@code data}. */
    void add(String name, ByteBuffer data) throws IOException {
        ByteBuffer body = data.duplicate();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(body.remaining());
        e.setCompressedSize(body.remaining());
        e.setCrc(crc.getValue());
        e.setTimeLocal(TIME);
        e.setExtra(padding(counting.count, name.getBytes(StandardCharsets.UTF_8).length));
        zip.putNextEntry(e);
        byte[] chunk = new byte[Math.min(body.remaining(), 1 << 20)];
        while (body.hasRemaining()) {
            int n = Math.min(chunk.length, body.remaining());
            body.get(chunk, 0, n);
            zip.write(chunk, 0, n);
        }
        zip.closeEntry();
    }

    /** PyTorch's getPadding: "FB", little-endian pad length, then that many 'Z's, so data lands on ALIGNMENT. */
    static byte[] padding(long headerOffset, int nameLength) {
        long dataStart = headerOffset + LOCAL_HEADER_SIZE + nameLength + EXTRA_HEADER_SIZE;
        int pad = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[EXTRA_HEADER_SIZE + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        Arrays.fill(extra, EXTRA_HEADER_SIZE, extra.length, (byte) 'Z');
        return extra;
    }

    /** Writes the central directory; the underlying stream stays open (the caller still has to sync it). */
    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }

    /** Tracks the archive offset; ZipOutputStream writes headers and STORED data straight through. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
