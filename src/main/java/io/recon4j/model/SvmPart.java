package io.recon4j.model;

/**
 * Which half of each tower's linear-SVM feature a probe keeps. The official feature is {@link #BOTH}; the halves are
 * an analysis option that tells what the global queries and the local tokens each carry (e.g. whether queries that no
 * loss trained drag a feature down).
 */
public enum SvmPart {
    /** [max over the query rows, max + mean over the locals]: 2C per tower (official) */
    BOTH,
    /** max over the query rows: C per tower */
    QUERIES,
    /** max + mean over the local tokens: C per tower */
    LOCALS;

    /** @return this part's width per tower for an encoder of width {@code c} */
    public int width(int c) {
        return this == BOTH ? 2 * c : c;
    }
}
