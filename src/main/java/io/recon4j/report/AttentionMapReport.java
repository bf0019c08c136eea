package io.recon4j.report;

import io.recon4j.analysis.AttentionMap;
import io.recon4j.analysis.AttentionMapPicture;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of {@code recon analyze attention-map}: a picture, an interactive page and the weights per patch. */
public final class AttentionMapReport {

    private AttentionMapReport() {
    }

    /**
     * Writes attention-map.png (3 views, colour bar, the token's patch ringed), attention-map.html (interactive,
     * offline) and attention-map.json (the weights per patch) into {@code run}.
     *
     * @param r the map
     * @param spec whose attention (a local token or a global query) at which layer
     * @param depth L, the encoder's blocks (resolves the default layer)
     * @param input the cloud's file
     * @param checkpoint the model's file
     * @param xyz (N, 3) the points the model saw, flattened
     * @param run output folder
     */
    public static void write(AttentionMap.Result r, AttentionMap.Spec spec, int depth, Path input, Path checkpoint,
                             float[] xyz, RunFolder run) throws IOException {
        String what = spec.describe(depth);
        String title = input.getFileName() + " · " + checkpoint.getFileName() + " · " + what + " (" + r.site().path() + ")";
        AttentionMapPicture.writePng(r, title, run.resolve("attention-map.png"));
        HtmlPage.titled("Attention map: " + what)
                .paragraph("Input " + input + ", checkpoint " + checkpoint + ". " + r.legend(depth)
                        + ". Drag to rotate, wheel to zoom.")
                .viewers(List.of(CloudView.of(input.getFileName().toString(), xyz)
                        .colouring(what, AttentionMapPicture.colours(r), r.legend(depth))
                        .marker(r.markedCenter())))
                .write(run.resolve("attention-map.html"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", input.toString());
        json.put("checkpoint", checkpoint.toString());
        json.put("who", what);
        json.put("token", spec.token());
        json.put("query", spec.query() == null ? null : spec.query().cliName());
        json.put("layer", spec.resolvedLayerFor(depth) + 1);
        json.put("module", r.site().path());
        json.put("centers", r.centers());
        json.put("patch_weights", r.patchWeights());
        run.writeText("attention-map.json", new com.google.gson.GsonBuilder().serializeNulls().create().toJson(json) + "\n");
    }
}
