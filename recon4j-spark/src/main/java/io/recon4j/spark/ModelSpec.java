package io.recon4j.spark;

import io.recon4j.model.ReconConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an executor needs to build the same {@link io.recon4j.embed.Embedder} as the driver asked for, minus the
 * checkpoint bytes (broadcast separately): Java-serialisable, and its {@link #key()} names one model per JVM.
 */
final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    final int transDim;
    final int depth;
    final int heads;
    final int decoderDepth;
    final int decoderHeads;
    final int groups;
    final int groupSize;
    final int points;
    final boolean classify;
    final int topK;
    final ArrayList<String> classNames;
    final boolean zUp;
    final int batchSize;
    final String checkpointDigest;
    final String checkpointName;

    ModelSpec(ReconConfig c, boolean classify, int topK, List<String> classNames, boolean zUp, int batchSize,
              String checkpointDigest, String checkpointName) {
        this.transDim = c.transDim();
        this.depth = c.depth();
        this.heads = c.heads();
        this.decoderDepth = c.decoderDepth();
        this.decoderHeads = c.decoderHeads();
        this.groups = c.numGroups();
        this.groupSize = c.groupSize();
        this.points = c.numPoints();
        this.classify = classify;
        this.topK = topK;
        this.classNames = classNames == null ? null : new ArrayList<>(classNames);
        this.zUp = zUp;
        this.batchSize = batchSize;
        this.checkpointDigest = checkpointDigest;
        this.checkpointName = checkpointName;
    }

    /** @return the architecture (masking and drop path play no part in eval mode) */
    ReconConfig config() {
        return new ReconConfig(transDim, depth, heads, decoderDepth, decoderHeads, groups, groupSize, points, 0.6f, 0.1f);
    }

    /** @return one string per distinct model: checkpoint content and every option that changes the rows */
    String key() {
        return String.join("|", checkpointDigest, config().toString(), "classify=" + classify, "topK=" + topK,
                "names=" + classNames, "zUp=" + zUp);
    }
}
