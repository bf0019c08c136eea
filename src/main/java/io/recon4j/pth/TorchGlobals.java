package io.recon4j.pth;

import io.recon4j.pth.Unpickler.Problem;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The whitelist of Python globals a torch checkpoint may name, and what REDUCE / NEWOBJ / BUILD /
 * persistent ids do with them. Anything else is refused by name: no class is ever looked up or run.
 */
final class TorchGlobals {

    enum Kind {
        ORDERED_DICT,
        REBUILD_TENSOR_V2,
        REBUILD_PARAMETER,
        STORAGE_TYPE,
        DEVICE,
        SET,
        ATTRIBUTE_DICT,
        NUMPY_SCALAR,
        NUMPY_DTYPE,
        CODECS_ENCODE
    }

    /** A whitelisted global as it sits on the pickle stack. */
    record GlobalRef(String qualifiedName, Kind kind, PthDType dtype) {
        @Override
        public String toString() {
            return qualifiedName;
        }
    }

    private static final Map<String, GlobalRef> WHITELIST = new LinkedHashMap<>();

    static {
        allow(Kind.ORDERED_DICT, "collections.OrderedDict");
        allow(Kind.REBUILD_TENSOR_V2, "torch._utils._rebuild_tensor_v2");
        allow(Kind.REBUILD_PARAMETER, "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state");
        for (PthDType t : PthDType.values()) {
            WHITELIST.put("torch." + t.storageName(), new GlobalRef("torch." + t.storageName(), Kind.STORAGE_TYPE, t));
        }
        allow(Kind.DEVICE, "torch.device");
        // protocol 2 writes Python 3's builtins under their Python 2 module name
        allow(Kind.SET, "builtins.set", "builtins.frozenset", "__builtin__.set", "__builtin__.frozenset");
        allow(Kind.ATTRIBUTE_DICT, "argparse.Namespace", "easydict.EasyDict");
        allow(Kind.NUMPY_SCALAR, "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar");
        allow(Kind.NUMPY_DTYPE, "numpy.dtype");
        allow(Kind.CODECS_ENCODE, "_codecs.encode");
    }

    private static void allow(Kind kind, String... names) {
        for (String n : names) {
            WHITELIST.put(n, new GlobalRef(n, kind, null));
        }
    }

    /** numpy.dtype under construction: REDUCE gives the type string, BUILD the byte order. */
    static final class NumpyDType {
        final String str;
        char byteOrder;

        NumpyDType(String str) {
            this.str = str;
            this.byteOrder = str.isEmpty() ? '=' : str.charAt(0);
        }

        @Override
        public String toString() {
            return "numpy.dtype('" + str + "')";
        }
    }

    private final Map<String, Storage> storages = new LinkedHashMap<>();
    /** Which global made a dict, so BUILD knows whether its state is attributes (Namespace) or droppable (OrderedDict). */
    private final Map<Object, Kind> createdBy = new IdentityHashMap<>();

    Collection<Storage> storages() {
        return storages.values();
    }

    GlobalRef resolve(String module, String name) {
        GlobalRef ref = WHITELIST.get(module + "." + name);
        if (ref == null) {
            throw new Problem("refusing to load GLOBAL '" + module + "." + name + "': only tensors, storages, "
                    + "OrderedDict, torch.device, set, argparse.Namespace/EasyDict and numpy scalars may appear "
                    + "in a checkpoint read by recon4j (no Python code is ever run)");
        }
        return ref;
    }

