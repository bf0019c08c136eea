package io.recon4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL block whose parameters and children carry the names of the official PyTorch modules, so
 * that {@link #stateDict()} yields exactly the keys of the official {@code state_dict()}, in order.
 *
 * <p>All parameter shapes are fixed at construction: blocks never infer them from inputs.
 */
public abstract class ModuleBlock extends AbstractBlock {

    /** One registered entry: either a parameter or a child module, in registration order. */
    private record Entry(String name, Parameter parameter, Block child) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Registers a child module under its official name; an empty name flattens its entries into
     * this module's namespace (as the official code does for parameters set directly on a parent).
     */
    protected final <B extends Block> B module(String name, B block) {
        addChildBlock(name.isEmpty() ? "flat" : name.replace('.', '_'), block);
        entries.add(new Entry(name, null, block));
        return block;
    }

    /** Registers a trainable parameter of a fixed shape. */
    protected final Parameter parameter(String name, Shape shape, Parameter.Type type, Initializer init) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init).build();
        addParameter(p);
        entries.add(new Entry(name, p, null));
        return p;
    }

    /** Registers a non-trainable buffer (e.g. BatchNorm running statistics). */
    protected final Parameter buffer(String name, Shape shape, Parameter.Type type, Initializer init) {
        Parameter p = Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init)
                .optRequiresGrad(false).build();
        addParameter(p);
        entries.add(new Entry(name, p, null));
        return p;
    }

    /**
     * @return every parameter and buffer under its official dotted name (e.g. {@code blocks.blocks.0.attn.qkv.weight}),
     *     in the order of the official state dict
     */
    public final Map<String, Parameter> stateDict() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        for (Entry e : entries) {
            if (e.parameter != null) {
                out.put(prefix + e.name, e.parameter);
            } else if (e.child instanceof ModuleBlock) {
                ((ModuleBlock) e.child).collect(e.name.isEmpty() ? prefix : prefix + e.name + ".", out);
            }
        }
    }

    /** @return the official names of extra integer buffers this module keeps (e.g. {@code num_batches_tracked}) */
    public Map<String, long[]> counters() {
        Map<String, long[]> out = new LinkedHashMap<>();
        collectCounters("", out);
        return out;
    }

    private void collectCounters(String prefix, Map<String, long[]> out) {
        ownCounters().forEach((k, v) -> out.put(prefix + k, v));
        for (Entry e : entries) {
            if (e.child instanceof ModuleBlock) {
                ((ModuleBlock) e.child).collectCounters(e.name.isEmpty() ? prefix : prefix + e.name + ".", out);
            }
        }
    }

    /** Counters of this module itself (name → one-element holder); none by default. */
    protected Map<String, long[]> ownCounters() {
        return Map.of();
    }

    /**
     * Initialises every parameter in float32. Shapes are fixed at construction, so no input shape is needed (models
     * that take (B, N, 3) points patch them inside).
     */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Shapes are fixed at construction, so children ignore the input shapes.
        for (Entry e : entries) {
            if (e.child != null) {
                e.child.initialize(manager, dataType, inputShapes);
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
