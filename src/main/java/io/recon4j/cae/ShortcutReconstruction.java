package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.image.ImageDataset;
import io.recon4j.model.ImportReport;
import io.recon4j.model.Weights;
import io.recon4j.nn.NoGrad;
import io.recon4j.pth.StateDict;
import io.recon4j.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The CAE paper's encoder→decoder shortcut analysis: feed every patch through the encoder and straight into the
 * decoder, skipping the regressor ({@link ContextAutoencoder#shortcut}). With the alignment loss the encoder's
 * latents live where the regressor's predictions do, so the decoder reads them; without it (alignment weight 0)
 * it does not. Draws input | one shortcut reconstruction per checkpoint, and measures each one's error.
 */
public final class ShortcutReconstruction {

    /**
     * One checkpoint's shortcut on the pictured images.
     *
     * @param checkpoint the recon4j CAE checkpoint
     * @param alignWeight the alignment weight it was trained with
     * @param mse mean squared error of the shortcut predictions against the pixel target (norm-pix units when the
     *     run used them: 1.0 is what predicting each patch's mean scores)
     */
    public record Entry(Path checkpoint, float alignWeight, double mse) {
    }

    private ShortcutReconstruction() {
    }

    /**
     * @param checkpoints recon4j CAE checkpoints ({@code pretrained.pth}) with a pixel target, same image size
     * @param images unnormalised dataset (each run's own normalisation is applied)
     * @param count how many images (the first ones) to draw
     * @param png output picture: one row per image, columns input | shortcut of each checkpoint
     * @return each checkpoint's shortcut error, in the order given
     * @throws IllegalArgumentException if a checkpoint is not a pixel-target recon4j CAE run or the sizes differ
     */
    public static List<Entry> write(List<Path> checkpoints, ImageDataset images, int count, Path png) throws IOException {
        if (checkpoints.isEmpty() || count < 1) {
            throw new IllegalArgumentException("need at least one checkpoint and one image");
        }
        List<CaePretrainConfig> runs = new ArrayList<>();
        for (Path p : checkpoints) {
            CaePretrainConfig run = CaeCheckpoints.runConfig(p);
            if (!run.target().equals("pixels")) {
                throw new IllegalArgumentException(p + " was trained with the " + run.target() + " target: the shortcut "
                        + "picture needs a pixel-target CAE");
            }
            if (run.model().imageSize() != images.height() || run.model().channels() != images.channels()) {
                throw new IllegalArgumentException(p + " expects " + run.model().channels() + "×" + run.model().imageSize() + "² images, "
                        + images.name() + " has " + images.channels() + "×" + images.height() + "²");
            }
            runs.add(run);
        }
        int n = Math.min(count, images.size());
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        CaePretrainConfig ref = runs.get(0);
        List<float[]> columns = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(); NoGrad off = NoGrad.open()) {
            columns.add(ImageBatches.load(images.normalized(ref.mean(), ref.std()), first, m).toFloatArray());
            for (int k = 0; k < checkpoints.size(); k++) {
                CaePretrainConfig run = runs.get(k);
                try (NDManager sm = m.newSubManager()) {
                    ContextAutoencoder model = load(checkpoints.get(k), run, sm);
                    PixelTarget target = new PixelTarget(run.model().patchSize(), run.model().channels(), run.normPix());
                    NDArray x = ImageBatches.load(images.normalized(run.mean(), run.std()), first, sm);
                    NDArray all = sm.arange(0, run.model().numPatches(), 1, DataType.INT64).reshape(1, -1).repeat(0, n);
                    NDArray pred = model.shortcut(new ParameterStore(sm, false), x, false);
                    double mse = target.loss(pred, x, all).getFloat();
                    NDArray pixels = Patches.unpatchify(target.toPixels(pred, x, all), run.model().patchSize(),
                            run.model().channels());
                    // Shown in the first run's normalisation, so that every column is on the same scale.
                    float[] col = pixels.toFloatArray();
                    for (int i = 0; i < col.length; i++) {
                        int ch = (i / (run.model().imageSize() * run.model().imageSize())) % run.model().channels();
                        col[i] = ((col[i] * run.std()[ch] + run.mean()[ch]) - ref.mean()[ch]) / ref.std()[ch];
                    }
                    columns.add(col);
                    entries.add(new Entry(checkpoints.get(k), run.alignWeight(), mse));
                }
            }
        }
        BufferedImage img = ReconstructionPicture.render(columns.toArray(new float[0][]), n, ref.model().channels(),
                ref.model().imageSize(), ref.mean(), ref.std());
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
        return entries;
    }

    /** The whole model (encoder, regressor, decoder) of a recon4j CAE run, strictly: every tensor must be there. */
    static ContextAutoencoder load(Path file, CaePretrainConfig run, NDManager manager) throws IOException {
        CaeConfig c = run.model();
        ContextAutoencoder model = new ContextAutoencoder(c, new PixelTarget(c.patchSize(), c.channels(), run.normPix()).dim(),
                run.decoder());
        model.initialize(manager, DataType.FLOAT32, new Shape(1, c.channels(), c.imageSize(), c.imageSize()));
        ImportReport report = Weights.load(model, StateDict.read(file).removeModulePrefix());
        if (!report.missing().isEmpty()) {
            throw new IllegalArgumentException(file + " lacks " + report.missing().size() + " of the CAE's tensors, e.g. "
                    + report.missing().get(0));
        }
        return model;
    }
}
