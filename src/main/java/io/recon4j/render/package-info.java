/**
 * Software rendering of shapes into the images the image teachers see, deterministic and without a GPU or display:
 * {@link io.recon4j.render.DepthRenderer} splats points from the fixed viewpoints of a
 * {@link io.recon4j.render.RenderConfig} into {@link io.recon4j.render.DepthImage}s, {@link io.recon4j.render.MeshRenderer}
 * rasterises mesh surfaces from the same cameras, and {@link io.recon4j.render.ColouredPoints} with
 * {@link io.recon4j.render.Colormap} paints per-point values (attention maps).
 *
 * <p>Axis letters: N points, V mesh vertices, H×W image height and width; coordinates are row-major (N, 3).
 */
package io.recon4j.render;
