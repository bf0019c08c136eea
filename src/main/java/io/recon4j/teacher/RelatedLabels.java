package io.recon4j.teacher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which ImageNet-1k classes count as a sensible reading of a shape category (a ModelNet chair seen as a
 * "folding chair", "rocking chair", "barber chair" or "throne"): a judgement, written down once in
 * {@code modelnet-imagenet-related.txt} ({@code category: name, name, ...}), so that "are the teacher's
 * top-5 labels sensible?" becomes a number. Categories without an entry are not scored.
 */
public final class RelatedLabels {

    private static final String RESOURCE = "modelnet-imagenet-related.txt";

    private final Map<String, Set<String>> related;

    private RelatedLabels(Map<String, Set<String>> related) {
        this.related = related;
    }

    /** @return the built-in ModelNet → ImageNet table */
    public static RelatedLabels modelNet() {
        try (InputStream in = RelatedLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            Map<String, Set<String>> map = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                map.put(norm(line.substring(0, colon)), Arrays.stream(line.substring(colon + 1).split(","))
                        .map(RelatedLabels::norm).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
            }
            return new RelatedLabels(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /** @return whether {@code category} has an entry */
    public boolean knows(String category) {
        return related.containsKey(norm(category));
    }

    /** @return whether {@code label} is a sensible reading of {@code category} (false for unknown categories) */
    public boolean related(String category, String label) {
        return related.getOrDefault(norm(category), Set.of()).contains(norm(label));
    }
}
