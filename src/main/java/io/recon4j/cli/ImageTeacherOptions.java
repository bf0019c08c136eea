package io.recon4j.cli;

import io.recon4j.render.RenderConfig;
import io.recon4j.teacher.ImageInput;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.teacher.Teachers;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The image teacher and how shapes are rendered for it, shared by {@code pretrain} and {@code teacher inspect}. */
final class ImageTeacherOptions {

    /**
     * The render mode {@code auto} picks for a photo-trained teacher (an ONNX or TorchScript file of 3-channel
     * images): measured on ModelNet10 with the ImageNet MobileNetV2 in docs/teachers.md.
     */
    static final RenderConfig.Mode PHOTO_TEACHER_RENDER = RenderConfig.Mode.SHADED;
    /** The views {@code auto} picks for a photo-trained teacher, averaged (docs/teachers.md). */
    static final int PHOTO_TEACHER_VIEWS = 4;

    @Option(names = "--img-teacher", defaultValue = "none", description = {"Image teacher: none, cae:CHECKPOINT (built-in: a `recon cae pretrain",
        "--views-of` run; size and normalisation from the file), onnx:FILE or torchscript:FILE",
        "(a model taking (N,C,H,W) floats and giving (N,D)); default ${DEFAULT-VALUE}."})
    String imgTeacher;

    @Option(names = "--img-dim", defaultValue = "0",
            description = "Output width D of the image teacher (0: read from an ONNX model's output; required for TorchScript).")
    int imgDim;

    @Option(names = "--img-size", defaultValue = "224", description = "Input size of the image teacher in pixels (default ${DEFAULT-VALUE}).")
    int imgSize;

    @Option(names = "--img-channels", defaultValue = "3", description = "Input channels of the image teacher, 1 or 3 (default ${DEFAULT-VALUE}).")
    int imgChannels;

    @Option(names = "--img-mean", split = ",", description = "Per-channel mean (default: ImageNet 0.485,0.456,0.406; 0.5 for 1 channel).")
    float[] imgMean;

    @Option(names = "--img-std", split = ",", description = "Per-channel std (default: ImageNet 0.229,0.224,0.225; 0.5 for 1 channel).")
    float[] imgStd;

    @Option(names = "--img-views", description = {"Rendered views per shape, averaged by the teacher (default: 1 as the official",
        "one image per shape; " + PHOTO_TEACHER_VIEWS + " for an ONNX/TorchScript teacher of 3-channel 224-px images)."})
    Integer imgViews;

    @Option(names = "--img-up", defaultValue = "y", description = "Up axis of the data for rendering: y, or z for raw ModelNet (default ${DEFAULT-VALUE}).")
    String imgUp;

    @Option(names = "--img-render", defaultValue = "auto", description = {"What the image teacher sees: depth (nearer is brighter, on",
        "black), silhouette (binary mask), shaded (grey Lambertian-lit object on white), mesh (the mesh surface,",
        "lit as shaded: needs mesh files such as ModelNet's OFF) or auto (default): shaded",
        "for an ONNX/TorchScript teacher of 3-channel 224-px images (docs/teachers.md), depth otherwise (a CAE",
        "learnt on depth views)."})
    String imgRender;

    /** @return whether a teacher is configured */
    boolean present() {
        return !imgTeacher.isBlank() && !imgTeacher.trim().equalsIgnoreCase("none");
    }

    /** @return the image teacher, or null for none */
    ImageTeacher open() throws IOException {
        return Teachers.image(imgTeacher, imageInput(), imgDim);
    }

    /** @return the spec of another model read with the same input settings (e.g. a classifier beside the teacher) */
    ImageTeacher open(String spec) throws IOException {
        return Teachers.image(spec, imageInput(), 0);
    }

    /**
     * @param image the teacher (null: none; renders at --img-size)
     * @param mode the render mode, or "auto"
     * @return views for it: its input size (a CAE checkpoint records the size it was trained at), the mode and views
     */
    RenderConfig render(ImageTeacher image, String mode) {
        boolean photo = image != null && photoTeacher();
        RenderConfig.Mode m = mode.trim().equalsIgnoreCase("auto") ? (photo ? PHOTO_TEACHER_RENDER : RenderConfig.Mode.DEPTH)
                : RenderConfig.Mode.parse(mode);
        int views = imgViews != null ? imgViews : photo ? PHOTO_TEACHER_VIEWS : 1;
        return RenderConfig.of(image == null ? imgSize : image.input().size(), views).withUp(RenderConfig.Axis.parse(imgUp))
                .withMode(m);
    }

    /** @return the configured render for {@code image} */
    RenderConfig render(ImageTeacher image) {
        return render(image, imgRender);
    }

    /**
     * Photo-trained: a file-backed teacher of 3-channel 224-pixel images, the ImageNet CNN/ViT input (a CAE here
     * learns on 1-channel depth views; the renders were compared at 224 px only).
     */
    private boolean photoTeacher() {
        String scheme = imgTeacher.trim().toLowerCase(Locale.ROOT);
        return (scheme.startsWith("onnx:") || scheme.startsWith("torchscript:")) && imgChannels == 3 && imgSize == 224;
    }

    /** @throws IllegalArgumentException naming {@code mode} unless it is auto or a render mode */
    static void checkRender(String mode) {
        if (!mode.trim().equalsIgnoreCase("auto")) {
            RenderConfig.Mode.parse(mode);
        }
    }

    /** @throws IllegalArgumentException when --up z (clouds already turned y-up) meets --img-up z */
    void checkUp(DataOptions data) {
        if (data.zUp() && RenderConfig.Axis.parse(imgUp) == RenderConfig.Axis.Z) {
            throw new IllegalArgumentException("--up z already turns the clouds y-up on load; render them with --img-up y "
                    + "(the default), or drop --up z and keep --img-up z");
        }
    }

    private ImageInput imageInput() {
        float[] defMean = imgChannels == 3 ? ImageInput.IMAGENET_MEAN : new float[] {0.5f};
        float[] defStd = imgChannels == 3 ? ImageInput.IMAGENET_STD : new float[] {0.5f};
        return new ImageInput(imgSize, imgChannels, imgMean != null ? imgMean : defMean, imgStd != null ? imgStd : defStd);
    }
}
