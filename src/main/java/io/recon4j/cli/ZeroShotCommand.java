package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.ZeroShot;
import io.recon4j.util.Devices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon zeroshot}: classify shapes by their similarity to the text teacher's class embeddings. */
@Command(name = "zeroshot", mixinStandardHelpOptions = true,
        description = {"Zero-shot classification with a ReCon pretraining checkpoint, as the official runner: each",
            "class is the sum of the text teacher's features over the 60 prompts of its name; a shape's feature is",
            "ratio*text_proj(text query) + img_proj(img query) (--type full) or one of the two; the class of highest",
            "cosine similarity wins. Prints top-1 and top-5 accuracy. Test split only by default (the paper's current",
            "protocol); --split all adds the training split as the official code does."})
final class ZeroShotCommand extends ReconCommand {

    @Option(names = "--weights", required = true, description = "Pretraining checkpoint: pretrained.pth of a recon pretrain run.")
    Path weights;

    @Mixin
    CheckpointLoading model;

    @Mixin
    DataOptions data;

    @Mixin
    TeacherOptions teachers;

    @Option(names = "--type", defaultValue = "text",
            description = "Point feature: text, image or full (full needs an image teacher in the text teacher's space; default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--ratio", defaultValue = "0.2", description = "Text weight for --type full (official: 0.2 ModelNet10, 0.25 ModelNet40; default ${DEFAULT-VALUE}).")
    float ratio;

    @Option(names = "--bridge-labels", description = {"Zero-shot through an image classifier's labels (a named deviation,",
        "docs/teachers.md): with --type image and a checkpoint whose image query was distilled into that classifier's",
        "logits (--img-teacher onnx:…mobilenetv2-12-int8.onnx), each class name is matched to the labels of this file",
        "(e.g. imagenet-classes.txt) by the text teacher and scored by their predicted probabilities."})
    Path bridgeLabels;

    @Option(names = "--bridge-k", defaultValue = "3", description = "Labels matched per class with --bridge-labels (default ${DEFAULT-VALUE}).")
    int bridgeK;

    @Option(names = "--split", defaultValue = "test", description = "test, train or all (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random point subsets (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        TextTeacher text = teachers.text();
        if (text == null) {
            throw new IllegalArgumentException("zero-shot needs the text teacher the model was pretrained with (--text-teacher minilm)");
        }
        ReconConfig c = model.read(weights, "--weights", model.options().build()).card().config();
        List<PointCloudDataset> splits = new ArrayList<>();
        switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> splits.add(data.load(Split.TEST));
            case "train" -> splits.add(data.load(Split.TRAIN));
            case "all" -> {
                splits.add(data.load(Split.TRAIN));
                splits.add(data.load(Split.TEST));
            }
            default -> throw new IllegalArgumentException("--split must be test, train or all, got '" + split + "'");
        }
        List<String> names = splits.get(0).classNames();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ZeroShotModel zs = ZeroShotModel.load(weights, c, ZeroShotModel.Type.parse(type), ratio, m);
            if (bridgeLabels != null) {
                io.recon4j.teacher.ClassLabels labels = io.recon4j.teacher.ClassLabels.read(bridgeLabels);
                if (ZeroShotModel.Type.parse(type) != ZeroShotModel.Type.IMAGE || zs.dimension() != labels.size()) {
                    throw new IllegalArgumentException("--bridge-labels reads the image query as logits over the " + labels.size()
                            + " labels of " + bridgeLabels + ": it needs --type image and a checkpoint distilled into those logits ("
                            + weights + " projects to " + zs.dimension() + "-d for --type " + type + ")");
                }
                io.recon4j.teacher.LabelBridge bridge = io.recon4j.teacher.LabelBridge.match(labels, names, text,
                        teachers.featureCache(), bridgeK, 0.1);
                pw.print("label bridge:\n" + bridge.describe());
                ZeroShot.Result r = ZeroShot.evaluate(zs, c, splits, bridge::rank, batchSize, seed, m);
                report(pw, splits, names, r, "image, label bridge");
                pw.flush();
                return 0;
            }
            if (zs.dimension() != text.dimension()) {
                // Class embeddings live in the text teacher's space, so the point feature must too.
                throw new IllegalArgumentException(weights + " projects to " + zs.dimension() + "-d for --type " + type
                        + ", the text teacher gives " + text.dimension() + "-d: the features cannot be compared");
            }
            float[][] classes = ZeroShot.classEmbeddings(text, names, teachers.featureCache());
            ZeroShot.Result r = ZeroShot.evaluate(zs, c, splits, classes, batchSize, seed, m);
            report(pw, splits, names, r, type.toLowerCase(Locale.ROOT));
        }
        pw.flush();
        return 0;
    }

    private static void report(PrintWriter pw, List<PointCloudDataset> splits, List<String> names, ZeroShot.Result r, String how) {
        String what = splits.stream().map(PointCloudDataset::name).reduce((a, b) -> a + " + " + b).orElse("");
        pw.printf(Locale.ROOT, "zero-shot (%s) on %s: %d shapes, %d classes: top-1 %.2f%%, top-5 %.2f%%%n",
                how, what, r.samples(), names.size(), r.top1(), r.top5());
    }
}
