package io.recon4j.bench;

import java.util.Map;
import java.util.Optional;

/**
 * The peer's measurements (official ReCon code, PyTorch 1.13, idle 2-core machine, batch 32) from
 * {@code spec/performance.md}, to print beside ours.
 *
 * @param params parameters, as printed (e.g. "50.78M")
 * @param fwdGflop forward GFLOP per sample
 * @param samplesPerSecond samples/s
 * @param percentOfPeak % of the pooled matmul peak (170.1 GFLOP/s)
 */
record PeerFigures(String params, double fwdGflop, double samplesPerSecond, double percentOfPeak) {

    /** The peer's pooled fp32 matmul peak, GFLOP/s. */
    static final double PEAK = 170.1;

    private static final Map<String, PeerFigures> TABLE = Map.ofEntries(
            Map.entry("pretrain/nano", new PeerFigures("3.35M", 0.810, 17.45, 24.9)),
            Map.entry("pretrain/tiny", new PeerFigures("13.15M", 2.213, 5.69, 22.2)),
            Map.entry("pretrain/small", new PeerFigures("22.94M", 2.803, 5.10, 25.2)),
            Map.entry("pretrain/base", new PeerFigures("50.78M", 4.367, 3.70, 28.5)),
            Map.entry("finetune/nano", new PeerFigures("2.96M", 0.838, 14.17, 20.9)),
            Map.entry("finetune/tiny", new PeerFigures("11.36M", 2.475, 4.89, 21.3)),
            Map.entry("finetune/small", new PeerFigures("19.74M", 3.260, 4.18, 24.1)),
            Map.entry("finetune/base", new PeerFigures("43.58M", 5.378, 3.22, 30.5)),
            Map.entry("infer/nano", new PeerFigures("2.96M", 0.838, 45.6, 22.4)),
            Map.entry("infer/tiny", new PeerFigures("11.36M", 2.475, 16.9, 24.6)),
            Map.entry("infer/small", new PeerFigures("19.74M", 3.260, 12.6, 24.2)),
            Map.entry("infer/base", new PeerFigures("43.58M", 5.378, 9.0, 28.5)));

    /** @return the peer's figures for a named size (nano, tiny, small, base) and phase, if it measured them */
    static Optional<PeerFigures> of(String size, Phase phase) {
        return Optional.ofNullable(TABLE.get(phase.id() + "/" + size));
    }
}
