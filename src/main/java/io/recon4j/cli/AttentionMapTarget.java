package io.recon4j.cli;

import io.recon4j.analysis.AttentionMap;
import io.recon4j.model.ReconConfig;
import java.util.Arrays;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Whose attention {@code recon analyze attention-map} paints: one local token or one global query, at one layer. */
final class AttentionMapTarget {

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

    /**
     * Checks the layer, token and point against the model before any file is read.
     *
     * @return the spec; with --near its token is a stand-in (0) until {@link #near()} is resolved after grouping
     */
    AttentionMap.Spec spec(ReconConfig cfg) {
        AttentionMap.Spec s = who == null || who.query != null
                ? AttentionMap.Spec.globalQuery(AttentionMap.GlobalQuery.parse(who == null ? "img" : who.query))
                : AttentionMap.Spec.localToken(who.token != null ? who.token : 0);
        s = s.atLayer(layer == null ? -1 : layer - 1);
        if (layer != null && layer < 1) {
            throw new IllegalArgumentException("--layer " + layer + " is outside 1.." + cfg.depth() + " (layers count from 1)");
        }
        s.check(cfg);
        if (near() != null && (near().length != 3 || !Arrays.stream(near()).allMatch(Double::isFinite))) {
            throw new IllegalArgumentException("--near needs three finite numbers x,y,z");
        }
        return s;
    }

    /** @return --near, or null */
    double[] near() {
        return who == null ? null : who.near;
    }
}
