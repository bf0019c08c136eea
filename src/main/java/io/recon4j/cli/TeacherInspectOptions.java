package io.recon4j.cli;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.teacher.ClassLabels;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.LabelBridge;
import io.recon4j.teacher.TeacherInspection;
import io.recon4j.teacher.Teachers;
import io.recon4j.teacher.TextTeacher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code recon teacher inspect} measures: the classifier and its labels, the renders, the subset, the bridge. */
final class TeacherInspectOptions {

    @Option(names = "--classifier", description = {"onnx:FILE giving one logit per --labels class (e.g. the logits graph",
        "of a features teacher). Default: the teacher itself when its width equals the label count."})
    String classifier;

    @Option(names = "--labels", description = "Class names of the logits, one per line (default: imagenet-classes.txt beside the model, if present).")
    Path labels;

    @Option(names = "--img-renders", split = ",", description = {"Render modes to compare, e.g. depth,silhouette,shaded",
        "(default: --img-render)."})
    List<String> renders;

    @Option(names = "--split", defaultValue = "train", description = "Split: train (what pretraining distils) or test (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "300", description = "Shapes in the spread subset, evenly spaced (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--per-class", defaultValue = "2", description = "Example shapes per category on the sheet (default ${DEFAULT-VALUE}).")
    int perClass;

    @Mixin
    FeatureCacheOption cache;

    @Option(names = "--bridge-text", defaultValue = "none", description = {"Also measure zero-shot through the classifier's",
        "labels (LabelBridge, docs/teachers.md): each dataset class name is matched to its most similar labels by this",
        "text teacher (minilm; default ${DEFAULT-VALUE})."})
    String bridgeText;

    @Option(names = "--bridge-k", defaultValue = "3", description = "Labels matched per class (default ${DEFAULT-VALUE}).")
    int bridgeK;

    /** @return the render modes to compare (--img-renders, else {@code imgRender}), each checked */
    List<String> modes(String imgRender) {
        List<String> modes = renders == null || renders.isEmpty() ? List.of(imgRender) : renders;
        modes.forEach(ImageTeacherOptions::checkRender);
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        }
        return modes;
    }

    /** @return the class names of the logits (--labels, else imagenet-classes.txt beside a model), or null */
    ClassLabels labels(String teacherSpec) throws IOException {
        for (String spec : new String[] {classifier, teacherSpec}) {
            if (labels == null && spec != null && spec.indexOf(':') > 0) {
                Path parent = Path.of(spec.substring(spec.indexOf(':') + 1)).toAbsolutePath().getParent();
                if (parent != null && Files.isRegularFile(parent.resolve("imagenet-classes.txt"))) {
                    return ClassLabels.read(parent.resolve("imagenet-classes.txt"));
                }
            }
        }
        return labels == null ? null : ClassLabels.read(labels);
    }

    /**
     * @param logits the --classifier, or null: then the teacher when its width equals the label count
     * @return the inspection of {@code shapes}, with the classifier and the label bridge when configured (said on pw)
     */
    TeacherInspection inspection(PointCloudDataset shapes, ImageTeacher teacher, ImageTeacher logits, ClassLabels names,
            PrintWriter pw) throws IOException {
        TeacherInspection.Builder b = TeacherInspection.builder(shapes, teacher, cache.open()).optLimit(limit)
                .optPerClass(perClass);
        ImageTeacher cls = logits != null ? logits : names != null && teacher.dimension() == names.size() ? teacher : null;
        if (cls != null) {
            if (names == null) {
                throw new IllegalArgumentException("--classifier needs --labels (no imagenet-classes.txt beside the model)");
            }
            b.optClassifier(cls, names);
        }
        TextTeacher text = Teachers.text(bridgeText);
        if (text != null) {
            if (cls == null) {
                throw new IllegalArgumentException("--bridge-text needs a classifier (--classifier and its labels)");
            }
            LabelBridge bridge = LabelBridge.match(names, shapes.classNames(), text, cache.open(), bridgeK, 0.1);
            pw.print("label bridge:\n" + bridge.describe());
            b.optBridge(bridge);
        }
        return b.build();
    }
}
