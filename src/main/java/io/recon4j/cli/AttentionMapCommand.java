package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.analysis.AttentionMap;
import io.recon4j.analysis.AttentionMapPicture;
import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.PointCloud;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.Transforms;
import io.recon4j.geometry.PcNorm;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.pth.PthTensor;
import io.recon4j.render.RenderConfig;
import io.recon4j.report.CloudView;
import io.recon4j.report.HtmlPage;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon analyze attention-map}: one token's attention over the patches of one cloud, painted on its points. */
@Command(name = "attention-map", mixinStandardHelpOptions = true,
        description = {"The attention of one local token (--token, or --near a point) or one global query (--query)",
            "over the patches of one cloud, from the model's own attention modules (mean over heads), painted on",
            "the points: a point in several kNN patches takes the largest of their weights, a point in none its",
            "nearest centre's. Writes attention-map.png (3 views, colour bar, the token's patch ringed),",
            "attention-map.html (interactive, offline) and attention-map.json (the weights per patch)."})
final class AttentionMapCommand extends ReconCommand {

    @Option(names = "--checkpoint", required = true, description = "Pretrained or fine-tuned checkpoint (any --method).")
    Path checkpoint;

    @Option(names = "--input", required = true, description = "Point-cloud or mesh file (.pcd .ply .off .obj .xyz .npy ...).")
    Path input;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    /** Exactly one of the three (default: --query img). */
    static final class Who {
        @Option(names = "--token", description = "A local token (patch) by its FPS index, 0..G-1.")
        Integer token;

        @Option(names = "--near", split = ",", paramLabel = "x,y,z",
                description = "The local token whose patch centre is nearest to this point (the input file's coordinates).")
        double[] near;

        @Option(names = "--query", description = "A global query: img, text or cls (default img).")
        String query;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Who who;

    @Option(names = "--layer", description = "Block, 1..depth (default: the last).")
    Integer layer;

    @Option(names = "--up", defaultValue = "y", description = "Up axis of the input: y (default) or z (raw ModelNet; turned y-up "
            + "as the model saw its training data).")
    String up;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        ReconConfig cfg = model.config();
        boolean zUp = RenderConfig.Axis.parse(up) == RenderConfig.Axis.Z;
        AttentionMap.Spec s = spec();
        s = s.atLayer(layer == null ? -1 : layer - 1);
        if (layer != null && layer < 1) {
            throw new IllegalArgumentException("--layer " + layer + " is outside 1.." + cfg.depth() + " (layers count from 1)");
        }
        s.check(cfg);
        if (who != null && who.near != null && (who.near.length != 3 || !java.util.Arrays.stream(who.near).allMatch(Double::isFinite))) {
            throw new IllegalArgumentException("--near needs three finite numbers x,y,z");
        }
        InputFiles.checkpoint(checkpoint);
        InputFiles.require(input, "--input");
        PrintWriter pw = out();
        PointCloud raw = CloudIO.readPoints(input);
        PointCloud cloud = Transforms.normalize(raw);
        cloud = zUp ? Transforms.zUpToYUp(cloud) : cloud;
        float[] xyz = DatasetPipelines.modelNetTest(cfg.numPoints()).apply(cloud, new SplittableRandom(0)).xyz();
        RunFolder run = RunFolder.at(out);
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier net = Classifiers.load(cfg, headClasses(checkpoint), HeadType.FULL, checkpoint, false, m,
                    new PrintWriter(new StringWriter()));
            AttentionMap.Recording rec = AttentionMap.record(net, m, xyz);
            if (who != null && who.near != null) {
                float[] p = toModelFrame(raw, who.near, zUp);
                int t = AttentionMap.nearestCenter(rec.grouping().centers(), p[0], p[1], p[2]);
                s = AttentionMap.Spec.localToken(t).atLayer(s.layer());
                pw.printf(Locale.ROOT, "--near %s is (%.3f, %.3f, %.3f) in the model's frame: nearest patch centre is token %d%n",
                        java.util.Arrays.toString(who.near), p[0], p[1], p[2], t);
            }
            AttentionMap.Result r = rec.map(s);
            String what = s.describe(cfg.depth());
            String title = input.getFileName() + " · " + checkpoint.getFileName() + " · " + what + " (" + r.site().path() + ")";
            AttentionMapPicture.writePng(r, title, run.resolve("attention-map.png"));
            HtmlPage.titled("Attention map: " + what)
                    .paragraph("Input " + input + ", checkpoint " + checkpoint + ". " + r.legend(cfg.depth())
                            + ". Drag to rotate, wheel to zoom.")
                    .viewers(List.of(CloudView.of(input.getFileName().toString(), xyz)
                            .colouring(what, AttentionMapPicture.colours(r), r.legend(cfg.depth()))
                            .marker(r.markedCenter())))
                    .write(run.resolve("attention-map.html"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("input", input.toString());
            json.put("checkpoint", checkpoint.toString());
            json.put("who", what);
            json.put("token", s.token());
            json.put("query", s.query() == null ? null : s.query().cliName());
            json.put("layer", s.resolvedLayerFor(cfg.depth()) + 1);
            json.put("module", r.site().path());
            json.put("centers", r.centers());
            json.put("patch_weights", r.patchWeights());
            run.writeText("attention-map.json", new com.google.gson.GsonBuilder().serializeNulls().create().toJson(json) + "\n");
            pw.println(r.legend(cfg.depth()));
            pw.println("wrote " + run.resolve("attention-map.png") + ", " + run.resolve("attention-map.html") + ", "
                    + run.resolve("attention-map.json"));
            pw.flush();
        }
        return 0;
    }

    private AttentionMap.Spec spec() {
        if (who == null || who.query != null) {
            return AttentionMap.Spec.globalQuery(AttentionMap.GlobalQuery.parse(who == null ? "img" : who.query));
        }
        // --near is resolved after grouping; token 0 stands in for the checks until then.
        return AttentionMap.Spec.localToken(who.token != null ? who.token : 0);
    }

    /** @return the head's class count from the checkpoint's last head layer, or 2 when it has no head (pretrained) */
    static int headClasses(Path checkpoint) throws IOException {
        int best = -1;
        int classes = 2;
        for (Map.Entry<String, PthTensor> e : Weights.fineTuneView(checkpoint).asMap().entrySet()) {
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("cls_head_finetune\\.(\\d+)\\.weight").matcher(e.getKey());
            if (mt.matches() && e.getValue().rank() == 2 && Integer.parseInt(mt.group(1)) > best) {
                best = Integer.parseInt(mt.group(1));
                classes = (int) e.getValue().shape()[0];
            }
        }
        return classes;
    }

    /** @return {@code p} (the input file's coordinates) after the same pc_norm (and z-up turn) as the cloud */
    static float[] toModelFrame(PointCloud raw, double[] p, boolean zUp) {
        float[] xyz = raw.xyz();
        double[] wide = new double[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            wide[i] = xyz[i];
        }
        double radius = PcNorm.apply(wide);
        // pc_norm is x' = (x − c) / r; point 0 gives c = x0 − r·x0'.
        float[] q = new float[3];
        for (int a = 0; a < 3; a++) {
            double c = xyz[a] - radius * wide[a];
            q[a] = (float) ((p[a] - c) / radius);
        }
        return zUp ? Transforms.zUpToYUp(new PointCloud(q)).xyz() : q;
    }
}
