package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.analysis.AttentionMap;
import io.recon4j.cloud.PointCloud;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.Weights;
import io.recon4j.report.AttentionMapReport;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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

    @Mixin
    AttentionMapInput in;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Mixin
    AttentionMapTarget target;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        ReconConfig cfg = model.config();
        boolean zUp = in.zUp();
        AttentionMap.Spec s = target.spec(cfg);
        PointCloud raw = in.read();
        float[] xyz = AttentionMap.modelPoints(raw, zUp, cfg.numPoints());
        RunFolder run = RunFolder.at(out);
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            AttentionMap.Recording rec = AttentionMap.record(Classifiers.load(cfg, Weights.headClasses(in.checkpoint),
                    HeadType.FULL, in.checkpoint, false, m, new PrintWriter(new StringWriter())), m, xyz);
            if (target.near() != null) {
                float[] p = AttentionMap.toModelFrame(raw, target.near(), zUp);
                int t = AttentionMap.nearestCenter(rec.grouping().centers(), p[0], p[1], p[2]);
                s = AttentionMap.Spec.localToken(t).atLayer(s.layer());
                out().printf(Locale.ROOT, "--near %s is (%.3f, %.3f, %.3f) in the model's frame: nearest patch centre is token %d%n",
                        Arrays.toString(target.near()), p[0], p[1], p[2], t);
            }
            AttentionMap.Result r = rec.map(s);
            AttentionMapReport.write(r, s, cfg.depth(), in.input, in.checkpoint, xyz, run);
            out().println(r.legend(cfg.depth()));
            out().println("wrote " + run.resolve("attention-map.png") + ", " + run.resolve("attention-map.html") + ", "
                    + run.resolve("attention-map.json"));
        }
        out().flush();
        return 0;
    }
}
