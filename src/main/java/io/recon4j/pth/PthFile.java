package io.recon4j.pth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads PyTorch checkpoints written by {@code torch.save} (PyTorch 1.6 and later): a zip archive with
 * {@code <folder>/data.pkl} (the pickled object), {@code <folder>/data/<key>} (raw tensor storages) and
 * {@code <folder>/version}, where {@code <folder>} can be any name.
 *
 * <p>Safe by construction: the pickle is run by a small interpreter that only rebuilds tensors,
 * (ordered) dicts, lists, tuples, sets, numbers, strings, torch.device, argparse.Namespace/EasyDict
 * and numpy scalars; any other Python global is refused with its name and byte offset, and no code
 * is ever executed. Each storage entry is read once however many tensors view it (storage sharing and
 * {@code storage_offset} are honoured), and every tensor is checked to lie inside its storage.
 * The pre-1.6 (non-zip) format is not supported.
 */
public final class PthFile {

    private static final String PICKLE_NAME = "data.pkl";
    /** Nesting depth beyond which the checkpoint is taken to be hostile rather than a real state dict. */
    private static final int MAX_DEPTH = 200;

    private PthFile() {}

    /**
     * Reads a checkpoint completely (all referenced storages are loaded) and closes the file.
     *
     * @param file a {@code .pth} / {@code .pt} file written by {@code torch.save}
     * @return the unpickled top-level object, at location {@code root}
     * @throws PthFormatException if the file is not a readable zip-format checkpoint, names a refused
     *     Python global, or a tensor does not fit its storage
     * @throws IOException if the file cannot be read
     */
    public static PthObject read(Path file) throws IOException {
        checkMagic(file);
        String current = "zip directory";
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickleEntry = findPickle(zip, file);
            String folder = pickleEntry.getName().substring(0, pickleEntry.getName().length() - PICKLE_NAME.length());
            boolean bigEndian = readByteOrder(zip, file, folder);

            current = pickleEntry.getName();
            Unpickler unpickler = new Unpickler(readEntry(zip, pickleEntry, file), file, pickleEntry.getName());
            Object root = unpickler.load();

            for (Storage s : unpickler.storages()) {
                String name = folder + "data/" + s.key;
                current = name;
                ZipEntry e = zip.getEntry(name);
                if (e == null) {
                    throw new PthFormatException(file, pickleEntry.getName(),
                            "storage '" + s.key + "' (" + s.dtype + ") has no zip entry '" + name + "'");
                }
                byte[] bytes = readEntry(zip, e, file);
                if (bytes.length % s.dtype.itemSize() != 0) {
                    throw new PthFormatException(file, name, bytes.length + " bytes is not a whole number of "
                            + s.dtype + " elements (" + s.dtype.itemSize() + " bytes each)");
                }
                if (bigEndian) {
                    swapBytes(bytes, s.dtype.itemSize());
                }
                s.setData(ByteBuffer.wrap(bytes));
            }
            new TreeCheck(file, folder).check(root, "root", 0);
            return new PthObject(file, "root", root);
        } catch (ZipException e) {
            throw new PthFormatException(file, current, "corrupt or truncated zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** Gives the two commonest wrong inputs a precise message instead of a zip error. */
    private static void checkMagic(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return;
        }
        if (head.length >= 1 && (head[0] & 0xff) == 0x80) {
            throw new PthFormatException(file, PthFormatException.offset(0), "legacy (PyTorch < 1.6, non-zip) torch.save format is not "
                    + "supported; re-save it with torch.save(obj, path) under PyTorch >= 1.6");
        }
        throw new PthFormatException(file, PthFormatException.offset(0), "not a zip archive (a PyTorch >= 1.6 checkpoint starts with 'PK\\3\\4'"
                + (head.length < 4 ? "; the file has only " + head.length + " bytes" : "") + ")");
    }

    private static ZipEntry findPickle(ZipFile zip, Path file) throws PthFormatException {
        List<ZipEntry> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String n = e.getName();
            names.add(n);
            // exactly "<folder>/data.pkl": torch keeps every record one level below the archive folder
            if (n.endsWith("/" + PICKLE_NAME) && n.indexOf('/') == n.length() - PICKLE_NAME.length() - 1) {
                found.add(e);
            }
        }
        if (found.size() != 1) {
            throw new PthFormatException(file, "zip directory", (found.isEmpty() ? "no" : found.size())
                    + " '<folder>/" + PICKLE_NAME + "' entries, expected exactly one; entries: "
                    + (names.size() > 6 ? names.subList(0, 6) + " ... (" + names.size() + " in all)" : names));
        }
        return found.get(0);
    }

