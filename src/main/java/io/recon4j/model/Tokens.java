package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * An encoder's output rows by role, the one place that knows where each token sits: the global queries first
 * (ReCon: cls, img, text, as the official {@code x[:, 0], x[:, 1], x[:, 2]}), then the local (patch) tokens
 * ({@code x[:, 3:]}).
 *
 * @param x (B, Q+G, C) the rows, Q = {@code layout.count()} (0 without queries)
 * @param layout which queries lead, or null for none
 */
public record Tokens(NDArray x, GlobalQueries.Layout layout) {

    /** @return Q, the number of query rows */
    public int queryCount() {
        return layout == null ? 0 : layout.count();
    }

    /** @return (B, C) the cls token */
    public NDArray cls() {
        return row(layout == null ? -1 : layout.clsRow(), "cls");
    }

    /** @return (B, C) the img token (the image teacher's query) */
    public NDArray img() {
        return row(layout == null ? -1 : layout.imgRow(), "img");
    }

    /** @return (B, C) the text token (the text teacher's query) */
    public NDArray text() {
        return row(layout == null ? -1 : layout.textRow(), "text");
    }

    /** @return (B, Q, C) the query rows */
    public NDArray queries() {
        return x.get(new NDIndex(":, :{}, :", queryCount()));
    }

    /** @return (B, G, C) the local tokens */
    public NDArray locals() {
        return rowsFrom(queryCount());
    }

    /**
     * @param first first row
     * @return (B, Q+G−first, C) rows {@code first..}; the official two-tower fine-tune model slices {@code x[:, 3:]}
     *     behind a single cls token, skipping two locals
     */
    public NDArray rowsFrom(int first) {
        return x.get(new NDIndex(":, {}:, :", first));
    }

    private NDArray row(int r, String role) {
        if (r < 0) {
            throw new IllegalStateException("this tower has no " + role + " token (queries: " + layout + ")");
        }
        return x.get(new NDIndex(":, {}, :", r));
    }
}
