package io.recon4j.export;

import ai.onnx.proto.OnnxMl;
import io.recon4j.model.HeadType;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.pth.StateDict;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A ReCon classifier (or its encoder) as one standard ONNX model (opset {@value OnnxOp#OPSET}, no custom
 * operators) that ONNX Runtime runs: eval mode, the batch axis dynamic. See docs/onnx.md.
 *
 * <pre>
 * inputs  (patching GRAPH)   points       (B, N, 3)     float32, clouds as recon4j's pipeline yields them
 *         (patching OUTSIDE) neighborhood (B, G, K, 3), centers (B, G, 3): recon4j's PointGrouper output
 * outputs (CLASSIFIER)       logits       (B, classes)
 *         (ENCODER)          feature      (B, 2C)       [max over the 3 queries, max + mean over the locals]
 * </pre>
 */
public final class OnnxExport {

    /** Input name of the point clouds (B, N, 3). */
    public static final String POINTS = "points";
    /** Input name of the centred neighbourhoods (B, G, K, 3) when the grouping stays outside. */
    public static final String NEIGHBORHOOD = "neighborhood";
    /** Input name of the group centres (B, G, 3) when the grouping stays outside. */
    public static final String CENTERS = "centers";
    /** Output name of the class logits (B, classes). */
    public static final String LOGITS = "logits";
    /** Output name of the encoder feature (B, 2C). */
    public static final String FEATURE = "feature";

    private static final String BATCH = "batch";
    private static final String OFFICIAL_HEAD = "cls_head_finetune.";

    /** What the graph computes. */
    public enum Output {
        /** The fine-tuned classifier: class logits. */
        CLASSIFIER,
        /** The encoder: the linear-SVM feature of recon.md §1.9, as {@code recon svm} embeds. */
        ENCODER;

        /** @return the value named on the command line ({@code classifier}, {@code encoder}) */
        public static Output parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --what '" + s + "': expected classifier or encoder", e);
            }
        }
    }

    /** Where ReCon's grouping (FPS + kNN) runs. */
    public enum Patching {
        /** Inside the graph, bit-exact to recon4j's Java grouping: the model takes raw clouds. */
        GRAPH,
        /** Outside: the model takes recon4j's {@code PointGrouper} output. */
        OUTSIDE;

        /** @return the value named on the command line ({@code graph}, {@code outside}) */
        public static Patching parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --patching '" + s + "': expected graph or outside", e);
            }
        }
    }

    private final ReconClassifier model;
    private final Output output;
    private final Patching patching;

    private OnnxExport(Builder b) {
        this.model = b.model;
        this.output = b.output;
        this.patching = b.patching;
    }

    /** @return a builder; {@link Builder#setModel} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an export. */
    public static final class Builder {
        private ReconClassifier model;
        private Output output = Output.CLASSIFIER;
        private Patching patching = Patching.GRAPH;

        private Builder() {
        }

        /** @param model an initialised ReCon classifier, its weights loaded */
        public Builder setModel(ReconClassifier model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** @param output classifier (default) or encoder */
        public Builder optOutput(Output output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** @param patching inside the graph (default) or outside */
        public Builder optPatching(Patching patching) {
            this.patching = Objects.requireNonNull(patching, "patching");
            return this;
        }

        /** @throws IllegalArgumentException for a model the export does not cover */
        public OnnxExport build() {
            if (model == null) {
                throw new IllegalStateException("setModel is required");
            }
            checkSupported(model.method());
            return new OnnxExport(this);
        }
    }

    /**
     * @throws IllegalArgumentException unless {@code method}'s fine-tune model is ReCon's (two-stream blocks, [cls,
     *     img, text]): recon and mpm checkpoints
     */
    public static void checkSupported(PretrainMethod method) {
        if (method != PretrainMethod.RECON && method != PretrainMethod.MPM) {
            throw new IllegalArgumentException("ONNX export covers ReCon's fine-tune model (recon and mpm checkpoints: "
                    + "two-stream blocks with [cls, img, text] queries); this checkpoint has the " + method.cliName()
                    + " architecture, which it does not cover yet");
        }
    }

    /**
     * The fine-tuning head a checkpoint carries, from its tensor names (official {@code cls_head_finetune}).
     *
     * @param fineTuneView the checkpoint as the fine-tuning loader sees it ({@code Weights.fineTuneView})
     * @return full (3 Linear layers; also mlp3's) or linear, or null when the checkpoint has no head
     */
    public static HeadType headOf(StateDict fineTuneView) {
        if (fineTuneView.contains(OFFICIAL_HEAD + "8.weight")) {
            return HeadType.FULL;
        }
        return fineTuneView.contains(OFFICIAL_HEAD + "0.weight") ? HeadType.LINEAR : null;
    }

    /** @return the number of classes of the checkpoint's head (rows of its last Linear), or 0 without a head */
    public static int classesOf(StateDict fineTuneView) {
        HeadType head = headOf(fineTuneView);
        if (head == null) {
            return 0;
        }
        return (int) fineTuneView.get(OFFICIAL_HEAD + (head == HeadType.FULL ? "8" : "0") + ".weight").shape()[0];
    }

    /** @return the ONNX model */
    public OnnxMl.ModelProto toModel() {
        ReconConfig c = model.config();
        OnnxGraph g = new OnnxGraph();
        List<OnnxMl.ValueInfoProto> inputs;
        ONNXRef<?> neighborhood;
        ONNXRef<?> centers;
        if (patching == Patching.GRAPH) {
            ONNXRef<?> points = g.context().floatInput(POINTS, 3);
            PatchingGraph.Patches p = PatchingGraph.build(g, points, c.numPoints(), c.numGroups(), c.groupSize());
            neighborhood = p.neighborhood();
            centers = p.centers();
            inputs = List.of(valueInfo(POINTS, -1, c.numPoints(), 3));
        } else {
            neighborhood = g.context().floatInput(NEIGHBORHOOD, 3);
            centers = g.context().floatInput(CENTERS, 3);
            inputs = List.of(valueInfo(NEIGHBORHOOD, -1, c.numGroups(), c.groupSize(), 3),
                    valueInfo(CENTERS, -1, c.numGroups(), 3));
        }
        ReconGraph recon = new ReconGraph(g, new StateTensors(model), c);
        ONNXRef<?> encoded = recon.encode(neighborhood, centers);
        String name = output == Output.CLASSIFIER ? LOGITS : FEATURE;
        int width = output == Output.CLASSIFIER ? model.classes() : 2 * c.transDim();
        ONNXRef<?> result = output == Output.CLASSIFIER
                ? recon.head(recon.classifierFeature(encoded), model.headType())
                : recon.svmFeature(encoded);
        g.output(result, g.context().floatOutput(name, width));
        return assemble(g, "recon4j_" + output.name().toLowerCase(Locale.ROOT), inputs, List.of(valueInfo(name, -1, width)),
                describe(), List.of(entry("recon4j.output", output.name().toLowerCase(Locale.ROOT)),
                        entry("recon4j.patching", patching.name().toLowerCase(Locale.ROOT)),
                        entry("recon4j.config", c.toString())));
    }

    /**
     * The grouping alone, for checks: points (B, N, 3) → centers (B, G, 3), neighborhood (B, G, K, 3).
     */
    static OnnxMl.ModelProto patchingModel(int numPoints, int groups, int groupSize) {
        OnnxGraph g = new OnnxGraph();
        ONNXRef<?> points = g.context().floatInput(POINTS, 3);
        PatchingGraph.Patches p = PatchingGraph.build(g, points, numPoints, groups, groupSize);
        g.output(p.centers(), g.context().floatOutput(CENTERS, 3));
        g.output(p.neighborhood(), g.context().floatOutput(NEIGHBORHOOD, 3));
        return assemble(g, "recon4j_patching", List.of(valueInfo(POINTS, -1, numPoints, 3)),
                List.of(valueInfo(CENTERS, -1, groups, 3), valueInfo(NEIGHBORHOOD, -1, groups, groupSize, 3)),
                "ReCon's grouping (FPS + kNN) exported by recon4j.", List.of());
    }

    /** The graph with its declared inputs and outputs (Tribuo declares them as (batch, F)) in a model. */
    private static OnnxMl.ModelProto assemble(OnnxGraph g, String name, List<OnnxMl.ValueInfoProto> inputs,
                                              List<OnnxMl.ValueInfoProto> outputs, String doc,
                                              List<OnnxMl.StringStringEntryProto> metadata) {
        g.context().setName(name);
        OnnxMl.GraphProto.Builder graph = g.context().buildGraph().toBuilder();
        graph.clearInput().addAllInput(inputs);
        graph.clearOutput().addAllOutput(outputs);
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("recon4j")
                .setDocString(doc)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOp.OPSET))
                .addAllMetadataProps(metadata)
                .setGraph(graph)
                .build();
    }

    /** Writes the model to {@code file} atomically. */
    public void write(Path file) throws IOException {
        OnnxMl.ModelProto proto = toModel();
        AtomicFiles.write(file, proto::writeTo);
    }

    private String describe() {
        ReconConfig c = model.config();
        String in = patching == Patching.GRAPH
                ? String.format(Locale.ROOT, "points (batch, %d, 3) float32: clouds as recon4j's pipeline yields them "
                        + "(centred, unit sphere, %d points); grouping (FPS + kNN) inside", c.numPoints(), c.numPoints())
                : String.format(Locale.ROOT, "neighborhood (batch, %d, %d, 3), centers (batch, %d, 3): recon4j's "
                        + "PointGrouper output", c.numGroups(), c.groupSize(), c.numGroups());
        String out = output == Output.CLASSIFIER
                ? String.format(Locale.ROOT, "logits (batch, %d)", model.classes())
                : String.format(Locale.ROOT, "feature (batch, %d): [max over the 3 queries, max + mean over the local "
                        + "tokens]", 2 * c.transDim());
        return "ReCon " + output.name().toLowerCase(Locale.ROOT) + " exported by recon4j. Input: " + in + ". Output: " + out + ".";
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** @param dims the shape, -1 for the dynamic batch axis */
    private static OnnxMl.ValueInfoProto valueInfo(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
