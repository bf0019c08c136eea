package io.recon4j.cli;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.teacher.ClassLabels;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.TeacherInspection;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    TeacherInspectOptions inspect;

    @Mixin
    OutFolder out = new OutFolder().sentence("--out", "runs/teacher-inspect", "Output folder");

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        if (!imageTeacher.present()) {
            throw new IllegalArgumentException("--img-teacher is required (e.g. onnx:mobilenetv2-12-int8-features.onnx)");
        }
        imageTeacher.checkUp(data);
        List<String> modes = inspect.modes(imageTeacher.imgRender);
        ClassLabels names = inspect.labels(imageTeacher.imgTeacher);
        PointCloudDataset shapes = data.load(inspect.split.equals("train") ? Split.TRAIN : Split.TEST);
        Files.createDirectories(out.dir);
        List<TeacherInspection.Result> results = new ArrayList<>();
        String teachers;
        try (ImageTeacher teacher = imageTeacher.open();
             ImageTeacher logits = inspect.classifier != null ? imageTeacher.open(inspect.classifier) : null) {
            teachers = "Teacher `" + teacher.identity() + "`" + (logits == null ? "" : "; classifier `" + logits.identity() + "`") + ".";
            TeacherInspection inspection = inspect.inspection(shapes, teacher, logits, names, pw);
            for (String m : modes) {
                results.add(inspection.run(imageTeacher.render(teacher, m)));
                pw.println(results.get(results.size() - 1).toText());
                pw.flush();
            }
        }
        pw.print(TeacherInspection.writeReport(results, shapes.name(), String.join(" ",
                spec.commandLine().getParseResult().originalArgs()), teachers, inspect.perClass > 0, out.dir));
        pw.flush();
        return 0;
    }
}
