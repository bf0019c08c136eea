package io.recon4j.pth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code .pth} checkpoints that {@code torch.load} reads (also with {@code weights_only=True}):
 * a zip of uncompressed entries {@code <stem>/data.pkl} (pickle protocol 2, tensors rebuilt by
 * {@code torch._utils._rebuild_tensor_v2}), {@code <stem>/byteorder} ({@code little}),
 * {@code <stem>/data/<n>} (raw little-endian storages, data aligned to 64 bytes as PyTorch does) and
 * {@code <stem>/version} ({@code 3}). Tensors that share a storage (e.g. read from a checkpoint that
 * shares one) are written with a single shared storage, keeping offsets and strides.
 *
 * <p>The file is replaced atomically: written to a temp file in the same directory, synced, renamed.
 */
public final class PthWriter {

    private static final String FORMAT_VERSION = "3\n";

    private PthWriter() {}

    /**
     * Writes a bare state dict, as {@code torch.save(model.state_dict(), file)} does.
     *
     * @param file the target, replaced if it exists
     * @param stateDict name → tensor, written in iteration order as a {@code collections.OrderedDict}
     * @throws IOException if the file cannot be written
     */
    public static void writeStateDict(Path file, Map<String, PthTensor> stateDict) throws IOException {
        Pickler p = new Pickler();
        byte[] pickle = p.pickleStateDict(stateDict);
        write(file, pickle, p);
    }

    /**
     * Writes a checkpoint dict such as the official {@code save_checkpoint} layout
     * ({@code {'base_model': state_dict, 'optimizer': ..., 'epoch': 3, 'metrics': {...}}}).
     * Values may be {@code null}, Boolean, Integer/Long/BigInteger, Float/Double (as Python float),
     * String, {@link PthTensor}, List (as list) and Map with String/integer/Boolean keys; a non-empty
     * map whose values are all tensors is written as a {@code collections.OrderedDict} (a state dict),
     * any other map as a dict.
     *
     * @param file the target, replaced if it exists
     * @param entries the top-level dict, in iteration order
     * @throws IllegalArgumentException if a value has an unsupported type (message names its location)
     * @throws IOException if the file cannot be written
     */
    public static void writeCheckpoint(Path file, Map<String, ?> entries) throws IOException {
        Pickler p = new Pickler();
        byte[] pickle = p.pickle(entries);
        write(file, pickle, p);
    }

    private static void write(Path file, byte[] pickle, Pickler p) throws IOException {
        String folder = archiveFolder(file) + "/";
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        io.recon4j.util.AtomicFiles.write(file, out -> {
            try (StoredZipWriter zip = new StoredZipWriter(out)) {
                zip.add(folder + "data.pkl", pickle);
                zip.add(folder + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                for (int key = 0; key < p.storages().size(); key++) {
                    zip.add(folder + "data/" + key, p.storages().get(key).data());
                }
                zip.add(folder + "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    /** torch.save names the folder after the file without its extension. */
    static String archiveFolder(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isEmpty() || stem.contains("/") ? "archive" : stem;
    }
}
