package io.recon4j.train;

import ai.djl.ndarray.NDArray;
import io.recon4j.model.Weights;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.pth.PthFormatException;
import io.recon4j.pth.PthTensor;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * recon4j training checkpoints: a {@code .pth} in the official layout ({@code base_model} = the model's state
 * dict, so official tools and {@code recon import} read it), plus the optimizer's moments and the loop position
 * needed to resume exactly. Written atomically.
 */
public final class TrainCheckpoint {

    /**
     * Where training stands.
     *
     * @param nextEpoch the epoch to run next
     * @param nextBatch the batch of {@code nextEpoch} to run next (non-zero after an interrupted epoch)
     * @param globalStep optimizer steps taken so far
     * @param bestMetric best validation metric so far (NaN if none)
     * @param config the run's resolved configuration (JSON), to refuse resuming with another one
     */
    public record State(int nextEpoch, int nextBatch, long globalStep, double bestMetric, String config) {
    }

    private TrainCheckpoint() {
    }

    /** Writes model, optimizer state and loop position to {@code file} atomically. */
    public static void save(Path file, ModuleBlock model, GroupedAdamW optimizer, State state) throws IOException {
        save(file, model, optimizer, state, Map.of());
    }

    /**
     * As {@link #save(Path, ModuleBlock, GroupedAdamW, State)}, with further top-level entries (e.g. the model card)
     * after the official ones.
     */
    public static void save(Path file, ModuleBlock model, GroupedAdamW optimizer, State state, Map<String, ?> extra)
            throws IOException {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("base_model", Weights.toStateDict(model));
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("step", optimizer.stepCount());
        opt.put("exp_avg", tensors(optimizer.means()));
        opt.put("exp_avg_sq", tensors(optimizer.variances()));
        top.put("optimizer", opt);
        top.put("epoch", (long) state.nextEpoch() - 1);
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("next_epoch", (long) state.nextEpoch());
        loop.put("next_batch", (long) state.nextBatch());
        loop.put("global_step", state.globalStep());
        loop.put("best_metric", state.bestMetric());
        loop.put("config", state.config());
        top.put("recon4j", loop);
        top.putAll(extra);
        PthWriter.writeCheckpoint(file, top);
    }

    private static Map<String, PthTensor> tensors(Map<String, NDArray> arrays) {
        Map<String, PthTensor> out = new LinkedHashMap<>();
        arrays.forEach((k, a) -> out.put(k, PthTensor.ofFloats(a.toFloatArray(), a.getShape().getShape())));
        return out;
    }

    /**
     * Restores model weights, optimizer state and loop position.
     *
     * @throws PthFormatException if the file is not a recon4j training checkpoint
     */
    public static State load(Path file, ModuleBlock model, GroupedAdamW optimizer) throws IOException {
        StateDict sd = StateDict.read(file);
        Object loopObj = sd.extras().get("recon4j");
        Object optObj = sd.extras().get("optimizer");
        if (!(loopObj instanceof Map) || !(optObj instanceof Map)) {
            throw new PthFormatException(file, "root", "not a recon4j training checkpoint (no 'recon4j' and 'optimizer' entries)");
        }
        Map<?, ?> loop = (Map<?, ?>) loopObj;
        Map<?, ?> opt = (Map<?, ?>) optObj;
        var report = Weights.load(model, sd);
        if (!report.missing().isEmpty()) {
            throw new PthFormatException(file, "base_model", "checkpoint lacks " + report.missing().size()
                    + " of the model's tensors, e.g. " + report.missing().get(0));
        }
        optimizer.restore(((Number) opt.get("step")).longValue(), floats(opt.get("exp_avg")), floats(opt.get("exp_avg_sq")));
        return new State(((Number) loop.get("next_epoch")).intValue(), ((Number) loop.get("next_batch")).intValue(),
                ((Number) loop.get("global_step")).longValue(), ((Number) loop.get("best_metric")).doubleValue(),
                String.valueOf(loop.get("config")));
    }

    private static Map<String, float[]> floats(Object o) {
        Map<String, float[]> out = new LinkedHashMap<>();
        if (o instanceof Map) {
            ((Map<?, ?>) o).forEach((k, v) -> out.put(String.valueOf(k), ((PthTensor) v).toFloats()));
        }
        return out;
    }
}
