package io.recon4j.cli;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.teacher.ClassLabels;
import io.recon4j.teacher.ContactSheet;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.RelatedLabels;
import io.recon4j.teacher.TeacherInspection;
import io.recon4j.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon teacher inspect}: an image teacher's feature spread and top-5 labels on a dataset's renders. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"What an image teacher sees: renders a subset of the dataset as pretraining would, and reports its",
            "feature spread (as `recon pretrain` does), the leave-one-out 1-NN category accuracy of its features and, with",
            "a classifier's logits and class names, how often a top-5 label is related to the shape's category. Writes",
            "OUT/report.md (tables) and OUT/sheet.png (per shape and render: view | top-5 with probabilities)."})
final class TeacherInspectCommand extends ReconCommand {

    @Mixin
    DataOptions data;

    @Mixin
    ImageTeacherOptions imageTeacher;

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

    @Option(names = "--cache", defaultValue = "runs/feature-cache", description = "Feature cache folder (default ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--bridge-text", defaultValue = "none", description = {"Also measure zero-shot through the classifier's",
        "labels (LabelBridge, docs/teachers.md): each dataset class name is matched to its most similar labels by this",
        "text teacher (minilm; default ${DEFAULT-VALUE})."})
    String bridgeText;

    @Option(names = "--bridge-k", defaultValue = "3", description = "Labels matched per class (default ${DEFAULT-VALUE}).")
    int bridgeK;

    @Option(names = "--out", defaultValue = "runs/teacher-inspect", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        if (!imageTeacher.present()) {
            throw new IllegalArgumentException("--img-teacher is required (e.g. onnx:mobilenetv2-12-int8-features.onnx)");
        }
        imageTeacher.checkUp(data);
        List<String> modes = renders == null || renders.isEmpty() ? List.of(imageTeacher.imgRender) : renders;
        modes.forEach(ImageTeacherOptions::checkRender);
        Path labelFile = labels != null ? labels : besideModel("imagenet-classes.txt");
        ClassLabels names = labelFile == null ? null : ClassLabels.read(labelFile);
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        }
        PointCloudDataset shapes = data.load(split.equals("train") ? Split.TRAIN : Split.TEST);
        Files.createDirectories(out);
        List<TeacherInspection.Result> results = new ArrayList<>();
        try (ImageTeacher teacher = imageTeacher.open();
             ImageTeacher logits = classifier != null ? imageTeacher.open(classifier) : null) {
            TeacherInspection.Builder b = TeacherInspection.builder(shapes, teacher, io.recon4j.teacher.FeatureCache.at(cache))
                    .optLimit(limit).optPerClass(perClass);
            ImageTeacher cls = logits != null ? logits : names != null && teacher.dimension() == names.size() ? teacher : null;
            if (cls != null) {
                if (names == null) {
                    throw new IllegalArgumentException("--classifier needs --labels (no imagenet-classes.txt beside the model)");
                }
                b.optClassifier(cls, names);
            }
            io.recon4j.teacher.TextTeacher text = io.recon4j.teacher.Teachers.text(bridgeText);
            if (text != null) {
                if (cls == null) {
                    throw new IllegalArgumentException("--bridge-text needs a classifier (--classifier and its labels)");
                }
                io.recon4j.teacher.LabelBridge bridge = io.recon4j.teacher.LabelBridge.match(names, shapes.classNames(), text,
                        io.recon4j.teacher.FeatureCache.at(cache), bridgeK, 0.1);
                pw.print("label bridge:\n" + bridge.describe());
                b.optBridge(bridge);
            }
            TeacherInspection inspection = b.build();
            for (String m : modes) {
                TeacherInspection.Result r = inspection.run(imageTeacher.render(teacher, m));
                pw.printf(java.util.Locale.ROOT, "%s: %s; 1-NN accuracy %.1f%%%s%n", r.mode(), r.spread(),
                        100 * r.nearestNeighbourAccuracy(), r.scored() == 0 ? ""
                                : String.format(java.util.Locale.ROOT, "; related label in top-5 %.1f%% of %d", 100 * r.relatedTop5(), r.scored()));
                pw.flush();
                results.add(r);
            }
        }
        String md = "# Image teacher on " + shapes.name() + "\n\n`" + String.join(" ", spec.commandLine().getParseResult().originalArgs())
                + "`\n\n" + TeacherInspection.markdown(results);
        AtomicFiles.write(out.resolve("report.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        pw.println("report: " + out.resolve("report.md"));
        if (perClass > 0) {
            ContactSheet.write(results, RelatedLabels.modelNet(), out.resolve("sheet.png"));
            pw.println("contact sheet: " + out.resolve("sheet.png"));
        }
        pw.flush();
        return 0;
    }

    /** @return {@code name} in the folder of the --img-teacher or --classifier file, if it exists there */
    private Path besideModel(String name) {
        for (String spec : new String[] {classifier, imageTeacher.imgTeacher}) {
            if (spec != null && spec.indexOf(':') > 0) {
                Path parent = Path.of(spec.substring(spec.indexOf(':') + 1)).toAbsolutePath().getParent();
                if (parent != null && Files.isRegularFile(parent.resolve(name))) {
                    return parent.resolve(name);
                }
            }
        }
        return null;
    }
}
