package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.recon4j.geometry.Grouping;

/**
 * A batch cut into point patches (the official {@code Group} output): what the encoder's mini-PointNet and
 * positional MLP read. Made by {@link PointPatching}; {@link #of} is the one entry for patches grouped elsewhere
 * (official fixture neighbourhoods, ONNX graphs whose patching runs outside).
 *
 * @param neighborhood (B, G, K, 3) each group's K neighbours minus its centre
 * @param centers (B, G, 3) the FPS centres
 * @param grouping the Java arrays the tensors came from (indices too), or null when grouped elsewhere
 */
public record Patches(NDArray neighborhood, NDArray centers, Grouping grouping) {

    /** Checks that the two tensors describe the same (B, G) groups. */
    public Patches {
        long[] n = neighborhood.getShape().getShape();
        long[] c = centers.getShape().getShape();
        if (n.length != 4 || n[3] != 3 || c.length != 3 || c[2] != 3 || n[0] != c[0] || n[1] != c[1]) {
            throw new IllegalArgumentException("patches need neighbourhoods (B, G, K, 3) and centres (B, G, 3); got "
                    + neighborhood.getShape() + " and " + centers.getShape());
        }
    }

    /**
     * Patches grouped outside the model, fed as they are.
     *
     * @param neighborhood (B, G, K, 3)
     * @param centers (B, G, 3)
     */
    public static Patches of(NDArray neighborhood, NDArray centers) {
        return new Patches(neighborhood, centers, null);
    }

    /** @return the tensors of {@code g} (from {@link PointPatching#group}), created in {@code manager} */
    public static Patches of(Grouping g, NDManager manager) {
        return new Patches(g.neighborhood(manager), g.centers(manager), g);
    }

    /** @return B */
    public int batch() {
        return (int) centers.getShape().get(0);
    }
}
