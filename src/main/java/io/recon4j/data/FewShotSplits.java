package io.recon4j.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generates, saves and loads N-way K-shot few-shot folds, following Point-BERT's
 * {@code datasets/generate_few_shot_data.py} (the source of the ModelNet40 few-shot splits used by
 * Point-MAE and ReCon): shuffle the classes and take the first N; for each, shuffle its samples in
 * the <b>train</b> split and take K as support, shuffle its samples in the <b>test</b> split and take
 * 20 as query; new label = position among the chosen classes; finally shuffle both lists.
 *
 * <p>The draws use Java's generator seeded from (seed, fold), so folds are reproducible but are not
 * the official pickles. A variant draws support and query disjointly from a single dataset (for
 * datasets without a test split). The official generator requires more than K train samples per
 * chosen class; here K suffice.
 *
 * <p>File format ({@link #save}): UTF-8 JSON, written atomically, version {@value #FORMAT_VERSION}:
 * <pre>{@code
 * {"format": "recon4j-fewshot", "version": 1,
 *  "supportDataset": "modelnet40/train", "queryDataset": "modelnet40/test",
 *  "seed": 0, "fold": 3, "way": 5, "shot": 10, "querySize": 20,
 *  "classes": [{"label": 0, "originalLabel": 17, "name": "guitar"}, ...],
 *  "train": [{"index": 812, "id": "guitar_0003", "label": 0, "originalLabel": 17}, ...],
 *  "test":  [...]}
 * }</pre>
 */
public final class FewShotSplits {

    /** Query samples per class in the official splits. */
    public static final int DEFAULT_QUERY_SIZE = 20;
    /** The {@code "format"} tag of the file. */
    public static final String FORMAT = "recon4j-fewshot";
    /** The file format version written and read by this class. */
    public static final int FORMAT_VERSION = 1;

    private static final long FOLD_SALT = 0x4645575348L;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private FewShotSplits() {
    }

    /**
     * Generates a fold the official way: support from {@code support} (the train split), query from
     * {@code query} (the test split), {@value #DEFAULT_QUERY_SIZE} query samples per class.
     */
    public static FewShotFold generate(PointCloudDataset support, PointCloudDataset query, int way, int shot,
            long seed, int fold) throws IOException {
        return generate(support, query, way, shot, DEFAULT_QUERY_SIZE, seed, fold);
    }

    /**
     * Generates a fold with support from {@code support} and query from {@code query}.
     *
     * @param way N, classes per fold, chosen among the labels present in {@code support}
     * @param shot K, support samples per class
     * @param querySize query samples per class
     * @throws IllegalArgumentException if there are fewer than N classes, or a chosen class has fewer than
     *     K support or {@code querySize} query samples (the message names the class and dataset)
     */
    public static FewShotFold generate(PointCloudDataset support, PointCloudDataset query, int way, int shot,
            int querySize, long seed, int fold) throws IOException {
        checkShape(way, shot, querySize);
        if (support.name().equals(query.name())) {
            throw new IllegalArgumentException("support and query datasets are both named '" + support.name()
                    + "'; use generateFromOne to draw both from one dataset");
        }
        SplittableRandom rng = Seeds.random(Seeds.mix(seed, fold, FOLD_SALT));
        Map<Integer, List<Integer>> supportByClass = byClass(support);
        Map<Integer, List<Integer>> queryByClass = byClass(query);
        List<Integer> chosen = chooseClasses(supportByClass, way, rng, support.name());
        List<FewShotFold.Entry> train = new ArrayList<>();
        List<FewShotFold.Entry> test = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int cls = chosen.get(i);
            List<Integer> s = shuffled(supportByClass.get(cls), rng);
            requireCount(s.size(), shot, cls, support, shot + "-shot support");
            add(train, support, s.subList(0, shot), i, cls);
            List<Integer> q = shuffled(queryByClass.getOrDefault(cls, List.of()), rng);
            requireCount(q.size(), querySize, cls, query, querySize + " query samples");
            add(test, query, q.subList(0, querySize), i, cls);
        }
        return finish(support, query.name(), seed, fold, way, shot, querySize, chosen, train, test, rng);
    }

    /**
     * Generates a fold whose support and query samples are drawn disjointly from one dataset: per
     * chosen class, one shuffle, the first K to train and the next {@code querySize} to test.
     */
    public static FewShotFold generateFromOne(PointCloudDataset data, int way, int shot, int querySize, long seed,
            int fold) throws IOException {
        checkShape(way, shot, querySize);
        SplittableRandom rng = Seeds.random(Seeds.mix(seed, fold, FOLD_SALT));
        Map<Integer, List<Integer>> byClass = byClass(data);
        List<Integer> chosen = chooseClasses(byClass, way, rng, data.name());
        List<FewShotFold.Entry> train = new ArrayList<>();
        List<FewShotFold.Entry> test = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int cls = chosen.get(i);
            List<Integer> pool = shuffled(byClass.get(cls), rng);
            requireCount(pool.size(), shot + querySize, cls, data, shot + " support + " + querySize + " query samples");
            add(train, data, pool.subList(0, shot), i, cls);
            add(test, data, pool.subList(shot, shot + querySize), i, cls);
        }
        return finish(data, data.name(), seed, fold, way, shot, querySize, chosen, train, test, rng);
    }

    // ---------------------------------------------------------------- file format

    /** Writes a fold as JSON (see the class comment), atomically: a reader never sees a partial file. */
    public static void save(FewShotFold fold, Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", FORMAT_VERSION);
        o.addProperty("supportDataset", fold.supportDataset());
        o.addProperty("queryDataset", fold.queryDataset());
        o.add("seed", new JsonPrimitive(fold.seed()));
        o.addProperty("fold", fold.fold());
        o.addProperty("way", fold.way());
        o.addProperty("shot", fold.shot());
        o.addProperty("querySize", fold.querySize());
        JsonArray classes = new JsonArray();
        for (FewShotFold.ClassEntry c : fold.classes()) {
            JsonObject j = new JsonObject();
            j.addProperty("label", c.label());
            j.addProperty("originalLabel", c.originalLabel());
            j.addProperty("name", c.name());
            classes.add(j);
        }
        o.add("classes", classes);
        o.add("train", entriesJson(fold.train()));
        o.add("test", entriesJson(fold.test()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] bytes = (GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a fold written by {@link #save}, checking it fully.
     *
     * @throws DatasetFormatException if the file is not valid JSON, not this format or version, misses a
     *     key, or is inconsistent (counts, labels, duplicates, overlap); the message names the key
     */
    public static FewShotFold load(Path file) throws IOException {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new DatasetFormatException(file, "top level", "expected a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new DatasetFormatException(file, "JSON", "not valid JSON: " + e.getMessage(), e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DatasetFormatException(file, "file", "not UTF-8 text", e);
        }
        Json j = new Json(file);
        String format = j.string(o, "format");
        if (!FORMAT.equals(format)) {
            throw new DatasetFormatException(file, "key 'format'", "is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = j.integer(o, "version");
        if (version != FORMAT_VERSION) {
            throw new DatasetFormatException(file, "key 'version'", "unsupported version " + version
                    + "; this build reads version " + FORMAT_VERSION);
        }
        int way = j.integer(o, "way");
        int shot = j.integer(o, "shot");
        int querySize = j.integer(o, "querySize");
        if (way <= 0 || shot <= 0 || querySize <= 0) {
            throw new DatasetFormatException(file, "keys 'way'/'shot'/'querySize'", "must be positive, got "
                    + way + "/" + shot + "/" + querySize);
        }
        List<FewShotFold.ClassEntry> classes = new ArrayList<>();
        JsonArray ca = j.array(o, "classes");
        for (int i = 0; i < ca.size(); i++) {
            JsonObject c = j.object(ca.get(i), "classes[" + i + "]");
            int label = j.integer(c, "label");
            if (label != i) {
                throw new DatasetFormatException(file, "key 'classes[" + i + "].label'", "is " + label + ", expected " + i
                        + " (classes are listed in new-label order)");
            }
            classes.add(new FewShotFold.ClassEntry(label, j.integer(c, "originalLabel"), j.string(c, "name")));
        }
        if (classes.size() != way) {
            throw new DatasetFormatException(file, "key 'classes'", classes.size() + " classes for a " + way + "-way fold");
        }
        List<FewShotFold.Entry> train = entries(j, o, "train", classes, shot);
        List<FewShotFold.Entry> test = entries(j, o, "test", classes, querySize);
        FewShotFold fold = new FewShotFold(j.string(o, "supportDataset"), j.string(o, "queryDataset"), j.longValue(o, "seed"),
                j.integer(o, "fold"), way, shot, querySize, classes, train, test);
        if (fold.singleSource()) {
            Set<Integer> used = new HashSet<>();
            train.forEach(e -> used.add(e.index()));
            for (FewShotFold.Entry e : test) {
                if (used.contains(e.index())) {
                    throw new DatasetFormatException(file, "key 'test'", "index " + e.index() + " ('" + e.id()
                            + "') is also in 'train', but both come from '" + fold.supportDataset() + "'");
                }
            }
        }
        return fold;
    }

    // ---------------------------------------------------------------- helpers

    private static void checkShape(int way, int shot, int querySize) {
        if (way <= 0 || shot <= 0 || querySize <= 0) {
            throw new IllegalArgumentException("way, shot and querySize must be positive, got " + way + ", " + shot
                    + ", " + querySize);
        }
    }

    /** @return dataset indices grouped by label, labels ascending, indices in dataset order */
    private static Map<Integer, List<Integer>> byClass(PointCloudDataset data) throws IOException {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            int label = data.labelOf(i);
            if (label < 0) {
                throw new IllegalArgumentException("sample " + i + " ('" + data.idOf(i) + "') of '" + data.name()
                        + "' has no label (" + label + "); few-shot folds need labelled data");
            }
            m.computeIfAbsent(label, k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static List<Integer> chooseClasses(Map<Integer, List<Integer>> byClass, int way, SplittableRandom rng,
            String dataset) {
        if (byClass.size() < way) {
            throw new IllegalArgumentException("a " + way + "-way fold needs " + way + " classes, '" + dataset
                    + "' has " + byClass.size());
        }
        return shuffled(new ArrayList<>(byClass.keySet()), rng).subList(0, way);
    }

    private static List<Integer> shuffled(List<Integer> list, SplittableRandom rng) {
        List<Integer> out = new ArrayList<>(list);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static void requireCount(int have, int need, int cls, PointCloudDataset data, String what) {
        if (have < need) {
            throw new IllegalArgumentException("class " + className(data, cls) + " (label " + cls + ") has " + have
                    + " samples in '" + data.name() + "', the fold needs " + what + " (" + need + ")");
        }
    }

    private static String className(PointCloudDataset data, int cls) {
        List<String> names = data.classNames();
        return cls < names.size() ? "'" + names.get(cls) + "'" : "#" + cls;
    }

    private static void add(List<FewShotFold.Entry> out, PointCloudDataset data, List<Integer> indices, int label,
            int originalLabel) throws IOException {
        for (int idx : indices) {
            out.add(new FewShotFold.Entry(idx, data.idOf(idx), label, originalLabel));
        }
    }

    private static FewShotFold finish(PointCloudDataset support, String queryName, long seed, int fold, int way,
            int shot, int querySize, List<Integer> chosen, List<FewShotFold.Entry> train, List<FewShotFold.Entry> test,
            SplittableRandom rng) {
        List<FewShotFold.ClassEntry> classes = new ArrayList<>();
        List<String> names = support.classNames();
        for (int i = 0; i < chosen.size(); i++) {
            int c = chosen.get(i);
            classes.add(new FewShotFold.ClassEntry(i, c, c < names.size() ? names.get(c) : "class" + c));
        }
        return new FewShotFold(support.name(), queryName, seed, fold, way, shot, querySize, classes,
                shuffledEntries(train, rng), shuffledEntries(test, rng));
    }

    private static List<FewShotFold.Entry> shuffledEntries(List<FewShotFold.Entry> list, SplittableRandom rng) {
        List<FewShotFold.Entry> out = new ArrayList<>(list);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            FewShotFold.Entry t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static JsonArray entriesJson(List<FewShotFold.Entry> entries) {
        JsonArray a = new JsonArray();
        for (FewShotFold.Entry e : entries) {
            JsonObject j = new JsonObject();
            j.addProperty("index", e.index());
            j.addProperty("id", e.id());
            j.addProperty("label", e.label());
            j.addProperty("originalLabel", e.originalLabel());
            a.add(j);
        }
        return a;
    }

    private static List<FewShotFold.Entry> entries(Json j, JsonObject o, String key, List<FewShotFold.ClassEntry> classes,
            int perClass) throws DatasetFormatException {
        JsonArray a = j.array(o, key);
        List<FewShotFold.Entry> out = new ArrayList<>();
        int[] counts = new int[classes.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            String where = key + "[" + i + "]";
            JsonObject e = j.object(a.get(i), where);
            int index = j.integer(e, "index");
            int label = j.integer(e, "label");
            int original = j.integer(e, "originalLabel");
            if (index < 0 || !seen.add(index)) {
                throw j.error(where + ".index", index < 0 ? "negative index " + index : "index " + index + " appears twice");
            }
            if (label < 0 || label >= classes.size()) {
                throw j.error(where + ".label", "label " + label + " is outside [0, " + classes.size() + ")");
            }
            if (classes.get(label).originalLabel() != original) {
                throw j.error(where + ".originalLabel", "is " + original + " but class " + label + " has original label "
                        + classes.get(label).originalLabel());
            }
            counts[label]++;
            out.add(new FewShotFold.Entry(index, j.string(e, "id"), label, original));
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] != perClass) {
                throw j.error(key, "class " + c + " has " + counts[c] + " entries, expected " + perClass);
            }
        }
        return out;
    }

    /** Typed access to JSON keys with errors that name the file and key. */
    private record Json(Path file) {
        DatasetFormatException error(String key, String problem) {
            return new DatasetFormatException(file, "key '" + key + "'", problem);
        }

        private JsonPrimitive primitive(JsonObject o, String key) throws DatasetFormatException {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw error(key, "missing");
            }
            if (!e.isJsonPrimitive()) {
                throw error(key, "expected a value, found " + e);
            }
            return e.getAsJsonPrimitive();
        }

        String string(JsonObject o, String key) throws DatasetFormatException {
            JsonPrimitive p = primitive(o, key);
            if (!p.isString()) {
                throw error(key, "expected a string, found " + p);
            }
            return p.getAsString();
        }

        long longValue(JsonObject o, String key) throws DatasetFormatException {
            JsonPrimitive p = primitive(o, key);
            if (!p.isNumber()) {
                throw error(key, "expected an integer, found " + p);
            }
            try {
                return new java.math.BigDecimal(p.getAsString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw error(key, "expected a 64-bit integer, found " + p);
            }
        }

        int integer(JsonObject o, String key) throws DatasetFormatException {
            long v = longValue(o, key);
            if (v != (int) v) {
                throw error(key, "value " + v + " does not fit a 32-bit integer");
            }
            return (int) v;
        }

        JsonArray array(JsonObject o, String key) throws DatasetFormatException {
            JsonElement e = o.get(key);
            if (e == null || !e.isJsonArray()) {
                throw error(key, e == null ? "missing" : "expected an array, found " + e);
            }
            return e.getAsJsonArray();
        }

        JsonObject object(JsonElement e, String key) throws DatasetFormatException {
            if (e == null || !e.isJsonObject()) {
                throw error(key, "expected an object, found " + e);
            }
            return e.getAsJsonObject();
        }
    }
}
