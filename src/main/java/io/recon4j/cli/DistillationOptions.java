package io.recon4j.cli;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.model.PretrainMethod;
import io.recon4j.render.RenderConfig;
import io.recon4j.teacher.DistillationTargets;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.TextTeacher;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The teachers {@code recon pretrain} distils, and how their features are prepared. */
final class DistillationOptions {

    @Mixin
    TeacherOptions teachers;

    @Mixin
    ImageTeacherOptions imageTeacher;

    @Option(names = "--img-standardize", description = {"Standardise each image-feature dimension over the training set",
        "(not in the official code): for teachers whose features barely vary from shape to shape."})
    boolean imgStandardize;

    /** Refuses teacher options that contradict the data or the method, before any data is read. */
    void check(DataOptions data, PretrainMethod pm) {
        imageTeacher.checkUp(data);
        ImageTeacherOptions.checkRender(imageTeacher.imgRender);
        if (!pm.distils() && imageTeacher.present()) {
            throw new IllegalArgumentException("--method " + pm.cliName() + " distils no teacher; drop --img-teacher");
        }
    }

    /**
     * Computes (or reads from the cache) every training shape's teacher features and reports their spread on {@code pw}.
     *
     * @return the targets, or null when the method distils nothing or no teacher is given
     */
    DistillationTargets prepare(PretrainMethod pm, PointCloudDataset train, PrintWriter pw) throws IOException {
        // mpm and smc use no teacher, whatever --text-teacher says (its default is minilm).
        TextTeacher text = pm.distils() ? teachers.text() : null;
        DistillationTargets targets;
        try (ImageTeacher image = pm.distils() ? imageTeacher.open() : null) {
            RenderConfig render = imageTeacher.render(image);
            if (image != null) {
                pw.printf(Locale.ROOT, "image teacher %s sees %d %s view(s) of %d px (--img-render, --img-views)%n",
                        image.identity(), render.views(), render.mode().cliName(), render.size());
            }
            targets = text == null && image == null ? null
                    : DistillationTargets.prepare(train, text, image, render, teachers.featureCache());
        }
        if (targets == null && imgStandardize) {
            throw new IllegalArgumentException("--img-standardize needs an image teacher (--img-teacher)");
        }
        if (targets == null && pm.distils() && pm != PretrainMethod.RECON) {
            throw new IllegalArgumentException("--method " + pm.cliName() + " distils teacher features: give --text-teacher "
                    + "minilm and/or --img-teacher");
        }
        if (targets == null) {
            return null;
        }
        report(pw, "text", targets.textSpread(), false);
        report(pw, "image", targets.imageSpread(), imgStandardize);
        return imgStandardize ? targets.withStandardizedImages() : targets;
    }

    private static void report(PrintWriter pw, String which, DistillationTargets.Spread spread, boolean standardized) {
        if (spread != null) {
            spread.report(which, standardized).forEach(pw::println);
            pw.flush();
        }
    }
}
