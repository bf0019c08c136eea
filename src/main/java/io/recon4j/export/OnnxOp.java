package io.recon4j.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The standard ONNX operators (default domain, opset {@value #OPSET}) the exported graphs use, declared for
 * Tribuo's graph builder: name, input and output counts, attributes. Opset 17 is the first with
 * {@code LayerNormalization} and the last whose {@code ReduceMax}/{@code ReduceMean} take their axes as an attribute.
 */
enum OnnxOp implements ONNXOperator {
    ADD("Add", 2),
    SUB("Sub", 2),
    MUL("Mul", 2),
    MIN("Min", 2),
    MATMUL("MatMul", 2),
    ERF("Erf", 1),
    RELU("Relu", 1),
    IDENTITY("Identity", 1),
    LESS_OR_EQUAL("LessOrEqual", 2),
    WHERE("Where", 3),
    RESHAPE("Reshape", 2, 0, 1, attr("allowzero", AttributeType.INT)),
    TRANSPOSE("Transpose", 1, 0, 1, attr("perm", AttributeType.INTS)),
    CONCAT("Concat", ONNXAttribute.VARIADIC_INPUT, 0, 1, mandatory("axis", AttributeType.INT)),
    SLICE("Slice", 3, 2, 1),
    UNSQUEEZE("Unsqueeze", 2),
    GATHER("Gather", 2, 0, 1, attr("axis", AttributeType.INT)),
    GATHER_ELEMENTS("GatherElements", 2, 0, 1, attr("axis", AttributeType.INT)),
    REDUCE_MAX("ReduceMax", 1, 0, 1, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    REDUCE_MEAN("ReduceMean", 1, 0, 1, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    ARG_MAX("ArgMax", 1, 0, 1, attr("axis", AttributeType.INT), attr("keepdims", AttributeType.INT),
            attr("select_last_index", AttributeType.INT)),
    TOP_K("TopK", 2, 0, 2, attr("axis", AttributeType.INT), attr("largest", AttributeType.INT),
            attr("sorted", AttributeType.INT)),
    SOFTMAX("Softmax", 1, 0, 1, attr("axis", AttributeType.INT)),
    LAYER_NORM("LayerNormalization", 2, 1, 1, attr("axis", AttributeType.INT), attr("epsilon", AttributeType.FLOAT),
            attr("stash_type", AttributeType.INT)),
    BATCH_NORM("BatchNormalization", 5, 0, 1, attr("epsilon", AttributeType.FLOAT),
            attr("momentum", AttributeType.FLOAT), attr("training_mode", AttributeType.INT));

    /** The opset the graphs import. */
    static final int OPSET = 17;

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final int outputs;
    private final Map<String, ONNXAttribute> attributes = new LinkedHashMap<>();

    OnnxOp(String opName, int inputs) {
        this(opName, inputs, 0, 1);
    }

    OnnxOp(String opName, int inputs, int optionalInputs, int outputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.outputs = outputs;
        for (ONNXAttribute a : attributes) {
            this.attributes.put(a.getName(), a);
        }
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    private static ONNXAttribute mandatory(String name, AttributeType type) {
        return new ONNXAttribute(name, type, true);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return outputs;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.copyOf(Arrays.stream(attributes.values().toArray(new ONNXAttribute[0]))
                .filter(ONNXAttribute::isMandatory).map(ONNXAttribute::getName).toList());
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
