package io.recon4j.pth;

/**
 * Element type of a PyTorch tensor as stored in a {@code .pth} checkpoint, named after the
 * {@code torch.<Name>Storage} class that the pickle refers to.
 */
public enum PthDType {
    /** {@code torch.float32}, {@code FloatStorage}. */
    FLOAT32("FloatStorage", 4, true),
    /** {@code torch.float64}, {@code DoubleStorage}. */
    FLOAT64("DoubleStorage", 8, true),
    /** {@code torch.float16}, {@code HalfStorage}. */
    FLOAT16("HalfStorage", 2, true),
    /** {@code torch.bfloat16}, {@code BFloat16Storage}. */
    BFLOAT16("BFloat16Storage", 2, true),
    /** {@code torch.int64}, {@code LongStorage}. */
    INT64("LongStorage", 8, false),
    /** {@code torch.int32}, {@code IntStorage}. */
    INT32("IntStorage", 4, false),
    /** {@code torch.int16}, {@code ShortStorage}. */
    INT16("ShortStorage", 2, false),
    /** {@code torch.int8}, {@code CharStorage}. */
    INT8("CharStorage", 1, false),
    /** {@code torch.uint8}, {@code ByteStorage}. */
    UINT8("ByteStorage", 1, false),
    /** {@code torch.bool}, {@code BoolStorage}. */
    BOOL("BoolStorage", 1, false);

    private final String storageName;
    private final int itemSize;
    private final boolean floatingPoint;

    PthDType(String storageName, int itemSize, boolean floatingPoint) {
        this.storageName = storageName;
        this.itemSize = itemSize;
        this.floatingPoint = floatingPoint;
    }

    /** @return the storage class name in module {@code torch}, e.g. {@code "FloatStorage"} */
    public String storageName() {
        return storageName;
    }

    /** @return bytes per element */
    public int itemSize() {
        return itemSize;
    }

    /** @return whether values convert to {@code float} ({@link PthTensor#toFloats()}) rather than {@code long} */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** @return the dtype whose storage class is {@code torch.<storageName>}, or {@code null} if unknown */
    static PthDType forStorageName(String storageName) {
        for (PthDType t : values()) {
            if (t.storageName.equals(storageName)) {
                return t;
            }
        }
        return null;
    }
}
