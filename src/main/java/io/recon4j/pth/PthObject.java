package io.recon4j.pth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * A value in an unpickled checkpoint, together with where it came from (file and a Python-like path
 * such as {@code root['metrics']['acc']}) so that every error can name it.
 *
 * <p>{@link #value()} is a plain Java value: {@code null} (None), {@link Boolean}, {@link Long}
 * ({@link java.math.BigInteger} beyond 64 bits), {@link Double}, {@link String}, {@code byte[]},
 * {@link PthTensor}, {@link java.util.List} (tuples read-only), {@link Map} (dict, OrderedDict,
 * argparse.Namespace and EasyDict, in file order) or {@link java.util.Set}. torch.device values are
 * strings such as {@code "cuda:0"}, numpy scalars are Long / Double / Boolean.
 */
public final class PthObject {

    private final Path file;
    private final String location;
    private final Object value;

    PthObject(Path file, String location, Object value) {
        this.file = file;
        this.location = location;
        this.value = value;
    }

    /** @return the plain Java value (see the class comment for the mapping) */
    public Object value() {
        return value;
    }

    /** @return the checkpoint this value was read from */
    public Path file() {
        return file;
    }

    /** @return the path of this value in the pickle, e.g. {@code root['base_model']} */
    public String location() {
        return location;
    }

    /** @return whether the value is a dict (or OrderedDict, Namespace, EasyDict) */
    public boolean isMap() {
        return value instanceof Map;
    }

    /** @return whether the value is a dict holding {@code key} */
    public boolean has(String key) {
        return isMap() && ((Map<?, ?>) value).containsKey(key);
    }

    /**
     * @param key a dict key
     * @return the entry under {@code key}
     * @throws PthFormatException if this is not a dict or has no such key
     */
    public PthObject get(String key) throws PthFormatException {
        Map<Object, Object> m = asMap();
        if (!m.containsKey(key)) {
            throw new PthFormatException(file, location, "no key '" + key + "'; keys are " + keySummary(m));
        }
        return new PthObject(file, child(location, key), m.get(key));
    }

    /**
     * @return the dict as a read-only map in file order
     * @throws PthFormatException if the value is not a dict
     */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> asMap() throws PthFormatException {
        if (!isMap()) {
            throw wrongType("a dict");
        }
        return Collections.unmodifiableMap((Map<Object, Object>) value);
    }

    /**
     * @return the tensor
     * @throws PthFormatException if the value is not a tensor
     */
    public PthTensor asTensor() throws PthFormatException {
        if (!(value instanceof PthTensor)) {
            throw wrongType("a tensor");
        }
        return (PthTensor) value;
    }

    /**
     * @return the string
     * @throws PthFormatException if the value is not a string
     */
    public String asString() throws PthFormatException {
        if (!(value instanceof String)) {
            throw wrongType("a string");
        }
        return (String) value;
    }

    /**
     * @return a Python int, or the element of a one-element integer tensor
     * @throws PthFormatException for anything else
     */
    public long asLong() throws PthFormatException {
        if (value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof PthTensor && ((PthTensor) value).numel() == 1 && !((PthTensor) value).dtype().isFloatingPoint()) {
            return ((PthTensor) value).toLongs()[0];
        }
        throw wrongType("an int or a one-element integer tensor");
    }

    /**
     * Numbers are stored either way in official checkpoints: the fine-tune runner saves its accuracy
     * metric as a 0-dim float32 tensor, the pretrain runner as a Python float.
     *
     * @return a Python float or int, or the element of a one-element tensor
     * @throws PthFormatException for anything else
     */
    public double asDouble() throws PthFormatException {
        if (value instanceof Double || value instanceof Long) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof PthTensor && ((PthTensor) value).numel() == 1) {
            PthTensor t = (PthTensor) value;
            return t.dtype().isFloatingPoint() ? t.toFloats()[0] : t.toLongs()[0];
        }
        throw wrongType("a number or a one-element tensor");
    }

    @Override
    public String toString() {
        return location + " = " + TorchGlobals.typeName(value);
    }

    private PthFormatException wrongType(String expected) {
        return new PthFormatException(file, location, "expected " + expected + ", found " + TorchGlobals.typeName(value));
    }

    static String keySummary(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder("[");
        int n = 0;
        for (Object k : m.keySet()) {
            if (n > 0) {
                sb.append(", ");
            }
            if (n++ == 8) {
                sb.append("... (").append(m.size()).append(" in all)");
                break;
            }
            sb.append(k instanceof String ? "'" + k + "'" : TorchGlobals.typeName(k));
        }
        return sb.append(']').toString();
    }

    /** @return the location of {@code key} inside the container at {@code location} */
    static String child(String location, Object key) {
        if (key instanceof String) {
            return location + "['" + key + "']";
        }
        if (key instanceof Long || key instanceof Integer) {
            return location + "[" + key + "]";
        }
        return location + "[<" + TorchGlobals.typeName(key) + ">]";
    }
}
