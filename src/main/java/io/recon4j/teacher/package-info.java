/**
 * The frozen teachers of ReCon's cross-modal distillation and what is built on their feature spaces: a
 * {@link io.recon4j.teacher.Teacher} maps a text prompt ({@link io.recon4j.teacher.TextTeacher}, built in
 * {@link io.recon4j.teacher.MiniLmTextTeacher}; {@link io.recon4j.teacher.Prompts}) or the rendered views of a shape
 * ({@link io.recon4j.teacher.ImageTeacher}: ONNX, TorchScript or any {@code ServiceLoader} scheme) to one feature;
 * {@link io.recon4j.teacher.Teachers} builds them by name, {@link io.recon4j.teacher.FeatureCache} keeps their
 * features on disk and {@link io.recon4j.teacher.DistillationTargets} serves them to pretraining, with the
 * single-modal {@link io.recon4j.teacher.ContrastiveLoss}. {@link io.recon4j.teacher.ZeroShot} classifies with
 * the text teacher's class embeddings, {@link io.recon4j.teacher.LabelBridge} through a classifier's labels, and
 * {@link io.recon4j.teacher.TeacherInspection} shows what an image teacher sees.
 *
 * <p>Axis letters: B batch of shapes, V rendered views per shape, N images in one encoder call, C×H×W an image's
 * channels, height and width (no attention heads here), D a teacher's feature width (D_text, D_img when both),
 * S samples of a dataset, K classes, T target class names of a label bridge.
 */
package io.recon4j.teacher;
