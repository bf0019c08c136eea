package io.recon4j.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import io.recon4j.nn.Attention;
import io.recon4j.nn.CrossAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records the attention probabilities of every {@link Attention} and {@link CrossAttention} inside a model while
 * it runs its ordinary forward pass: each module shows the very probabilities it multiplies with its values.
 * Close it to detach.
 */
public final class AttentionRecorder implements AutoCloseable {

    /**
     * One attention module.
     *
     * @param path its place in the model, e.g. {@code flat/blocks/blocks_3/attn} (tower, block, module)
     * @param layer its block's index within its tower, from 0
     * @param cross true for the global queries' cross-attention (rows are queries, keys are local tokens)
     */
    public record Site(String path, int layer, boolean cross) {
    }

    /**
     * The probabilities one site produced in one forward pass.
     *
     * @param site where
     * @param probs row-major (B, H, Lq, Lk) probabilities
     * @param shape {B, H, Lq, Lk}
     */
    public record Map4(Site site, float[] probs, long[] shape) {
    }

    private final List<Runnable> detach = new ArrayList<>();
    private final List<Map4> maps = new ArrayList<>();

    private AttentionRecorder() {
    }

    /** Attaches to every attention module below {@code model}, in registration (= forward) order. */
    public static AttentionRecorder attach(Block model) {
        AttentionRecorder r = new AttentionRecorder();
        r.walk(model, "", -1);
        return r;
    }

    private void walk(Block block, String path, int layer) {
        if (block instanceof Attention a) {
            Site s = new Site(path, layer, false);
            a.observe(p -> record(s, p));
            detach.add(() -> a.observe(null));
            return;
        }
        if (block instanceof CrossAttention c) {
            Site s = new Site(path, layer, true);
            c.observe(p -> record(s, p));
            detach.add(() -> c.observe(null));
            return;
        }
        for (Map.Entry<String, Block> e : block.getChildren().toMap().entrySet()) {
            String name = e.getKey().replaceFirst("^\\d{2}", ""); // DJL prefixes each child with its 2-digit position
            int l = layer;
            // Blocks are registered as "blocks.<i>" (children named blocks_<i>): that index is the layer.
            if (name.matches("blocks_\\d+")) {
                l = Integer.parseInt(name.substring("blocks_".length()));
            }
            walk(e.getValue(), path.isEmpty() ? name : path + "/" + name, l);
        }
    }

    private synchronized void record(Site site, NDArray probs) {
        maps.add(new Map4(site, probs.toFloatArray(), probs.getShape().getShape()));
    }

    /** @return the attention modules seen in the recorded passes, in forward order */
    public synchronized List<Site> sites() {
        return maps.stream().map(Map4::site).distinct().toList();
    }

    /** @return everything recorded since the last {@link #clear()}, in the order it was produced */
    public synchronized List<Map4> maps() {
        return List.copyOf(maps);
    }

    /** Forgets what was recorded (before the next batch). */
    public synchronized void clear() {
        maps.clear();
    }

    /** @return how many attention modules are observed */
    public int observed() {
        return detach.size();
    }

    @Override
    public void close() {
        detach.forEach(Runnable::run);
        detach.clear();
    }
}
