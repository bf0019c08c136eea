package io.recon4j.report;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * three.js (MIT) as the report embeds it: the minified core and WebGL module and the examples' OrbitControls, read
 * from the {@code org.webjars.npm:three} WebJar on the classpath (Maven Central, resolved at build time). The page
 * carries them as JSON strings and imports them from blob URLs, so it works offline from a file.
 */
final class ThreeJs {

    private static final String WEBJAR = "META-INF/resources/webjars/three/";
    private static final String POM = "META-INF/maven/org.webjars.npm/three/pom.properties";

    private static volatile String script;

    private ThreeJs() {
    }

    /** @return the WebJar's three.js version, e.g. 0.181.1 */
    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource(POM)) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    /** @return a classic script defining {@code window.RECON_THREE = {core, module, orbit, version}} */
    static String sourcesScript() throws IOException {
        String s = script;
        if (s == null) {
            String base = WEBJAR + version() + "/";
            Map<String, String> m = new LinkedHashMap<>();
            m.put("version", version());
            m.put("core", text(base + "build/three.core.min.js"));
            m.put("module", text(base + "build/three.module.min.js"));
            m.put("orbit", text(base + "examples/jsm/controls/OrbitControls.js"));
            // Gson escapes < and > in strings (\u003c): no "</script>" can end the element early.
            s = "/* three.js " + version() + " (MIT, https://threejs.org) and its OrbitControls */\nwindow.RECON_THREE = "
                    + new Gson().toJson(m) + ";";
            script = s;
        }
        return s;
    }

    /** @return text of a classpath resource of this package ({@code io/recon4j/report/NAME}) */
    static String own(String name) throws IOException {
        return text("io/recon4j/report/" + name);
    }

    private static String text(String path) throws IOException {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = ThreeJs.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing resource " + path + " (the org.webjars.npm:three WebJar should be on the classpath)");
        }
        return in;
    }
}
