package io.recon4j.cli;

import io.recon4j.model.ReconConfig;
import picocli.CommandLine.Option;

/** The architecture options shared by every command that builds a ReCon model. */
final class ModelOptions {

    @Option(names = "--size", defaultValue = "nano",
            description = "Model size: nano, tiny, small or base (default ${DEFAULT-VALUE}); the options below override it.")
    String size;

    @Option(names = "--trans-dim", description = "Token width C (trans_dim = encoder_dims).")
    Integer transDim;

    @Option(names = "--depth", description = "Encoder blocks.")
    Integer depth;

    @Option(names = "--heads", description = "Attention heads (encoder and decoder).")
    Integer heads;

    @Option(names = "--decoder-depth", description = "MAE decoder blocks (pretraining).")
    Integer decoderDepth;

    @Option(names = "--groups", description = "Groups per cloud G (num_group).")
    Integer groups;

    @Option(names = "--group-size", description = "Points per group K (group_size).")
    Integer groupSize;

    @Option(names = "--points", description = "Points per cloud N (npoints).")
    Integer points;

    /** @return the named size with every given override applied */
    ReconConfig config() {
        ReconConfig c = ReconConfig.size(size);
        int h = heads != null ? heads : c.heads();
        c = new ReconConfig(transDim != null ? transDim : c.transDim(), depth != null ? depth : c.depth(), h,
                decoderDepth != null ? decoderDepth : c.decoderDepth(), heads != null ? heads : c.decoderHeads(),
                groups != null ? groups : c.numGroups(), groupSize != null ? groupSize : c.groupSize(),
                points != null ? points : c.numPoints(), c.maskRatio(), c.dropPath());
        return c;
    }
}
