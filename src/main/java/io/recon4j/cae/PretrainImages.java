package io.recon4j.cae;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import io.recon4j.image.RenderedViews;
import io.recon4j.render.RenderConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The images CAE pretraining reads, normalised, with the per-channel mean and std it normalised them by (which a
 * checkpoint records, so that its users normalise alike).
 *
 * @param images the normalised training images
 * @param mean per-channel mean
 * @param std per-channel std
 */
public record PretrainImages(ImageDataset images, float[] mean, float[] std) {

    /** @return the Fashion-MNIST training split in {@code dir}, normalised by the dataset's constants */
    public static PretrainImages fashionMnist(Path dir) throws IOException {
        return new PretrainImages(FashionMnist.train(dir), new float[] {FashionMnist.MEAN}, new float[] {FashionMnist.STD});
    }

    /**
     * ReCon's image teacher: depth views of point clouds, rendered as distillation will render them, normalised by
     * their own mean and std.
     *
     * @param shapes the clouds
     * @param render the views (size: the CAE's image size)
     */
    public static PretrainImages depthViews(PointCloudDataset shapes, RenderConfig render) throws IOException {
        ImageDataset raw = RenderedViews.of(shapes, render);
        ImageDataset.ChannelStats stats = raw.channelStats();
        float[] mean = {(float) stats.mean()[0]};
        float[] std = {(float) stats.std()[0]};
        return new PretrainImages(raw.normalized(mean, std), mean, std);
    }

    /** @return the first {@code n} images only (null: all) */
    public PretrainImages head(Integer n) {
        return n == null ? this : new PretrainImages(images.head(n), mean, std);
    }
}
