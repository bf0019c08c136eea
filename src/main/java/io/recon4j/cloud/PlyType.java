package io.recon4j.cloud;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The scalar types of PLY 1.0, with the sized aliases (int8 ... float64) that many exporters write. */
enum PlyType {
    CHAR("char", "int8", 1, true),
    UCHAR("uchar", "uint8", 1, true),
    SHORT("short", "int16", 2, true),
    USHORT("ushort", "uint16", 2, true),
    INT("int", "int32", 4, true),
    UINT("uint", "uint32", 4, true),
    FLOAT("float", "float32", 4, false),
    DOUBLE("double", "float64", 8, false);

    /** The names a header may use, for error messages. */
    static final String SUPPORTED = Arrays.stream(values()).map(t -> t.name + "/" + t.alias)
            .collect(Collectors.joining(", "));

    final String name;
    final String alias;
    final int bytes;
    final boolean integer;

    PlyType(String name, String alias, int bytes, boolean integer) {
        this.name = name;
        this.alias = alias;
        this.bytes = bytes;
        this.integer = integer;
    }

    /** @return the type called {@code word} in a header, or {@code null} if it is not a PLY type */
    static PlyType parse(String word) {
        for (PlyType t : values()) {
            if (t.name.equals(word) || t.alias.equals(word)) {
                return t;
            }
        }
        return null;
    }

    /** Reads one binary value of this type; unsigned types are widened, never wrapped. */
    double read(BinaryCursor in) throws IOException {
        switch (this) {
            case FLOAT:
                return in.readFloat();
            case DOUBLE:
                return in.readDouble();
            default:
                return readInteger(in);
        }
    }

    /** Reads one binary value of an integer type, widened to long. */
    long readInteger(BinaryCursor in) throws IOException {
        switch (this) {
            case CHAR:
                return in.readByte();
            case UCHAR:
                return in.readByte() & 0xFF;
            case SHORT:
                return in.readShort();
            case USHORT:
                return in.readShort() & 0xFFFF;
            case INT:
                return in.readInt();
            case UINT:
                return in.readInt() & 0xFFFFFFFFL;
            default:
                throw new IllegalStateException(name + " is not an integer type");
        }
    }
}
