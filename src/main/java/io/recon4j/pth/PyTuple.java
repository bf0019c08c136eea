package io.recon4j.pth;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable Python tuple as seen from Java: a read-only {@link java.util.List} with value equality,
 * so that tuples can be dict keys. Lists unpickled from Python lists are mutable {@link java.util.ArrayList}s.
 */
final class PyTuple extends AbstractList<Object> implements RandomAccess {

    static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;

    private PyTuple(Object[] items) {
        this.items = items;
    }

    /** @return a tuple holding {@code items} (the array is copied) */
    static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
