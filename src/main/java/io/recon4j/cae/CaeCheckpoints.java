package io.recon4j.cae;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.recon4j.model.Weights;
import io.recon4j.pth.PthWriter;
import io.recon4j.pth.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a CAE run leaves: {@code ckpt-last.pth} (the shared training checkpoint, its run configuration under
 * {@code recon4j.config}) and {@code pretrained.pth} ({@code model} = the state dict, {@code cae_config} = the run
 * configuration as JSON). Both tell which architecture to build when loading.
 */
final class CaeCheckpoints {

    private static final String CONFIG_ENTRY = "cae_config";

    private CaeCheckpoints() {
    }

    /** Writes the model's weights with the run configuration. */
    static void savePretrained(ContextAutoencoder model, CaePretrainConfig config, Path file) throws IOException {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("model", Weights.toStateDict(model));
        top.put(CONFIG_ENTRY, config.toJson());
        PthWriter.writeCheckpoint(file, top);
    }

    /** @return the run configuration recorded in a recon4j CAE checkpoint (architecture, normalisation, ...) */
    static CaePretrainConfig runConfig(Path file) throws IOException {
        String json = runJson(file);
        if (json == null) {
            throw new IllegalArgumentException(file + " records no CAE run configuration (not written by `recon cae pretrain`?)");
        }
        return CaePretrainConfig.fromJson(json);
    }

    /** @return the run configuration JSON of {@code pretrained.pth} or of the training loop's checkpoint, or null */
    private static String runJson(Path file) throws IOException {
        Map<String, Object> extras = StateDict.read(file).extras();
        if (extras.get(CONFIG_ENTRY) instanceof String s) {
            return s;
        }
        return extras.get("recon4j") instanceof Map<?, ?> loop && loop.get("config") instanceof String s ? s : null;
    }

    /** @return the architecture recorded in a recon4j CAE checkpoint */
    static CaeConfig config(Path file) throws IOException {
        String json = runJson(file);
        JsonObject run = json == null ? null : JsonParser.parseString(json).getAsJsonObject();
        if (run == null || !run.has("model") || !run.getAsJsonObject("model").has("patchSize")) {
            throw new IllegalArgumentException(file + " records no CAE configuration (not written by `recon cae pretrain`?); "
                    + "give the size explicitly");
        }
        return new Gson().fromJson(run.get("model"), CaeConfig.class);
    }
}
