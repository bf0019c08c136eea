package io.recon4j.util;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars with rate and ETA for long work (me.tongfei progressbar). On a terminal the bar
 * redraws in place; in logs and pipes it prints a line every few seconds so CI output stays short.
 */
public final class Progress {

    private Progress() {
    }

    /**
     * @param task short label, e.g. "pretrain epoch 3/300"
     * @param total number of units (-1 if unknown)
     * @param unit unit name for the rate, e.g. "clouds"
     * @return a started bar; close it when the work ends
     */
    public static ProgressBar bar(String task, long total, String unit) {
        return bar(task, total, unit, 0);
    }

    /**
     * A bar that starts at {@code done} units already finished (a resumed run), so that its rate and ETA count
     * only the work of this run.
     */
    public static ProgressBar bar(String task, long total, String unit, long done) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .startsFrom(done, java.time.Duration.ZERO)
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(140)
                .continuousUpdate();
        if (System.console() == null) {
            // Not a terminal: one plain line per interval instead of carriage-return redraws.
            b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 160))
                    .setUpdateIntervalMillis(5_000);
        } else {
            b.setUpdateIntervalMillis(200);
        }
        return b.build();
    }
}