    /** REDUCE: {@code callable(*args)}. */
    Object call(Object callable, PyTuple args) {
        GlobalRef f = ref(callable, "REDUCE");
        switch (f.kind()) {
            case ORDERED_DICT:
                return orderedDict(f, args);
            case REBUILD_TENSOR_V2:
                return rebuildTensor(args);
            case REBUILD_PARAMETER: {
                arity(f, args, 3, 4);
                if (!(args.get(0) instanceof PthTensor)) {
                    throw new Problem(f + " expects a tensor, found " + typeName(args.get(0)));
                }
                return args.get(0);
            }
            case DEVICE:
                return device(f, args);
            case SET: {
                arity(f, args, 0, 1);
                Set<Object> set = new LinkedHashSet<>();
                if (args.size() == 1) {
                    for (Object item : iterable(f, args.get(0))) {
                        set.add(Unpickler.hashable(item, 0));
                    }
                }
                return set;
            }
            case ATTRIBUTE_DICT:
                return attributeDict(f, args);
            case NUMPY_DTYPE:
                arity(f, args, 1, 3);
                return new NumpyDType(string(f, args.get(0)));
            case NUMPY_SCALAR:
                return numpyScalar(f, args);
            case CODECS_ENCODE: {
                arity(f, args, 2, 2);
                String encoding = string(f, args.get(1)).toLowerCase(Locale.ROOT);
                if (!encoding.equals("latin1") && !encoding.equals("latin-1")) {
                    throw new Problem(f + " with encoding '" + encoding + "' (only latin1, as pickle uses for bytes)");
                }
                return string(f, args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            }
            default:
                throw new Problem(f + " cannot be called in a checkpoint");
        }
    }

    /** NEWOBJ: {@code cls.__new__(cls, *args)}; only dict-like classes. */
    Object newObject(Object cls, PyTuple args) {
        GlobalRef c = ref(cls, "NEWOBJ");
        switch (c.kind()) {
            case ORDERED_DICT:
                return orderedDict(c, args);
            case ATTRIBUTE_DICT:
                return attributeDict(c, args);
            case SET:
                return call(c, args);
            default:
                throw new Problem("NEWOBJ of " + c + " is not supported");
        }
    }

    /** BUILD: apply {@code state} to {@code obj} (what {@code __setstate__} would do). */
    void build(Object obj, Object state) {
        Kind kind = createdBy.get(obj);
        if (obj instanceof NumpyDType) {
            // state = (version, byteorder, subarray, names, fields, elsize, alignment, flags)
            if (!(state instanceof PyTuple) || ((PyTuple) state).size() < 2 || !(((PyTuple) state).get(1) instanceof String)) {
                throw new Problem("numpy.dtype state must be a tuple with the byte order second");
            }
            String order = (String) ((PyTuple) state).get(1);
            ((NumpyDType) obj).byteOrder = order.isEmpty() ? '=' : order.charAt(0);
        } else if (kind == Kind.ORDERED_DICT) {
            // instance __dict__ of a state dict: only '_metadata' (module versions), not needed to rebuild weights
            checkStateShape(state);
        } else if (kind == Kind.ATTRIBUTE_DICT) {
            checkStateShape(state);
            @SuppressWarnings("unchecked")
            Map<Object, Object> target = (Map<Object, Object>) obj;
            for (Object part : state instanceof PyTuple ? (PyTuple) state : List.of(state)) {
                if (part instanceof Map) {
                    target.putAll((Map<?, ?>) part);
                }
            }
        } else {
            throw new Problem("BUILD (setting object state) on " + typeName(obj) + " is not supported");
        }
    }

    /** BINPERSID: torch's {@code ('storage', storage_type, key, location, numel)}; one Storage per key. */
    Object persistentLoad(Object pid) {
        if (!(pid instanceof PyTuple) || ((PyTuple) pid).size() != 5 || !"storage".equals(((PyTuple) pid).get(0))) {
            throw new Problem("persistent id must be ('storage', type, key, location, numel), found " + typeName(pid)
                    + (pid instanceof PyTuple ? " of length " + ((PyTuple) pid).size() : ""));
        }
        PyTuple t = (PyTuple) pid;
        if (!(t.get(1) instanceof GlobalRef) || ((GlobalRef) t.get(1)).kind() != Kind.STORAGE_TYPE) {
            throw new Problem("persistent id names storage type " + typeName(t.get(1)) + ", expected torch.<Type>Storage");
        }
        PthDType dtype = ((GlobalRef) t.get(1)).dtype();
        if (!(t.get(2) instanceof String) || !(t.get(4) instanceof Long) || (Long) t.get(4) < 0) {
            throw new Problem("persistent id needs a string key and a non-negative element count");
        }
        String key = (String) t.get(2);
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.equals("..") || key.equals(".")) {
            throw new Problem("storage key '" + key + "' is not a plain entry name");
        }
        Storage s = storages.computeIfAbsent(key, k -> new Storage(dtype, k, (Long) t.get(4)));
        if (s.dtype != dtype) {
            throw new Problem("storage '" + key + "' is used as " + s.dtype + " and as " + dtype);
        }
        return s;
    }

