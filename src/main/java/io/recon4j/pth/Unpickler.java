package io.recon4j.pth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small pickle virtual machine (protocols 2 to 5) for {@code data.pkl} inside a checkpoint. It never
 * imports or calls Python code: every {@code GLOBAL} goes through the whitelist in {@link TorchGlobals},
 * which rebuilds tensors, ordered dicts and a few harmless types as Java values. The text-based opcodes
 * of protocols 0/1 (except {@code PERSID}) and the extension registry are refused.
 *
 * <p>Value mapping: None → null, bool → Boolean, int → Long (BigInteger if wider), float → Double,
 * str → String, bytes → byte[], tuple → read-only List, list → ArrayList, dict → LinkedHashMap, set →
 * LinkedHashSet.
 */
final class Unpickler {

    /** A malformed or refused pickle; {@link #load()} turns it into a {@link PthFormatException} with the byte offset. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** Nesting allowed for tuples used as dict keys (hashing recurses). */
    private static final int MAX_KEY_DEPTH = 100;

    private final byte[] in;
    private final Path file;
    private final String entryName;
    private final TorchGlobals globals = new TorchGlobals();

    private int pos;
    private int opStart;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param pickle the bytes of {@code data.pkl}
     * @param file the checkpoint (for messages)
     * @param entryName the zip entry holding the pickle (for messages)
     */
    Unpickler(byte[] pickle, Path file, String entryName) {
        this.in = pickle;
        this.file = file;
        this.entryName = entryName;
    }

    /** @return every storage the pickle referred to, one per persistent-id key, unloaded */
    Collection<Storage> storages() {
        return globals.storages();
    }

    /** Runs the pickle up to STOP and returns the top of the stack. */
    Object load() throws PthFormatException {
        try {
            while (true) {
                opStart = pos;
                int op = u8();
                if (op == '.') {
                    return pop();
                }
                execute(op);
            }
        } catch (Problem p) {
            throw new PthFormatException(file, entryName + " byte " + opStart, p.getMessage());
        } catch (ArithmeticException | ClassCastException | IllegalArgumentException | IllegalStateException e) {
            throw new PthFormatException(file, entryName + " byte " + opStart,
                    "malformed pickle (" + e.getMessage() + ")", e);
        }
    }

