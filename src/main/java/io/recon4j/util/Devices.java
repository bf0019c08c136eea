package io.recon4j.util;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Chooses the compute device: the first GPU when the engine reports one, the CPU otherwise. */
public final class Devices {

    private Devices() {
    }

    /**
     * @return {@code RECON_DEVICE} if set ("cpu", "gpu" or "gpu:N"), else GPU 0 when DJL sees a GPU, else the CPU
     */
    public static Device best() {
        String forced = System.getenv("RECON_DEVICE");
        if (forced != null && !forced.isBlank()) {
            return parse(forced);
        }
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** @return the device named by {@code spec}: "cpu", "gpu" or "gpu:N" */
    public static Device parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu")) {
            return Device.gpu();
        }
        if (s.startsWith("gpu:")) {
            try {
                return Device.gpu(Integer.parseInt(s.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device '" + spec + "': expected cpu, gpu or gpu:N", e);
            }
        }
        throw new IllegalArgumentException("bad device '" + spec + "': expected cpu, gpu or gpu:N");
    }
}