    // ---- rebuilders ------------------------------------------------------------------------------------

    private PthTensor rebuildTensor(PyTuple args) {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        String f = "torch._utils._rebuild_tensor_v2";
        if (args.size() != 6 && args.size() != 7) {
            throw new Problem(f + " takes 6 or 7 arguments, found " + args.size());
        }
        if (!(args.get(0) instanceof Storage)) {
            throw new Problem(f + " argument 1 must be a storage, found " + typeName(args.get(0)));
        }
        long offset = nonNegative(f, "storage_offset", args.get(1));
        long[] size = longs(f, "size", args.get(2));
        long[] stride = longs(f, "stride", args.get(3));
        if (size.length != stride.length) {
            throw new Problem(f + ": size has " + size.length + " dimensions but stride has " + stride.length);
        }
        long numel = 1;
        for (long d : size) {
            numel = Math.multiplyExact(numel, d); // ArithmeticException → "malformed pickle"
        }
        PthTensor t = new PthTensor((Storage) args.get(0), offset, size, stride);
        t.storageExtent(); // fail now (ArithmeticException) rather than later if the view's extent overflows
        return t;
    }

    private Map<Object, Object> orderedDict(GlobalRef f, PyTuple args) {
        arity(f, args, 0, 1);
        Map<Object, Object> m = new LinkedHashMap<>();
        if (args.size() == 1) {
            for (Object pair : iterable(f, args.get(0))) {
                if (!(pair instanceof List) || ((List<?>) pair).size() != 2) {
                    throw new Problem(f + " items must be (key, value) pairs");
                }
                m.put(Unpickler.hashable(((List<?>) pair).get(0), 0), ((List<?>) pair).get(1));
            }
        }
        createdBy.put(m, Kind.ORDERED_DICT);
        return m;
    }

    private Map<Object, Object> attributeDict(GlobalRef f, PyTuple args) {
        arity(f, args, 0, 1);
        Map<Object, Object> m = new LinkedHashMap<>();
        if (args.size() == 1) {
            if (!(args.get(0) instanceof Map)) {
                throw new Problem(f + " argument must be a dict, found " + typeName(args.get(0)));
            }
            m.putAll((Map<?, ?>) args.get(0));
        }
        createdBy.put(m, Kind.ATTRIBUTE_DICT);
        return m;
    }

    private static String device(GlobalRef f, PyTuple args) {
        arity(f, args, 1, 2);
        String type = string(f, args.get(0));
        if (args.size() == 2 && args.get(1) != null) {
            return type + ":" + nonNegative(f, "index", args.get(1));
        }
        return type;
    }

