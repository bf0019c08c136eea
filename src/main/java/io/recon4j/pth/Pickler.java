package io.recon4j.pth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Writes {@code data.pkl} the way {@code torch.save} does (pickle protocol 2): tensors as
 * {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())} with the
 * storage as persistent id {@code ('storage', torch.<Type>Storage, key, 'cpu', numel)}. Each distinct
 * storage gets one key ("0", "1", ... in order of first use), so tensors sharing a storage still share it.
 * Only globals that PyTorch's {@code weights_only=True} loader accepts are emitted.
 */
final class Pickler {

    /** Python's pickler also batches APPENDS/SETITEMS by 1000. */
    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> memoizedGlobals = new HashMap<>();
    private int memoSize;
    private final Map<Storage, String> storageKeys = new IdentityHashMap<>();
    private final List<Storage> storages = new ArrayList<>();

    /** @return the storages referenced so far, index = key */
    List<Storage> storages() {
        return storages;
    }

    /** Pickles {@code stateDict} as a {@code collections.OrderedDict} (even when empty), as state_dict() returns. */
    byte[] pickleStateDict(Map<String, PthTensor> stateDict) {
        begin();
        orderedDict(stateDict, "root");
        return end();
    }

    /** Pickles a plain dict of supported values (see {@link PthWriter#writeCheckpoint}). */
    byte[] pickle(Map<String, ?> root) {
        begin();
        value(root, "root");
        return end();
    }

    private void begin() {
        out.write(0x80);
        out.write(2);
    }

    private byte[] end() {
        out.write('.');
        return out.toByteArray();
    }

    private void value(Object v, String location) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean) {
            out.write((Boolean) v ? 0x88 : 0x89);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            bigInteger((BigInteger) v);
        } else if (v instanceof Double || v instanceof Float) {
            out.write('G');
            long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift));
            }
        } else if (v instanceof String) {
            string((String) v);
        } else if (v instanceof PthTensor) {
            tensor((PthTensor) v);
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (!m.isEmpty() && m.values().stream().allMatch(x -> x instanceof PthTensor)) {
                orderedDict(m, location);
            } else {
                out.write('}');
                setItems(m, location);
            }
        } else if (v instanceof PyTuple) { // read from a checkpoint: keep it a tuple (e.g. Adam's betas)
            PyTuple t = (PyTuple) v;
            tuple(t.size(), i -> value(t.get(i), PthObject.child(location, (long) i)));
        } else if (v instanceof List) {
            out.write(']');
            List<?> list = (List<?>) v;
            for (int start = 0; start < list.size(); start += BATCH) {
                out.write('(');
                for (int i = start; i < Math.min(list.size(), start + BATCH); i++) {
                    value(list.get(i), PthObject.child(location, (long) i));
                }
                out.write('e');
            }
        } else {
            throw new IllegalArgumentException(location + ": cannot write a " + v.getClass().getName()
                    + " (supported: null, Boolean, integers, Float/Double, String, PthTensor, Map, List)");
        }
    }

    private void orderedDict(Map<?, ?> m, String location) {
        global("collections", "OrderedDict");
        out.write(')');
        out.write('R');
        setItems(m, location);
    }

    private void setItems(Map<?, ?> m, String location) {
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            out.write('(');
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                Map.Entry<?, ?> e = it.next();
                Object k = e.getKey();
                if (!(k instanceof String || k instanceof Long || k instanceof Integer || k instanceof Boolean)) {
                    throw new IllegalArgumentException(location + ": dict key of type "
                            + (k == null ? "null" : k.getClass().getName()) + " (supported: String, Integer, Long, Boolean)");
                }
                value(k, location);
                value(e.getValue(), PthObject.child(location, k));
            }
            out.write('u');
        }
    }

    private void tensor(PthTensor t) {
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        Storage s = t.storage();
        String key = storageKeys.get(s);
        if (key == null) {
            key = Integer.toString(storages.size());
            storageKeys.put(s, key);
            storages.add(s);
        }
        out.write('(');
        string("storage");
        global("torch", s.dtype.storageName());
        string(key);
        string("cpu");
        integer(s.numel());
        out.write('t');
        out.write('Q'); // BINPERSID
        integer(t.storageOffset());
        longTuple(t.shape());
        longTuple(t.stride());
        out.write(0x89); // requires_grad = False
        global("collections", "OrderedDict"); // backward_hooks = OrderedDict()
        out.write(')');
        out.write('R');
        out.write('t');
        out.write('R');
    }

    private void longTuple(long[] v) {
        tuple(v.length, i -> integer(v[i]));
    }

    /** EMPTY_TUPLE, TUPLE1..3 (0x85..0x87) or MARK ... TUPLE, as Python's pickler chooses. */
    private void tuple(int size, IntConsumer item) {
        if (size == 0) {
            out.write(')');
            return;
        }
        if (size > 3) {
            out.write('(');
        }
        for (int i = 0; i < size; i++) {
            item.accept(i);
        }
        out.write(size > 3 ? 't' : 0x84 + size);
    }

    /** GLOBAL, memoized like Python's pickler so repeated uses cost a BINGET. */
    private void global(String module, String name) {
        String q = module + "\n" + name + "\n";
        Integer index = memoizedGlobals.get(q);
        if (index != null) {
            memoGet(index);
            return;
        }
        out.write('c');
        out.writeBytes(q.getBytes(StandardCharsets.UTF_8));
        index = memoSize++;
        memoizedGlobals.put(q, index);
        if (index < 256) {
            out.write('q');
            out.write(index);
        } else {
            out.write('r');
            int32(index);
        }
    }

    private void memoGet(int index) {
        if (index < 256) {
            out.write('h');
            out.write(index);
        } else {
            out.write('j');
            int32(index);
        }
    }

    private void integer(long v) {
        if (v >= 0 && v <= 0xff) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.write('M');
            out.write((int) v);
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            int32((int) v);
        } else {
            bigInteger(BigInteger.valueOf(v));
        }
    }

    /** LONG1: minimal two's-complement, little-endian. */
    private void bigInteger(BigInteger v) {
        byte[] be = v.toByteArray();
        if (be.length > 255) {
            throw new IllegalArgumentException("integer too large to pickle with LONG1: " + v.bitLength() + " bits");
        }
        out.write(0x8a);
        out.write(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        int32(b.length);
        out.writeBytes(b);
    }

    private void int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
