package io.recon4j.model;

import io.recon4j.pth.StateDict;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pretraining methods the ReCon paper compares, as configurations of one model ({@link ReconPretrainer}) built
 * from the shared blocks. Which towers exist, how each is laid out, whether its input is masked, and which losses
 * train it:
 *
 * <pre>
 * method     towers (official names)                      blocks        tokens           input    losses
 * recon      MAE_encoder                                  ReCon         cls, img, text   masked   mdm + csc_img + csc_text (+ smc)
 * mpm        MAE_encoder (Point-MAE†)                     ReCon         cls, img, text   masked   mdm
 * cmc        Dis_encoder                                  standard      img, text        all      csc_img + csc_text
 * smc        MAE_encoder                                  standard      cls              all      smc (cls_proj, labels)
 * multitask  MAE_encoder                                  standard      cls, img, text   masked   mdm + csc_img + csc_text
 * twotower   MAE_encoder + Dis_encoder (no shared weight) standard      – / img, text    masked / all   mdm + csc_img + csc_text
 * </pre>
 *
 * <p>{@code twotower} and {@code cmc} follow the official {@code models/TwoTower.py} ({@code MaskTransformer} and
 * {@code DisTransformer}, stream {@code CMC}); the others are recon4j's closest readings of the paper, see the README.
 */
public enum PretrainMethod {
    /** ReCon: reconstruction, plus distillation through the stop-gradient global queries. */
    RECON,
    /** Masked point modelling only: the ReCon model with every teacher off (the paper's Point-MAE†). */
    MPM,
    /** Cross-modal distillation only: the two-tower model's distillation tower alone, all groups visible. */
    CMC,
    /** Single-modal contrastive only: a standard Transformer whose cls token is trained by SMC, all groups visible. */
    SMC,
    /** Vanilla multi-task learning: one standard Transformer, [cls, img, text] tokens beside the visible locals. */
    MULTITASK,
    /** Two separate Transformers, one by masked modelling, one by distillation; downstream concatenates both. */
    TWOTOWER;

    /** @return the lower-case name used on the command line */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the method named {@code name} (case-insensitive) */
    public static PretrainMethod parse(String name) {
        for (PretrainMethod m : values()) {
            if (m.cliName().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "': expected one of "
                + Arrays.stream(values()).map(PretrainMethod::cliName).collect(Collectors.joining(", ")));
    }

    /** @return true if the model reconstructs masked groups (has the MAE decoder) */
    public boolean reconstructs() {
        return this == RECON || this == MPM || this == MULTITASK || this == TWOTOWER;
    }

    /** @return true if the method distils teacher features (needs at least one teacher; recon may also run without) */
    public boolean distils() {
        return this == RECON || this == CMC || this == MULTITASK || this == TWOTOWER;
    }

    /** @return true if the method's loss is the single-modal contrastive term on the cls token */
    public boolean contrastsSingleModal() {
        return this == SMC;
    }

    /** @return true if the method has a cls token that {@code --smc} can train in pretraining */
    public boolean hasClsQuery() {
        return this == RECON || this == MPM || this == SMC || this == MULTITASK;
    }

    /** @return true if the method has ReCon's two-stream blocks, whose queries read stop-gradient locals (recon, mpm) */
    public boolean hasStopGradient() {
        return mainStream() == ReconEncoder.Stream.TWO_STREAM;
    }

    /** @return the blocks of the tower named {@code MAE_encoder}, or null when there is none (cmc) */
    ReconEncoder.Stream mainStream() {
        return switch (this) {
            case RECON, MPM -> ReconEncoder.Stream.TWO_STREAM;
            case CMC -> null;
            default -> ReconEncoder.Stream.SINGLE_STREAM;
        };
    }

    /**
     * @param finetune the fine-tune model's layout (the two-tower MAE tower gains a cls token there, as officially)
     * @return the tokens of the {@code MAE_encoder} tower, or null for none
     */
    GlobalQueries.Layout mainLayout(boolean finetune) {
        return switch (this) {
            case RECON, MPM, MULTITASK -> GlobalQueries.Layout.RECON;
            case SMC -> GlobalQueries.Layout.CLS;
            case TWOTOWER -> finetune ? GlobalQueries.Layout.CLS : null;
            case CMC -> null;
        };
    }

    /** @return the encoders of the fine-tune model: 2 for twotower ({@code MAE_encoder}, {@code Dis_encoder}), else 1 */
    public int towerCount() {
        return (mainStream() != null ? 1 : 0) + (hasDistillationTower() ? 1 : 0);
    }

    /** @return true if the method has the official two-tower {@code Dis_encoder} */
    boolean hasDistillationTower() {
        return this == CMC || this == TWOTOWER;
    }

    /** @return true if the {@code MAE_encoder} tower sees only the visible groups in pretraining */
    boolean masksInput() {
        return reconstructs();
    }

    /**
     * Tells the architectures apart by their tensor names, in the fine-tuning view of a checkpoint (after
     * {@code module.} and a leading {@code MAE_encoder.}/{@code base_model.} are removed): official checkpoints and
     * recon4j pretraining or fine-tuning files alike. {@code recon} and {@code mpm} share one architecture and are
     * both reported as {@code recon}; the run's {@code config.json} names the method.
     *
     * @throws IllegalArgumentException if no point encoder is found
     */
    public static PretrainMethod detect(StateDict fineTuneView) {
        boolean main = fineTuneView.contains("pos_embed.0.weight");
        boolean dis = fineTuneView.contains("Dis_encoder.pos_embed.0.weight");
        if (main && dis) {
            return TWOTOWER;
        }
        if (dis) {
            return CMC;
        }
        if (!main) {
            throw new IllegalArgumentException("no point encoder found (neither pos_embed.* nor Dis_encoder.pos_embed.*, "
                    + "after removing 'module.' and a leading 'MAE_encoder.'/'base_model.'): not a ReCon checkpoint?");
        }
        if (fineTuneView.contains("blocks.blocks.0.norm1_contrast.weight")) {
            return RECON;
        }
        return fineTuneView.contains("img_token") ? MULTITASK : SMC;
    }
}
