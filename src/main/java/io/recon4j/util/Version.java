package io.recon4j.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The recon4j version, as Maven filtered it into {@code io/recon4j/version.properties} at build time. */
public final class Version {

    private static final String CURRENT = read();

    private Version() {
    }

    /** @return e.g. {@code 0.1.0-SNAPSHOT}; "dev" when the resource is missing or unfiltered (run from an IDE) */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/io/recon4j/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
