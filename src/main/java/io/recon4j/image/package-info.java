/**
 * Image data: the IDX file format (MNIST family, {@link io.recon4j.image.IdxReader}), an in-memory labelled image
 * set ({@link io.recon4j.image.ImageDataset}), the Fashion-MNIST loader used to probe the CAE encoder
 * ({@link io.recon4j.image.FashionMnist}) and depth renders of point-cloud datasets as images
 * ({@link io.recon4j.image.RenderedViews}).
 *
 * <p>Axis letters: N items of a set (images, or the shapes before rendering), B batch, C×H×W an image's channels,
 * height and width, V rendered views per shape, S the side of a square render.
 */
package io.recon4j.image;