    private void execute(int op) {
        switch (op) {
            case 0x80: { // PROTO
                int proto = u8();
                if (proto > 5) {
                    throw new Problem("pickle protocol " + proto + " is newer than 5");
                }
                break;
            }
            case 0x95: // FRAME: only a read-ahead hint
                bytes(8);
                break;
            case '(': // MARK
                marks.add(stack.size());
                break;
            case '0': // POP
                pop();
                break;
            case '1': // POP_MARK
                popMark();
                break;
            case '2': // DUP
                push(peek());
                break;
            case 'N':
                push(null);
                break;
            case 0x88:
                push(Boolean.TRUE);
                break;
            case 0x89:
                push(Boolean.FALSE);
                break;
            case 'K': // BININT1
                push((long) u8());
                break;
            case 'M': // BININT2
                push((long) (u8() | u8() << 8));
                break;
            case 'J': // BININT
                push((long) s32());
                break;
            case 0x8a: // LONG1
                push(littleEndianSigned(bytes(u8())));
                break;
            case 0x8b: // LONG4
                push(littleEndianSigned(bytes(length(s32()))));
                break;
            case 'G': { // BINFLOAT, big-endian
                long bits = 0;
                for (byte b : bytes(8)) {
                    bits = bits << 8 | (b & 0xff);
                }
                push(Double.longBitsToDouble(bits));
                break;
            }
            case 'X': // BINUNICODE
                push(utf8(bytes(length(u32()))));
                break;
            case 0x8c: // SHORT_BINUNICODE
                push(utf8(bytes(u8())));
                break;
            case 0x8d: // BINUNICODE8
                push(utf8(bytes(length(u64()))));
                break;
            case 'T': // BINSTRING: a Python 2 str, decoded as torch.load does (utf-8)
                push(utf8(bytes(length(s32()))));
                break;
            case 'U': // SHORT_BINSTRING
                push(utf8(bytes(u8())));
                break;
            case 'B': // BINBYTES
                push(bytes(length(u32())));
                break;
            case 'C': // SHORT_BINBYTES
                push(bytes(u8()));
                break;
            case 0x8e: // BINBYTES8
            case 0x96: // BYTEARRAY8
                push(bytes(length(u64())));
                break;
            case ')':
                push(PyTuple.EMPTY);
                break;
            case 0x85: // TUPLE1
                push(PyTuple.of(pop()));
                break;
            case 0x86: { // TUPLE2
                Object b = pop();
                Object a = pop();
                push(PyTuple.of(a, b));
                break;
            }
            case 0x87: { // TUPLE3
                Object c = pop();
                Object b = pop();
                Object a = pop();
                push(PyTuple.of(a, b, c));
                break;
            }
            case 't':
                push(PyTuple.of(popMark().toArray()));
                break;
            case ']':
                push(new ArrayList<>());
                break;
            case 'l':
                push(new ArrayList<>(popMark()));
                break;
            case 'a': { // APPEND
                Object item = pop();
                list(peek(), "APPEND").add(item);
                break;
            }
            case 'e': { // APPENDS
                List<Object> items = popMark();
                list(peek(), "APPENDS").addAll(items);
                break;
            }
            case '}':
                push(new LinkedHashMap<>());
                break;
            case 'd': {
                Map<Object, Object> m = new LinkedHashMap<>();
                putAll(m, popMark());
                push(m);
                break;
            }
            case 's': { // SETITEM
                Object v = pop();
                Object k = pop();
                put(dict(peek(), "SETITEM"), k, v);
                break;
            }
            case 'u': { // SETITEMS
                List<Object> kv = popMark();
                putAll(dict(peek(), "SETITEMS"), kv);
                break;
            }
            case 0x8f: // EMPTY_SET
                push(new LinkedHashSet<>());
                break;
            case 0x90: { // ADDITEMS
                List<Object> items = popMark();
                Set<Object> set = set(peek(), "ADDITEMS");
                for (Object item : items) {
                    set.add(hashable(item, 0));
                }
                break;
            }
            case 0x91: { // FROZENSET
                Set<Object> set = new LinkedHashSet<>();
                for (Object item : popMark()) {
                    set.add(hashable(item, 0));
                }
                push(set);
                break;
            }
            case 'c': { // GLOBAL "module\nname\n"
                String module = line();
                String name = line();
                push(globals.resolve(module, name));
                break;
            }
            case 0x93: { // STACK_GLOBAL
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw new Problem("STACK_GLOBAL needs two strings on the stack");
                }
                push(globals.resolve((String) module, (String) name));
                break;
            }
            case 'R': { // REDUCE
                Object args = pop();
                Object callable = pop();
                push(globals.call(callable, tuple(args, "REDUCE arguments")));
                break;
            }
            case 0x81: { // NEWOBJ
                Object args = pop();
                Object cls = pop();
                push(globals.newObject(cls, tuple(args, "NEWOBJ arguments")));
                break;
            }
            case 0x92: { // NEWOBJ_EX
                Object kwargs = pop();
                Object args = pop();
                Object cls = pop();
                if (!(kwargs instanceof Map) || !((Map<?, ?>) kwargs).isEmpty()) {
                    throw new Problem("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(globals.newObject(cls, tuple(args, "NEWOBJ_EX arguments")));
                break;
            }
            case 'b': { // BUILD
                Object state = pop();
                globals.build(peek(), state);
                break;
            }
            case 'Q': // BINPERSID
                push(globals.persistentLoad(pop()));
                break;
            case 'P': // PERSID: a text id; torch only ever uses tuples, which persistentLoad insists on
                push(globals.persistentLoad(line()));
                break;
            case 'q': // BINPUT
                memo.put((long) u8(), peek());
                break;
            case 'r': // LONG_BINPUT
                memo.put(u32(), peek());
                break;
            case 0x94: // MEMOIZE
                memo.put((long) memo.size(), peek());
                break;
            case 'h': // BINGET
                push(memoGet(u8()));
                break;
            case 'j': // LONG_BINGET
                push(memoGet(u32()));
                break;
            case 0x97: // NEXT_BUFFER
            case 0x98: // READONLY_BUFFER
                throw new Problem("out-of-band buffers (pickle protocol 5 NEXT_BUFFER) are not supported");
            case 0x82:
            case 0x83:
            case 0x84:
                throw new Problem("the copyreg extension registry (EXT1/2/4) is not supported");
            case 'i':
            case 'o':
                throw new Problem("INST/OBJ class instantiation (pickle protocol 0/1) is not supported");
            default:
                throw new Problem(String.format("unsupported pickle opcode 0x%02x%s", op,
                        op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : ""));
        }
    }

    // ---- stack and memo ------------------------------------------------------------------------------

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        checkNotEmpty();
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        checkNotEmpty();
        return stack.get(stack.size() - 1);
    }

