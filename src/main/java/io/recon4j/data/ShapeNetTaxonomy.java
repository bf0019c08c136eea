package io.recon4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 55 ShapeNetCore synsets of ShapeNet-55 with their category names, in sorted synset order.
 * A synset's label is its index in that order. Read from the resource {@code shapenet55-taxonomy.tsv}.
 */
public final class ShapeNetTaxonomy {

    private static final String RESOURCE = "shapenet55-taxonomy.tsv";
    private static final Map<String, String> NAMES = load();
    private static final List<String> SYNSETS = List.copyOf(NAMES.keySet());
    private static final Map<String, Integer> LABELS = labels();

    private ShapeNetTaxonomy() {
    }

    /** @return the 55 synset ids (e.g. {@code "02691156"}), sorted; index = label */
    public static List<String> synsets() {
        return SYNSETS;
    }

    /** @return the category names in label order (e.g. {@code "airplane"}) */
    public static List<String> names() {
        return List.copyOf(NAMES.values());
    }

    /** @return the label of a synset, or -1 if it is not one of the 55 */
    public static int label(String synset) {
        return LABELS.getOrDefault(synset, -1);
    }

    /** @return the category name of a synset, or {@code null} if it is not one of the 55 */
    public static String name(String synset) {
        return NAMES.get(synset);
    }

    private static Map<String, String> load() {
        try (InputStream in = ShapeNetTaxonomy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2 || !parts[0].matches("\\d{8}")) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": expected '<8-digit synset>\\t<name>'");
                }
                rows.add(parts);
            }
            rows.sort((a, b) -> a[0].compareTo(b[0]));
            Map<String, String> m = new LinkedHashMap<>();
            for (String[] row : rows) {
                if (m.put(row[0], row[1]) != null) {
                    throw new IllegalStateException(RESOURCE + ": synset " + row[0] + " listed twice");
                }
            }
            return Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }

    private static Map<String, Integer> labels() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < SYNSETS.size(); i++) {
            m.put(SYNSETS.get(i), i);
        }
        return Collections.unmodifiableMap(m);
    }
}
