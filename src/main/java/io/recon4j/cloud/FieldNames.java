package io.recon4j.cloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the per-point property names that exporters write to recon4j's field names, so that a colour is
 * {@code r g b [a]}, a normal {@code nx ny nz} and an intensity {@code intensity} whatever tool wrote the file.
 *
 * <p>Matching is case-insensitive; names without an alias are kept exactly as written.
 */
final class FieldNames {

    /** Lower-case alias to canonical name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("red", "r"), Map.entry("diffuse_red", "r"), Map.entry("r", "r"),
            Map.entry("green", "g"), Map.entry("diffuse_green", "g"), Map.entry("g", "g"),
            Map.entry("blue", "b"), Map.entry("diffuse_blue", "b"), Map.entry("b", "b"),
            Map.entry("alpha", "a"), Map.entry("diffuse_alpha", "a"), Map.entry("a", "a"),
            Map.entry("nx", "nx"), Map.entry("normal_x", "nx"),
            Map.entry("ny", "ny"), Map.entry("normal_y", "ny"),
            Map.entry("nz", "nz"), Map.entry("normal_z", "nz"),
            // CloudCompare writes scalar fields with a "scalar_" prefix.
            Map.entry("intensity", "intensity"), Map.entry("scalar_intensity", "intensity"));

    private FieldNames() {
    }

    /** @return the canonical name for {@code name}, or {@code name} itself */
    static String canonical(String name) {
        return ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    /** @return true if {@code name} names a coordinate (x, y or z in any case) */
    static boolean isCoordinate(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("x") || n.equals("y") || n.equals("z");
    }

    /**
     * Assigns unique field names: each gets its canonical name unless an earlier one took it, in which
     * case it keeps its name as written.
     *
     * @param raw the names in file order
     * @throws CloudFormatException if a name occurs twice as written
     */
    static List<String> assign(Path file, String location, List<String> raw) throws CloudFormatException {
        List<String> out = new ArrayList<>(raw.size());
        Set<String> used = new HashSet<>();
        for (String name : raw) {
            String c = canonical(name);
            String chosen = used.contains(c) ? name : c;
            if (!used.add(chosen)) {
                throw new CloudFormatException(file, location, "field name '" + name
                        + "' occurs twice; expected distinct names");
            }
            out.add(chosen);
        }
        return out;
    }
}
