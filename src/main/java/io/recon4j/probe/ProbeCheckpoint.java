package io.recon4j.probe;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import io.recon4j.model.ImportReport;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained probe head on disk ({@code probe.pth}): {@code model} = its state dict (official names, BatchNorm
 * statistics included), {@code probe_config} = which head and which frozen encoder it was trained on, as JSON.
 * Lets analyses draw the attentive probe's query attention after {@code recon cae probe}.
 *
 * @param mode {@code linear} or {@code attentive}
 * @param dim D, the encoder's token width
 * @param heads attention heads of the attentive block
 * @param classes K
 * @param encoder the frozen encoder's identity ({@link FrozenEncoder#identity()})
 */
public record ProbeCheckpoint(String mode, int dim, int heads, int classes, String encoder) {

    private static final String CONFIG_ENTRY = "probe_config";

    /** Writes a trained head and what it was trained on. */
    public static void save(ProbeHead head, ProbeCheckpoint what, Path file) throws IOException {
        if (!(head instanceof ModuleBlock block)) {
            throw new IllegalArgumentException("cannot save a " + head.getClass().getSimpleName());
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("model", Weights.toStateDict(block));
        top.put(CONFIG_ENTRY, new Gson().toJson(what));
        PthWriter.writeCheckpoint(file, top);
    }

    /** @return what a {@code probe.pth} records */
    public static ProbeCheckpoint read(Path file) throws IOException {
        Object json = StateDict.read(file).extras().get(CONFIG_ENTRY);
        if (!(json instanceof String s)) {
            throw new IllegalArgumentException(file + " records no probe configuration (not a probe.pth of `recon cae probe`?)");
        }
        return new Gson().fromJson(s, ProbeCheckpoint.class);
    }

    /**
     * @param file a {@code probe.pth}
     * @param encoder the identity of the encoder the probe is about to read
     * @return a warning line when the probe was trained on another encoder, else null
     */
    public static String mismatchWarning(Path file, String encoder) throws IOException {
        String trainedOn = read(file).encoder();
        return trainedOn.equals(encoder) ? null
                : "warning: " + file + " was trained on " + trainedOn + ", not on this encoder (" + encoder + ")";
    }

    /**
     * Loads an attentive probe strictly (every tensor must be there).
     *
     * @throws IllegalArgumentException if the file holds another kind of probe
     */
    public static AttentiveProbe loadAttentive(Path file, NDManager manager) throws IOException {
        ProbeCheckpoint what = read(file);
        if (!what.mode().equals("attentive")) {
            throw new IllegalArgumentException(file + " holds a " + what.mode() + " probe; the query attention needs an "
                    + "attentive one (`recon cae probe --mode attentive`)");
        }
        AttentiveProbe probe = new AttentiveProbe(what.dim(), what.heads(), what.classes());
        probe.initialize(manager, DataType.FLOAT32, new Shape(1, 2, what.dim()));
        ImportReport report = Weights.load(probe, StateDict.read(file));
        if (!report.missing().isEmpty()) {
            throw new IllegalArgumentException(file + " lacks " + report.missing().size() + " of the probe's tensors, e.g. "
                    + report.missing().get(0));
        }
        return probe;
    }
}
