package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What one pretraining forward pass produced.
 *
 * @param encoded (B, Q+V, C) output by role, after its final norm, of the tower carrying the global queries (ReCon:
 *     cls, img, text rows, then visible groups; cmc and twotower: the distillation tower's img, text rows, then every
 *     group)
 * @param decoded (B, M, C) decoder output for the masked groups (null without reconstruction)
 * @param rebuild (B·M, K, 3) predicted points of each masked group, group-local frame (null without reconstruction)
 * @param target (B·M, K, 3) the ground-truth centred neighbourhoods of the same groups (null without reconstruction)
 * @param imgProjection (B, D_img) {@code img_proj} of the image query, or null without an image teacher
 * @param textProjection (B, D_text) {@code text_proj} of the text query, or null without a text teacher
 * @param losses named scalar terms in the official order: {@code mdm}, {@code csc_img}, {@code csc_text}
 * @param total their sum ({@link PretrainLoss#OFFICIAL}; null when there is none: smc's term is added by the training step)
 */
public record PretrainOutput(Tokens encoded, NDArray decoded, NDArray rebuild, NDArray target,
                             NDArray imgProjection, NDArray textProjection, Map<String, NDArray> losses, NDArray total) {
}
