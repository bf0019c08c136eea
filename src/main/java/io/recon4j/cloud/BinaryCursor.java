package io.recon4j.cloud;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads little- or big-endian numbers from a stream through its own buffer, keeping the absolute byte
 * offset so errors can say where in the file they happened.
 */
final class BinaryCursor {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final ByteBuffer view;
    private int pos;
    private int limit;
    private long bufferStart;

    /**
     * @param in the stream, positioned at {@code startOffset}
     * @param order the byte order of the numbers
     * @param startOffset the file offset of the stream's next byte
     */
    BinaryCursor(InputStream in, ByteOrder order, long startOffset) {
        this.in = in;
        this.view = ByteBuffer.wrap(buf).order(order);
        this.bufferStart = startOffset;
    }

    /** @return the file offset of the next byte to read */
    long position() {
        return bufferStart + pos;
    }

    byte readByte() throws IOException {
        ensure(1);
        return buf[pos++];
    }

    short readShort() throws IOException {
        ensure(2);
        short v = view.getShort(pos);
        pos += 2;
        return v;
    }

    int readInt() throws IOException {
        ensure(4);
        int v = view.getInt(pos);
        pos += 4;
        return v;
    }

    float readFloat() throws IOException {
        ensure(4);
        float v = view.getFloat(pos);
        pos += 4;
        return v;
    }

    double readDouble() throws IOException {
        ensure(8);
        double v = view.getDouble(pos);
        pos += 8;
        return v;
    }

    /**
     * Consumes the rest of the stream.
     *
     * @return the number of remaining bytes that are not ASCII whitespace
     */
    long countTrailingNonWhitespace() throws IOException {
        long count = 0;
        while (true) {
            for (; pos < limit; pos++) {
                byte b = buf[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0x0B && b != 0x0C) {
                    count++;
                }
            }
            if (!fill()) {
                return count;
            }
        }
    }

    /** Makes {@code n <= buf.length} bytes available at {@code pos}, or throws EOFException. */
    private void ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                throw new EOFException("needed " + n + " bytes at offset " + position() + ", file ends at "
                        + (bufferStart + limit));
            }
        }
    }

    /** Moves unread bytes to the front and reads more; returns false at end of stream. */
    private boolean fill() throws IOException {
        int remaining = limit - pos;
        System.arraycopy(buf, pos, buf, 0, remaining);
        bufferStart += pos;
        pos = 0;
        limit = remaining;
        int r = in.read(buf, limit, buf.length - limit);
        if (r <= 0) {
            return false;
        }
        limit += r;
        return true;
    }
}