    /** numpy scalar(dtype, raw bytes) as Double, Long (BigInteger for large uint64) or Boolean. */
    private static Object numpyScalar(GlobalRef f, PyTuple args) {
        arity(f, args, 2, 2);
        if (!(args.get(0) instanceof NumpyDType) || !(args.get(1) instanceof byte[])) {
            throw new Problem(f + " expects (numpy.dtype, bytes), found (" + typeName(args.get(0)) + ", "
                    + typeName(args.get(1)) + ")");
        }
        NumpyDType dt = (NumpyDType) args.get(0);
        String code = dt.str.replaceFirst("^[<>|=]", "");
        if (!code.matches("[fiub][1248]")) {
            throw new Problem("numpy scalar of dtype " + dt + " is not supported (only bool, int, uint, float)");
        }
        int size = code.charAt(1) - '0';
        byte[] raw = (byte[]) args.get(1);
        if (raw.length != size) {
            throw new Problem("numpy scalar of dtype " + dt + " has " + raw.length + " bytes, expected " + size);
        }
        boolean bigEndian = dt.byteOrder == '>' || dt.str.startsWith(">");
        ByteBuffer b = ByteBuffer.wrap(raw).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (code) {
            case "f2":
                return (double) PthTensor.halfToFloat(b.getShort());
            case "f4":
                return (double) b.getFloat();
            case "f8":
                return b.getDouble();
            case "i1":
                return (long) b.get();
            case "i2":
                return (long) b.getShort();
            case "i4":
                return (long) b.getInt();
            case "i8":
                return b.getLong();
            case "u1":
                return (long) (b.get() & 0xff);
            case "u2":
                return (long) (b.getShort() & 0xffff);
            case "u4":
                return b.getInt() & 0xffffffffL;
            case "u8": {
                long v = b.getLong();
                return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case "b1":
                return b.get() != 0;
            default:
                throw new Problem("numpy scalar of dtype " + dt + " is not supported");
        }
    }

    // ---- argument checks ---------------------------------------------------------------------------------

    private static GlobalRef ref(Object o, String op) {
        if (!(o instanceof GlobalRef)) {
            throw new Problem(op + " on " + typeName(o) + ", expected a whitelisted global");
        }
        return (GlobalRef) o;
    }

    private static void arity(GlobalRef f, PyTuple args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new Problem(f + " takes " + (min == max ? "" + min : min + " to " + max) + " arguments, found " + args.size());
        }
    }

    private static String string(GlobalRef f, Object o) {
        if (!(o instanceof String)) {
            throw new Problem(f + " expects a string argument, found " + typeName(o));
        }
        return (String) o;
    }

    private static List<?> iterable(GlobalRef f, Object o) {
        if (o instanceof List) {
            return (List<?>) o;
        }
        if (o instanceof Set) {
            return new ArrayList<>((Set<?>) o);
        }
        throw new Problem(f + " expects a list or tuple argument, found " + typeName(o));
    }

    private static long nonNegative(String f, String what, Object o) {
        if (!(o instanceof Long) || (Long) o < 0) {
            throw new Problem(f + ": " + what + " must be a non-negative int, found " + typeName(o)
                    + (o instanceof Long ? " " + o : ""));
        }
        return (Long) o;
    }

    private static long nonNegative(GlobalRef f, String what, Object o) {
        return nonNegative(f.toString(), what, o);
    }

    private static long[] longs(String f, String what, Object o) {
        if (!(o instanceof PyTuple)) {
            throw new Problem(f + ": " + what + " must be a tuple, found " + typeName(o));
        }
        PyTuple t = (PyTuple) o;
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = nonNegative(f, what + "[" + i + "]", t.get(i));
        }
        return v;
    }

    private static void checkStateShape(Object state) {
        boolean ok = state instanceof Map || state == null
                || (state instanceof PyTuple && ((PyTuple) state).size() == 2
                        && ((PyTuple) state).stream().allMatch(p -> p == null || p instanceof Map));
        if (!ok) {
            throw new Problem("object state must be a dict or (dict, slots), found " + typeName(state));
        }
    }

    /** @return the Python type name of an unpickled value, for messages (values themselves are never printed) */
    static String typeName(Object o) {
        if (o == null) {
            return "None";
        } else if (o instanceof String) {
            return "str";
        } else if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        } else if (o instanceof Double) {
            return "float";
        } else if (o instanceof Boolean) {
            return "bool";
        } else if (o instanceof byte[]) {
            return "bytes";
        } else if (o instanceof PyTuple) {
            return "tuple";
        } else if (o instanceof List) {
            return "list";
        } else if (o instanceof Map) {
            return "dict";
        } else if (o instanceof Set) {
            return "set";
        } else if (o instanceof PthTensor) {
            return "tensor";
        } else if (o instanceof Storage) {
            return "storage";
        } else if (o instanceof GlobalRef) {
            return "global '" + o + "'";
        } else if (o instanceof NumpyDType) {
            return "numpy.dtype";
        }
        return o.getClass().getSimpleName();
    }
}
