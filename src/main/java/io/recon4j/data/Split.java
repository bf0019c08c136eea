package io.recon4j.data;

import java.util.Locale;

/** The official train / test partition of a benchmark. */
public enum Split {
    TRAIN,
    TEST;

    /** @return {@code "train"} or {@code "test"}, as in the official folder and file names */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
