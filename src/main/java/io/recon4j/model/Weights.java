package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.NoGrad;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves weights between recon4j models and PyTorch state dicts ({@code .pth}), by official key names.
 */
public final class Weights {

    private Weights() {
    }

    /**
     * Copies every matching tensor of {@code sd} into {@code model} (non-strict, like the official loaders).
     * The model must be initialised.
     *
     * @throws IllegalArgumentException if a matching key has another shape (nothing is copied then)
     */
    public static ImportReport load(ModuleBlock model, StateDict sd) {
        Map<String, Parameter> params = model.stateDict();
        Map<String, long[]> counters = model.counters();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            PthTensor t = sd.contains(e.getKey()) ? sd.get(e.getKey()) : null;
            long[] want = e.getValue().getArray().getShape().getShape();
            if (t != null && !Arrays.equals(want, t.shape())) {
                mismatches.add(e.getKey() + ": checkpoint " + Arrays.toString(t.shape()) + ", model " + Arrays.toString(want));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalArgumentException("shape mismatch, nothing loaded (wrong --size or --classes?): "
                    + String.join("; ", mismatches));
        }
        List<String> used = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (sd.contains(e.getKey())) {
                copyInto(e.getValue().getArray(), sd.get(e.getKey()).toFloats());
                used.add(e.getKey());
            } else {
                missing.add(e.getKey());
            }
        }
        for (Map.Entry<String, long[]> e : counters.entrySet()) {
            if (sd.contains(e.getKey())) {
                e.getValue()[0] = sd.get(e.getKey()).toLongs()[0];
                used.add(e.getKey());
            } else {
                missing.add(e.getKey());
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String k : sd.keys()) {
            if (!params.containsKey(k) && !counters.containsKey(k)) {
                ignored.add(k);
            }
        }
        return new ImportReport(used, ignored, missing);
    }

    /**
     * Copies values into a parameter in place, without autograd (a leaf that requires a gradient may not be written
     * otherwise). Not {@code NDArray.set(Buffer)}: its JNI entry constructs libtorch's deprecated
     * {@code AutoNonVariableTypeMode}, which printed a deprecation warning in every process that loaded weights.
     */
    private static void copyInto(NDArray target, float[] values) {
        try (NoGrad off = NoGrad.open(); NDManager tmp = target.getManager().newSubManager()) {
            target.set(new NDIndex(":"), tmp.create(values, target.getShape()));
        }
    }

    /**
     * Loads an official or recon4j checkpoint into a fine-tuning classifier as the official
     * {@code load_model_from_ckpt} does: strip {@code module.}, then a leading {@code MAE_encoder.} or
     * {@code base_model.}, load non-strictly.
     */
    public static ImportReport loadIntoClassifier(ReconClassifier model, Path file) throws IOException {
        return load(model, fineTuneView(file));
    }

    /**
     * @param file a pretrained or fine-tuned checkpoint
     * @return the class count of its last fine-tuning head layer ({@code cls_head_finetune.<i>.weight}), or 2 when it
     *     has no head (a pretrained checkpoint)
     */
    public static int headClasses(Path file) throws IOException {
        int best = -1;
        int classes = 2;
        java.util.regex.Pattern layer = java.util.regex.Pattern.compile("cls_head_finetune\\.(\\d+)\\.weight");
        for (Map.Entry<String, PthTensor> e : fineTuneView(file).asMap().entrySet()) {
            java.util.regex.Matcher mt = layer.matcher(e.getKey());
            if (mt.matches() && e.getValue().rank() == 2 && Integer.parseInt(mt.group(1)) > best) {
                best = Integer.parseInt(mt.group(1));
                classes = (int) e.getValue().shape()[0];
            }
        }
        return classes;
    }

    /** @return the file's tensors as the official fine-tuning loader sees them ({@code module.}, then a leading prefix, removed) */
    public static StateDict fineTuneView(Path file) throws IOException {
        return StateDict.read(file).removeModulePrefix().stripPrefixes(StateDict.FINE_TUNE_PREFIXES);
    }

    /** Loads a pretraining checkpoint (official or recon4j) into a pretraining model: strip {@code module.} only. */
    public static ImportReport loadIntoPretrainer(ReconPretrainer model, Path file) throws IOException {
        return load(model, StateDict.read(file).removeModulePrefix());
    }

    /** @return the model's tensors (parameters, buffers and counters) as a state dict in official order */
    public static Map<String, PthTensor> toStateDict(ModuleBlock model) {
        Map<String, PthTensor> out = new LinkedHashMap<>();
        Map<String, long[]> counters = model.counters();
        for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
            NDArray a = e.getValue().getArray();
            out.put(e.getKey(), PthTensor.ofFloats(a.toFloatArray(), a.getShape().getShape()));
            // BatchNorm's counter follows its running_var, as in PyTorch's order.
            String name = e.getKey();
            if (name.endsWith(".running_var")) {
                String counter = name.substring(0, name.length() - "running_var".length()) + "num_batches_tracked";
                long[] c = counters.get(counter);
                if (c != null) {
                    out.put(counter, PthTensor.ofLongs(new long[] {c[0]}));
                }
            }
        }
        return out;
    }

    /** Writes the model as a plain PyTorch state dict ({@code torch.load} + {@code load_state_dict} read it). */
    public static void save(ModuleBlock model, Path file) throws IOException {
        PthWriter.writeStateDict(file, toStateDict(model));
    }
}
