package io.recon4j.cae;

import ai.djl.ndarray.NDArray;

/** Reshapes between images and patch sequences, and per-sample selection of patch rows. */
final class Patches {

    private Patches() {
    }

    /**
     * MAE's {@code patchify}: patch m = row·w + column, its pixels in (py, px, c) order.
     *
     * @param images (B, C, H, W)
     * @param p patch side
     * @return (B, P, p·p·C)
     */
    static NDArray patchify(NDArray images, int p) {
        long[] s = images.getShape().getShape();
        long b = s[0];
        long c = s[1];
        long h = s[2] / p;
        long w = s[3] / p;
        return images.reshape(b, c, h, p, w, p).transpose(0, 2, 4, 3, 5, 1).reshape(b, h * w, (long) p * p * c);
    }

    /**
     * The inverse of {@link #patchify}.
     *
     * @param patches (B, P, p·p·C) with P a square
     * @param p patch side
     * @param channels C
     * @return (B, C, H, W)
     */
    static NDArray unpatchify(NDArray patches, int p, int channels) {
        long[] s = patches.getShape().getShape();
        long grid = Math.round(Math.sqrt(s[1]));
        return patches.reshape(s[0], grid, grid, p, p, channels).transpose(0, 5, 1, 3, 2, 4)
                .reshape(s[0], channels, grid * p, grid * p);
    }

    /**
     * Per-sample row selection, {@code x[b, index[b, k], :]} (torch.gather along axis 1).
     *
     * @param x (B, N, D)
     * @param index (B, R) int64 row numbers in [0, N), R rows kept per sample
     * @return (B, R, D)
     */
    static NDArray select(NDArray x, NDArray index) {
        long[] s = index.getShape().getShape();
        long d = x.getShape().get(2);
        return x.gather(index.reshape(s[0], s[1], 1).broadcast(s[0], s[1], d), 1);
    }
}
