package io.recon4j.cloud;

import java.nio.ByteBuffer;

/**
 * Element types of binary point-cloud and array files (PCD {@code TYPE}/{@code SIZE}, NumPy
 * {@code descr}). Values are decoded from buffers whose byte order the caller has set.
 */
public enum ScalarType {
    /** 1-byte boolean, 0 or non-zero (NumPy {@code |b1}). */
    BOOL(1, Kind.BOOL),
    INT8(1, Kind.SIGNED),
    UINT8(1, Kind.UNSIGNED),
    INT16(2, Kind.SIGNED),
    UINT16(2, Kind.UNSIGNED),
    INT32(4, Kind.SIGNED),
    UINT32(4, Kind.UNSIGNED),
    INT64(8, Kind.SIGNED),
    UINT64(8, Kind.UNSIGNED),
    FLOAT32(4, Kind.FLOAT),
    FLOAT64(8, Kind.FLOAT);

    private enum Kind { BOOL, SIGNED, UNSIGNED, FLOAT }

    private final int size;
    private final Kind kind;

    ScalarType(int size, Kind kind) {
        this.size = size;
        this.kind = kind;
    }

    /** @return bytes per element */
    public int size() {
        return size;
    }

    /** @return true for FLOAT32 and FLOAT64 */
    public boolean isFloating() {
        return kind == Kind.FLOAT;
    }

    /** @return true for the signed and unsigned integer types (not BOOL) */
    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    /** @return the integer type with this signedness and byte size, or {@code null} if none */
    static ScalarType integer(boolean signed, int size) {
        for (ScalarType t : values()) {
            if (t.isInteger() && t.size == size && (t.kind == Kind.SIGNED) == signed) {
                return t;
            }
        }
        return null;
    }

    /** @return the float type with this byte size, or {@code null} if none */
    static ScalarType floating(int size) {
        return size == 4 ? FLOAT32 : size == 8 ? FLOAT64 : null;
    }

    /** Reads one element at absolute byte {@code offset} as a double (UINT64 above 2^63 stays positive). */
    double read(ByteBuffer buf, int offset) {
        switch (this) {
            case UINT64: return unsignedToDouble(buf.getLong(offset));
            case FLOAT32: return buf.getFloat(offset);
            case FLOAT64: return buf.getDouble(offset);
            default: return readLong(buf, offset);
        }
    }

    /** Reads one integer or BOOL element at absolute byte {@code offset}; UINT64 returns the raw bits. */
    long readLong(ByteBuffer buf, int offset) {
        switch (this) {
            case BOOL: return buf.get(offset) != 0 ? 1 : 0;
            case INT8: return buf.get(offset);
            case UINT8: return buf.get(offset) & 0xFF;
            case INT16: return buf.getShort(offset);
            case UINT16: return buf.getShort(offset) & 0xFFFF;
            case INT32: return buf.getInt(offset);
            case UINT32: return buf.getInt(offset) & 0xFFFFFFFFL;
            case INT64:
            case UINT64: return buf.getLong(offset);
            default: throw new IllegalStateException(this + " is not an integer type");
        }
    }

    /**
     * Parses one text value of this type (used by ASCII formats).
     *
     * @return the value as a double
     * @throws NumberFormatException if the text is not a number of this type or out of its range
     */
    double parse(String token) {
        if (isFloating()) {
            return parseFloating(token, this == FLOAT32);
        }
        if (this == UINT64) {
            return unsignedToDouble(Long.parseUnsignedLong(token));
        }
        long v = Long.parseLong(token);
        long min = kind == Kind.SIGNED ? -(1L << (8 * size - 1)) : 0;
        long max = size == 8 ? Long.MAX_VALUE : kind == Kind.SIGNED ? (1L << (8 * size - 1)) - 1 : (1L << (8 * size)) - 1;
        if (v < min || v > max) {
            throw new NumberFormatException(token + " is outside the range of " + this + " [" + min + ", " + max + "]");
        }
        return v;
    }

    /**
     * Parses a decimal float, also accepting the C spellings {@code nan}, {@code inf}, {@code -inf}.
     *
     * @param single round directly to float (parsing to double first could round twice)
     */
    static double parseFloating(String token, boolean single) {
        String t = token.startsWith("+") ? token.substring(1) : token;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan": case "-nan": return Double.NaN;
            case "inf": case "infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        // Java accepts hex floats and trailing 'f'/'d' suffixes that no C writer produces; reject them.
        char last = lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1);
        if (last == 'f' || last == 'd' || lower.contains("x")) {
            throw new NumberFormatException("not a decimal number: " + token);
        }
        return single ? Float.parseFloat(t) : Double.parseDouble(t);
    }

    private static double unsignedToDouble(long bits) {
        double d = (double) (bits >>> 1) * 2.0;
        return d + (bits & 1);
    }
}
