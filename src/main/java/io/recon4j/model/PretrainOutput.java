package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What one pretraining forward pass produced.
 *
 * @param encoded (B, 3+V, C) encoder output after its final norm: cls, img, text rows, then visible groups
 * @param decoded (B, M, C) decoder output for the masked groups
 * @param rebuild (B·M, K, 3) predicted points of each masked group, group-local frame
 * @param target (B·M, K, 3) the ground-truth centred neighbourhoods of the same groups
 * @param imgProjection (B, D_img) {@code img_proj} of the image query, or null without an image teacher
 * @param textProjection (B, D_text) {@code text_proj} of the text query, or null without a text teacher
 * @param losses named scalar terms in the official order: {@code mdm}, {@code csc_img}, {@code csc_text}
 * @param total their sum, in that order
 */
public record PretrainOutput(NDArray encoded, NDArray decoded, NDArray rebuild, NDArray target,
                             NDArray imgProjection, NDArray textProjection, Map<String, NDArray> losses, NDArray total) {
}
