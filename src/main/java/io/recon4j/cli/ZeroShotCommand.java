package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.protocol.ZeroShotRun;
import io.recon4j.util.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--transductive", description = {"Name clusters instead of single shapes (a named deviation, docs/teachers.md):",
        "k-means of the scored shapes into one cluster per class, each cluster scored by its members' mean class scores,",
        "clusters named one-to-one (Hungarian); every shape takes its cluster's name. Sees the test shapes together",
        "(never their labels) and assumes every class occurs among them."})
    boolean transductive;

    @Option(names = "--predictions", description = {"Also write each shape's id, label and predicted class to this file",
        "(JSON, the predictions.json of recon svm and recon test: one column named by the route)."})
    Path predictions;

    @Option(names = "--split", defaultValue = "test", description = "test, train or all (default ${DEFAULT-VALUE}).")
    String split;

    @Mixin
    BatchSize batch = BatchSize.of("32");

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the random point subsets");

    @Override
    public Integer call() throws Exception {
        ReconConfig c = model.read(weights, "--weights", model.options().build()).card().config();
        // Checked before the data is read: no text teacher, no checkpoint, or a bad --type stop here.
        ZeroShotRun.Options o = ZeroShotRun.builder(weights, c, teachers.text()).optType(ZeroShotModel.Type.parse(type))
                .optRatio(ratio).optBridge(bridgeLabels, bridgeK).optTransductive(transductive).optCache(teachers.featureCache()).optBatch(batch.batchSize, seed.seed);
        if (predictions != null) {
            // Where the per-shape file goes is settled before the shapes are scored.
            if (Files.isDirectory(predictions)) {
                throw new IllegalArgumentException("--predictions " + predictions + " is a directory; name a file");
            }
            Path parent = predictions.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        }
        List<PointCloudDataset> splits = switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> List.of(data.load(Split.TEST));
            case "train" -> List.of(data.load(Split.TRAIN));
            case "all" -> List.of(data.load(Split.TRAIN), data.load(Split.TEST));
            default -> throw new IllegalArgumentException("--split must be test, train or all, got '" + split + "'");
        };
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ZeroShotRun.Result r = ZeroShotRun.run(o, splits, m);
            out().print(r.toText());
            if (predictions != null) {
                r.predictions().write(predictions);
                out().println("predictions: " + predictions);
            }
        }
        out().flush();
        return 0;
    }
}
