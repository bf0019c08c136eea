package io.recon4j.model;

import java.util.Locale;

/** The fine-tuning head types of the official configs. */
public enum HeadType {
    /** 3-layer MLP head, whole model trained. */
    FULL,
    /** Same 3-layer head, backbone frozen (only {@code cls*} parameters train). */
    MLP3,
    /** One Linear layer, backbone frozen. */
    LINEAR;

    /** @return the type named in a config ({@code full}, {@code mlp3}, {@code linear}) */
    public static HeadType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown head type '" + s + "': expected full, mlp3 or linear", e);
        }
    }

    /** @return true if only the {@code cls*} parameters are trained */
    public boolean freezesBackbone() {
        return this != FULL;
    }
}
