package io.recon4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux process accounting from {@code /proc}: peak and current resident memory of this process, and
 * CPU time of this process against the whole machine (to tell how busy other processes kept the cores).
 * Every reading is NaN where {@code /proc} is missing.
 */
final class ProcStats {

    /** Kernel clock ticks per second of {@code /proc/stat} and {@code /proc/self/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private ProcStats() {
    }

    /** @return the peak resident set size (VmHWM) of this process in MB, or NaN */
    static double peakRssMb() {
        return statusKb("VmHWM:") / 1024.0;
    }

    /** @return the current resident set size (VmRSS) of this process in MB, or NaN */
    static double rssMb() {
        return statusKb("VmRSS:") / 1024.0;
    }

    private static double statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: memory is reported as unknown.
        }
        return Double.NaN;
    }

    /** A CPU-time reading: seconds busy on the whole machine and in this process, at a wall time. */
    record CpuSample(double machineBusy, double self, long nanos) {

        /** @return now */
        static CpuSample now() {
            return new CpuSample(machineBusySeconds(), selfSeconds(), System.nanoTime());
        }

        /** @return cores kept busy by other processes between {@code start} and this sample (may be slightly negative) */
        double otherCoresSince(CpuSample start) {
            double wall = (nanos - start.nanos) / 1e9;
            return ((machineBusy - start.machineBusy) - (self - start.self)) / wall;
        }
    }

    /** user + nice + system + irq + softirq of {@code /proc/stat}'s first line, in seconds. */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of this process (all threads), in seconds. */
    private static double selfSeconds() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split("\\s+");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return the 1-, 5- and 15-minute load averages as in {@code /proc/loadavg}, or "n/a" */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", l);
        }
    }
}