    /** Like Python's metastack: what lies below the most recent MARK is out of reach. */
    private void checkNotEmpty() {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw new Problem("stack underflow");
        }
    }

    /** Pops everything above the most recent MARK. */
    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new Problem("no MARK on the stack");
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> top = stack.subList(at, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new Problem("memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    // ---- container helpers ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String op) {
        if (o instanceof ArrayList) {
            return (List<Object>) o;
        }
        throw new Problem(op + " on " + TorchGlobals.typeName(o) + ", expected a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o, String op) {
        if (o instanceof Map) {
            return (Map<Object, Object>) o;
        }
        throw new Problem(op + " on " + TorchGlobals.typeName(o) + ", expected a dict");
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object o, String op) {
        if (o instanceof Set) {
            return (Set<Object>) o;
        }
        throw new Problem(op + " on " + TorchGlobals.typeName(o) + ", expected a set");
    }

    private static PyTuple tuple(Object o, String what) {
        if (o instanceof PyTuple) {
            return (PyTuple) o;
        }
        throw new Problem(what + " must be a tuple, found " + TorchGlobals.typeName(o));
    }

    private static void putAll(Map<Object, Object> m, List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw new Problem("odd number of items for a dict");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            put(m, keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    private static void put(Map<Object, Object> m, Object key, Object value) {
        m.put(hashable(key, 0), value);
    }

    /** Python refuses mutable keys; so do we, which also keeps hashCode() from recursing into cycles. */
    static Object hashable(Object key, int depth) {
        if (depth > MAX_KEY_DEPTH) {
            throw new Problem("dict key nested deeper than " + MAX_KEY_DEPTH + " tuples");
        }
        if (key instanceof PyTuple) {
            for (Object item : (PyTuple) key) {
                hashable(item, depth + 1);
            }
            return key;
        }
        if (key instanceof List || key instanceof Map || key instanceof Set) {
            throw new Problem("unhashable dict key or set item of type " + TorchGlobals.typeName(key));
        }
        return key;
    }

    // ---- raw reads -----------------------------------------------------------------------------------

    private int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    private int s32() {
        need(4);
        int v = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16 | in[pos + 3] << 24;
        pos += 4;
        return v;
    }

    private long u32() {
        return s32() & 0xffffffffL;
    }

    private long u64() {
        byte[] b = bytes(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /** Checks a length field against what is left of the pickle before anything is allocated. */
    private int length(long n) {
        if (n < 0 || n > in.length - pos) {
            throw new Problem("length " + Long.toUnsignedString(n) + " runs past the end of the pickle ("
                    + (in.length - pos) + " bytes left)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(in, pos, b, 0, n);
        pos += n;
        return b;
    }

    private String line() {
        int start = pos;
        while (pos < in.length && in[pos] != '\n') {
            pos++;
        }
        if (pos >= in.length) {
            throw new Problem("unterminated text argument");
        }
        return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
    }

    private void need(int n) {
        if (n > in.length - pos) {
            throw new Problem("pickle ends early: " + n + " more bytes needed at byte " + pos
                    + " of " + in.length + " (truncated data.pkl?)");
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Two's-complement little-endian integer of LONG1/LONG4: a Long when it fits, else a BigInteger. */
    private static Object littleEndianSigned(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
