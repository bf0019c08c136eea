package io.recon4j.pth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An ordered map of parameter / buffer name to tensor (PyTorch's {@code state_dict()}), plus the
 * other top-level entries of the checkpoint it came from (e.g. {@code epoch}, {@code metrics}).
 *
 * <p>Key renaming is explicit and mirrors the official ReCon / Point-MAE readers:
 * {@link #removeModulePrefix()} (every reader: drops the {@code nn.DataParallel} prefix) and
 * {@link #stripPrefixes(String...)} with {@link #FINE_TUNE_PREFIXES} (fine-tuning from a pretraining
 * checkpoint, {@code load_model_from_ckpt}). Instances are immutable; renaming returns a new one.
 */
public final class StateDict {

    /**
     * Top-level entries that hold the weights in a full checkpoint, in the order they are tried
     * ({@code model} before {@code base_model} as in the official {@code tools/builder.load_model}).
     */
    public static final List<String> WEIGHT_ENTRIES = List.of("model", "base_model", "state_dict", "module");

    /** Leading prefixes the official fine-tune model strips from pretraining keys ({@code load_model_from_ckpt}). */
    public static final List<String> FINE_TUNE_PREFIXES = List.of("MAE_encoder.", "base_model.");

    private final Map<String, PthTensor> tensors;
    private final Map<String, Object> extras;

    private StateDict(Map<String, PthTensor> tensors, Map<String, Object> extras) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.extras = Collections.unmodifiableMap(extras);
    }

    /**
     * Reads a checkpoint and takes its weights, see {@link #from(PthObject)}.
     *
     * @param file a {@code .pth} file
     * @return the state dict, keys as stored (no renaming)
     * @throws IOException if the file cannot be read or holds no state dict
     */
    public static StateDict read(Path file) throws IOException {
        return from(PthFile.read(file));
    }

    /**
     * Takes the weights from an unpickled checkpoint: either the object itself is a state dict (a dict
     * whose values are all tensors, as {@code torch.save(model.state_dict())} writes) or it is a dict
     * with one of {@link #WEIGHT_ENTRIES} holding one (as the official {@code save_checkpoint} writes);
     * in that case the remaining top-level entries become {@link #extras()}.
     *
     * @param root the object from {@link PthFile#read(Path)}
     * @return the state dict, keys as stored
     * @throws PthFormatException if no state dict is found or a weight is not a tensor
     */
    public static StateDict from(PthObject root) throws PthFormatException {
        Map<Object, Object> top = root.asMap();
        for (String name : WEIGHT_ENTRIES) {
            if (top.get(name) instanceof Map) {
                Map<String, Object> extras = new LinkedHashMap<>();
                for (Map.Entry<Object, Object> e : top.entrySet()) {
                    if (!name.equals(e.getKey())) {
                        extras.put(String.valueOf(e.getKey()), e.getValue());
                    }
                }
                return new StateDict(tensors(root.get(name)), extras);
            }
        }
        if (top.values().stream().allMatch(v -> v instanceof PthTensor)) {
            return new StateDict(tensors(root), new LinkedHashMap<>());
        }
        throw new PthFormatException(root.file(), root.location(), "no state dict: expected a dict of tensors or a dict "
                + "with one of " + WEIGHT_ENTRIES + " holding one; top-level keys are " + PthObject.keySummary(top));
    }

    /**
     * @param tensors name → tensor, in order (copied)
     * @return a state dict without extras, e.g. for {@link PthWriter}
     */
    public static StateDict of(Map<String, PthTensor> tensors) {
        return new StateDict(new LinkedHashMap<>(tensors), new LinkedHashMap<>());
    }

    private static Map<String, PthTensor> tensors(PthObject dict) throws PthFormatException {
        Map<String, PthTensor> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : dict.asMap().entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new PthFormatException(dict.file(), dict.location(),
                        "state-dict key of type " + TorchGlobals.typeName(e.getKey()) + ", expected str");
            }
            out.put((String) e.getKey(), new PthObject(dict.file(), PthObject.child(dict.location(), e.getKey()), e.getValue()).asTensor());
        }
        return out;
    }

    /** @return the number of tensors */
    public int size() {
        return tensors.size();
    }

    /** @return the names in checkpoint order */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** @return whether {@code name} is present */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * @param name a parameter or buffer name
     * @return its tensor
     * @throws NoSuchElementException if absent
     */
    public PthTensor get(String name) {
        PthTensor t = tensors.get(name);
        if (t == null) {
            throw new NoSuchElementException("no tensor '" + name + "' in the state dict (" + tensors.size() + " entries)");
        }
        return t;
    }

    /** @return read-only name → tensor map in checkpoint order */
    public Map<String, PthTensor> asMap() {
        return tensors;
    }

    /**
     * @return read-only map of the checkpoint's other top-level entries (for an official checkpoint:
     *     {@code optimizer}, {@code epoch}, {@code metrics}, {@code best_metrics}) as plain Java values
     *     (see {@link PthObject}); empty for a bare state dict
     */
    public Map<String, Object> extras() {
        return extras;
    }

    /**
     * Removes every occurrence of {@code "module."} from every key, exactly as the official readers
     * do ({@code k.replace("module.", "")}), undoing the {@code nn.DataParallel} prefix.
     *
     * @return the renamed state dict
     * @throws IllegalStateException if two keys become equal
     */
    public StateDict removeModulePrefix() {
        return rename(k -> k.replace("module.", ""), "removing 'module.'");
    }

    /**
     * For each key, removes the first of {@code prefixes} it starts with (once); other keys are kept.
     * With {@link #FINE_TUNE_PREFIXES} after {@link #removeModulePrefix()} this is the official
     * pretrain-to-fine-tune transfer. Key order is kept (the official code moves renamed keys to the
     * end of its dict, which has no effect on loading).
     *
     * @param prefixes candidate leading prefixes, tried in order
     * @return the renamed state dict
     * @throws IllegalStateException if two keys become equal (the official code would silently keep one)
     */
    public StateDict stripPrefixes(String... prefixes) {
        return rename(k -> {
            for (String p : prefixes) {
                if (k.startsWith(p)) {
                    return k.substring(p.length());
                }
            }
            return k;
        }, "stripping " + List.of(prefixes));
    }

    /** {@link #stripPrefixes(String...)} taking a list, e.g. {@link #FINE_TUNE_PREFIXES}. */
    public StateDict stripPrefixes(List<String> prefixes) {
        return stripPrefixes(prefixes.toArray(new String[0]));
    }

    private StateDict rename(UnaryOperator<String> f, String what) {
        Map<String, PthTensor> out = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, PthTensor> e : tensors.entrySet()) {
            String k = f.apply(e.getKey());
            String before = origin.putIfAbsent(k, e.getKey());
            if (before != null) {
                throw new IllegalStateException(what + " maps both '" + before + "' and '" + e.getKey() + "' to '" + k + "'");
            }
            out.put(k, e.getValue());
        }
        return new StateDict(out, new LinkedHashMap<>(extras));
    }

    /**
     * @param modelKeys the names a model expects
     * @return the model's names that this state dict lacks, in the model's order ({@code missing_keys}
     *     of a non-strict {@code load_state_dict})
     */
    public List<String> missingKeys(Collection<String> modelKeys) {
        List<String> out = new ArrayList<>();
        for (String k : modelKeys) {
            if (!tensors.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * @param modelKeys the names a model expects
     * @return this state dict's names the model does not have, in checkpoint order ({@code unexpected_keys})
     */
    public List<String> unexpectedKeys(Collection<String> modelKeys) {
        Set<String> known = modelKeys instanceof Set ? (Set<String>) modelKeys : new HashSet<>(modelKeys);
        List<String> out = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (!known.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