    private static boolean readByteOrder(ZipFile zip, Path file, String folder) throws IOException {
        ZipEntry e = zip.getEntry(folder + "byteorder");
        if (e == null) {
            return false; // written before PyTorch 2.1: always little-endian
        }
        String order = new String(readEntry(zip, e, file), StandardCharsets.US_ASCII).trim();
        if (!order.equals("little") && !order.equals("big")) {
            throw new PthFormatException(file, e.getName(), "byte order '" + order + "', expected 'little' or 'big'");
        }
        return order.equals("big");
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, Path file) throws IOException {
        long size = e.getSize();
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            throw new PthFormatException(file, e.getName(), "entry size " + size + " is unknown or above 2 GiB");
        }
        byte[] b;
        try (InputStream in = zip.getInputStream(e)) {
            b = in.readNBytes((int) size);
        }
        if (b.length != size) {
            throw new PthFormatException(file, e.getName(), "entry holds " + b.length + " bytes, the zip directory says " + size);
        }
        return b;
    }

    private static void swapBytes(byte[] b, int width) {
        for (int i = 0; i + width <= b.length; i += width) {
            for (int j = 0; j < width / 2; j++) {
                byte t = b[i + j];
                b[i + j] = b[i + width - 1 - j];
                b[i + width - 1 - j] = t;
            }
        }
    }

    /**
     * Walks the unpickled tree once per container (shared or cyclic references are visited once),
     * checks that every tensor lies inside its storage and that no interpreter-internal value leaked out.
     */
    private static final class TreeCheck {
        private final Path file;
        private final String folder;
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        TreeCheck(Path file, String folder) {
            this.file = file;
            this.folder = folder;
        }

        void check(Object v, String location, int depth) throws PthFormatException {
            if (depth > MAX_DEPTH) {
                throw new PthFormatException(file, location, "nested more than " + MAX_DEPTH + " levels deep");
            }
            if (v instanceof PthTensor) {
                checkTensor((PthTensor) v, location);
            } else if (v instanceof Map || v instanceof List || v instanceof Set) {
                if (!seen.add(v)) {
                    return;
                }
                if (v instanceof Map) {
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        check(e.getKey(), location + " key", depth + 1);
                        check(e.getValue(), PthObject.child(location, e.getKey()), depth + 1);
                    }
                } else {
                    int i = 0;
                    for (Object item : (Iterable<?>) v) {
                        check(item, PthObject.child(location, (long) i++), depth + 1);
                    }
                }
            } else if (v instanceof Storage || v instanceof TorchGlobals.GlobalRef || v instanceof TorchGlobals.NumpyDType) {
                throw new PthFormatException(file, location, "a bare " + TorchGlobals.typeName(v)
                        + " is not supported as a value (only inside a tensor)");
            }
        }

        private void checkTensor(PthTensor t, String location) throws PthFormatException {
            Storage s = t.storage();
            long extent = t.storageExtent();
            if (extent > s.numel()) {
                throw new PthFormatException(file, location, "tensor " + t.dtype() + " " + Arrays.toString(t.shape())
                        + " at storage_offset " + t.storageOffset() + " with stride " + Arrays.toString(t.stride())
                        + " needs " + extent + " elements of storage '" + s.key + "', but entry '" + folder + "data/"
                        + s.key + "' holds only " + s.numel());
            }
        }
    }
}
