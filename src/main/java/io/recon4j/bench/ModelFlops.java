package io.recon4j.bench;

import io.recon4j.model.GlobalQueries;
import io.recon4j.model.ReconConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analytic forward FLOPs per sample of the ReCon models, counted from the architecture: 2·m·n·k per
 * matmul (Linear, 1×1 conv, attention QKᵀ and AV, the Chamfer pair matrix); elementwise ops
 * (norms, activations, softmax, residual adds) are ignored, as in the peer's count.
 *
 * <p>Axes: G groups of K points, V visible and M masked groups (pretraining), Q = 3 global queries,
 * C channels, hidden width 4C.
 *
 * @param parts FLOPs per sample by component, in model order
 */
public record ModelFlops(Map<String, Long> parts) {

    /** Width of the pretraining image-teacher projection (ViT-B in21k features). */
    public static final int IMG_DIM = 768;
    /** Width of the pretraining text-teacher projection (CLIP text features). */
    public static final int TEXT_DIM = 512;
    /** Name of the mini-PointNet part (the largest one). */
    public static final String MINI_POINTNET = "mini-PointNet";
    /** Hidden width of the positional MLP. */
    private static final long POS_HIDDEN = 128;
    /** Hidden width of the classification head. */
    private static final long HEAD_HIDDEN = 256;

    public ModelFlops {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** @return total forward FLOPs per sample */
    public long total() {
        return parts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return total forward GFLOP per sample */
    public double gflop() {
        return total() / 1e9;
    }

    /**
     * The ReCon pretraining model ({@code ReconPretrainer}) with both cross-modal heads (768/512).
     *
     * @param c architecture
     * @return FLOPs per sample of one training forward pass
     */
    public static ModelFlops pretraining(ReconConfig c) {
        long g = c.numGroups();
        long m = c.numMasked();
        long v = g - m;
        long ch = c.transDim();
        Map<String, Long> p = new LinkedHashMap<>();
        p.put(MINI_POINTNET, miniPointNet(c));
        p.put("positional MLPs", positional(ch) * (v + g)); // encoder on visible centres, decoder on all
        addEncoder(p, c, v);
        long t = v + m;
        p.put("decoder attention linears", c.decoderDepth() * 8 * t * ch * ch);
        p.put("decoder attention QKᵀ, AV", c.decoderDepth() * 4 * t * t * ch);
        p.put("decoder MLPs", c.decoderDepth() * 16 * t * ch * ch);
        long k = c.groupSize();
        long heads = 2 * m * ch * 3 * k            // increase_dim: C → 3K on the masked rows
                + 2 * m * k * k * 3                // Chamfer pair matrix a·bᵀ per masked group
                + 2 * ch * (IMG_DIM + TEXT_DIM);   // img_proj, text_proj on one query each
        p.put("heads + losses", heads);
        return new ModelFlops(p);
    }

    /**
     * The fine-tuning classifier ({@code ReconClassifier}, full head); also its inference pass.
     *
     * @param c architecture
     * @param classes number of classes of the head
     * @return FLOPs per sample of one forward pass
     */
    public static ModelFlops classifier(ReconConfig c, int classes) {
        long g = c.numGroups();
        long ch = c.transDim();
        Map<String, Long> p = new LinkedHashMap<>();
        p.put(MINI_POINTNET, miniPointNet(c));
        p.put("positional MLPs", positional(ch) * g);
        addEncoder(p, c, g);
        p.put("heads + losses", 2 * (4 * ch * HEAD_HIDDEN + HEAD_HIDDEN * HEAD_HIDDEN + HEAD_HIDDEN * classes));
        return new ModelFlops(p);
    }

    /** Conv 3→128, 128→256 on every point, then 512→512, 512→C (global feature concatenated). */
    private static long miniPointNet(ReconConfig c) {
        long perPoint = 2L * (3 * 128 + 128 * 256 + 512 * 512 + 512L * c.transDim());
        return perPoint * c.numGroups() * c.groupSize();
    }

    private static long positional(long ch) {
        return 2 * (3 * POS_HIDDEN + POS_HIDDEN * ch);
    }

    /** ReCon blocks over L local tokens and Q queries. */
    private static void addEncoder(Map<String, Long> p, ReconConfig c, long l) {
        long d = c.depth();
        long ch = c.transDim();
        long q = GlobalQueries.COUNT;
        p.put("encoder attention linears", d * 8 * l * ch * ch);      // qkv (3C²) + proj (C²), ×2 per MAC
        p.put("encoder attention QKᵀ, AV", d * 4 * l * l * ch);
        p.put("encoder MLPs", d * 16 * l * ch * ch);                  // C → 4C → C
        // Queries: q (C²) and proj (C²) on Q rows, kv (2C²) on the L locals, QKᵀ + AV, MLP on Q rows.
        p.put("query stream", d * (4 * q * ch * ch + 4 * l * ch * ch + 4 * q * l * ch + 16 * q * ch * ch));
    }
}
