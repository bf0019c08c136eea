package io.recon4j.pth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flat typed buffer that tensors view (PyTorch's {@code TypedStorage}). Read from a {@code .pth}
 * it starts unloaded, named by its persistent-id key; {@link PthFile} fills in the bytes of each key
 * once, so tensors sharing a key share this object and its data.
 */
final class Storage {

    final PthDType dtype;
    /** Persistent-id key ({@code data/<key>} in the zip); {@code null} for storages built in memory. */
    final String key;
    /** Element count written in the persistent id; the loaded entry is what bounds are checked against. */
    final long declaredNumel;

    private ByteBuffer data;

    Storage(PthDType dtype, String key, long declaredNumel) {
        this.dtype = dtype;
        this.key = key;
        this.declaredNumel = declaredNumel;
    }

    /** @return an in-memory storage over {@code bytes} (little-endian, taken over without copying) */
    static Storage wrap(PthDType dtype, ByteBuffer bytes) {
        Storage s = new Storage(dtype, null, bytes.capacity() / dtype.itemSize());
        s.setData(bytes);
        return s;
    }

    boolean isLoaded() {
        return data != null;
    }

    void setData(ByteBuffer littleEndianBytes) {
        this.data = littleEndianBytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a little-endian read-only view positioned at 0 */
    ByteBuffer data() {
        if (data == null) {
            throw new IllegalStateException("storage '" + key + "' was never loaded");
        }
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return number of elements actually held */
    long numel() {
        return data().capacity() / dtype.itemSize();
    }
}
