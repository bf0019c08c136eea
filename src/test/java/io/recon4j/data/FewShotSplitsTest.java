package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class FewShotSplitsTest {

    private static final int[] TRAIN_COUNTS = {30, 25, 40, 12, 22, 31, 27, 15, 33, 21, 18, 26};
    private static final int[] TEST_COUNTS = {20, 21, 25, 20, 30, 22, 20, 24, 20, 23, 21, 20};
    private final TestData.InMemory train = TestData.labelled("toy/train", "tr", TRAIN_COUNTS, 8);
    private final TestData.InMemory test = TestData.labelled("toy/test", "te", TEST_COUNTS, 8);

    @TempDir
    Path dir;

    @Test
    void foldsAreDeterministicAndDifferByFoldAndSeed() throws IOException {
        FewShotFold a = FewShotSplits.generate(train, test, 5, 10, 7, 0);
        assertEquals(a, FewShotSplits.generate(train, test, 5, 10, 7, 0));
        assertNotEquals(a, FewShotSplits.generate(train, test, 5, 10, 7, 1));
        assertNotEquals(a, FewShotSplits.generate(train, test, 5, 10, 8, 0));
    }

    @Test
    void countsLabelsAndSourcesFollowPointBert() throws IOException {
        for (int fold = 0; fold < 10; fold++) {
            FewShotFold f = FewShotSplits.generate(train, test, 5, 10, 3, fold);
            assertEquals(50, f.train().size());
            assertEquals(100, f.test().size());
            assertEquals(5, f.classes().size());
            assertEquals(5, f.classes().stream().map(FewShotFold.ClassEntry::originalLabel).distinct().count());
            Map<Integer, Integer> trainPerLabel = new HashMap<>();
            Map<Integer, Integer> testPerLabel = new HashMap<>();
            for (FewShotFold.Entry e : f.train()) {
                // Support comes from the train split, with the original label kept.
                assertEquals(train.samples().get(e.index()).label(), e.originalLabel());
                assertEquals(train.samples().get(e.index()).id(), e.id());
                assertEquals(f.classes().get(e.label()).originalLabel(), e.originalLabel());
                trainPerLabel.merge(e.label(), 1, Integer::sum);
            }
            for (FewShotFold.Entry e : f.test()) {
                assertEquals(test.samples().get(e.index()).label(), e.originalLabel());
                assertTrue(e.id().startsWith("te_"), "query comes from the test split");
                testPerLabel.merge(e.label(), 1, Integer::sum);
            }
            assertEquals(Map.of(0, 10, 1, 10, 2, 10, 3, 10, 4, 10), trainPerLabel);
            assertEquals(Map.of(0, 20, 1, 20, 2, 20, 3, 20, 4, 20), testPerLabel);
            assertEquals(50, f.train().stream().map(FewShotFold.Entry::index).distinct().count());
            assertEquals(100, f.test().stream().map(FewShotFold.Entry::index).distinct().count());
        }
    }

    @Test
    void classesVaryAcrossFolds() throws IOException {
        Set<Set<Integer>> choices = new HashSet<>();
        for (int fold = 0; fold < 10; fold++) {
            Set<Integer> c = new HashSet<>();
            FewShotSplits.generate(train, test, 5, 10, 3, fold).classes().forEach(e -> c.add(e.originalLabel()));
            choices.add(c);
        }
        assertTrue(choices.size() >= 8, "10 folds picked only " + choices.size() + " distinct class sets");
    }

    @Test
    void singleSourceFoldsAreDisjoint() throws IOException {
        FewShotFold f = FewShotSplits.generateFromOne(train, 4, 5, 7, 1, 2);
        assertTrue(f.singleSource());
        Set<Integer> t = new HashSet<>();
        f.train().forEach(e -> t.add(e.index()));
        assertEquals(20, t.size());
        assertEquals(28, f.test().size());
        for (FewShotFold.Entry e : f.test()) {
            assertTrue(!t.contains(e.index()), "index " + e.index() + " in train and test");
            assertEquals(train.samples().get(e.index()).label(), e.originalLabel());
        }
    }

    @Test
    void tooFewSamplesIsAClearError() {
        // Class 3 has 12 train samples: a 20-shot fold that picks it must fail, naming it.
        IllegalArgumentException e = null;
        for (int fold = 0; fold < 50 && e == null; fold++) {
            try {
                FewShotFold f = FewShotSplits.generate(train, test, 12, 20, 0, fold);
                throw new AssertionError("12-way 20-shot cannot succeed, got " + f.train().size());
            } catch (IllegalArgumentException ex) {
                e = ex;
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
        }
        assertTrue(e.getMessage().contains("has 12 samples") || e.getMessage().contains("has 15 samples")
                || e.getMessage().contains("has 18 samples"), e.getMessage());
        assertTrue(e.getMessage().contains("toy/train"), e.getMessage());
        IllegalArgumentException tooManyWays = assertThrows(IllegalArgumentException.class,
                () -> FewShotSplits.generate(train, test, 13, 1, 0, 0));
        assertTrue(tooManyWays.getMessage().contains("13-way") && tooManyWays.getMessage().contains("has 12"));
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> FewShotSplits.generate(train, test, 12, 5, 31, 0, 0));
        assertTrue(query.getMessage().contains("toy/test") && query.getMessage().contains("31 query"), query.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FewShotSplits.generateFromOne(train, 12, 10, 10, 0, 0));
    }

    @Test
    void saveLoadRoundTripAndViews() throws IOException {
        FewShotFold f = FewShotSplits.generate(train, test, 5, 10, Long.MIN_VALUE + 12345, 4);
        Path file = dir.resolve("sub/5way_10shot/4.json");
        FewShotSplits.save(f, file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"format\": \"recon4j-fewshot\"") && text.contains("\"version\": 1"), text);
        assertEquals(f, FewShotSplits.load(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
        PointCloudDataset tv = f.trainView(train);
        assertEquals(50, tv.size());
        assertEquals(f.classNames(), tv.classNames());
        for (int i = 0; i < tv.size(); i++) {
            Sample s = tv.get(i);
            FewShotFold.Entry e = f.train().get(i);
            assertEquals(e.label(), s.label());
            assertEquals(train.samples().get(e.index()).points(), s.points());
        }
        assertEquals(100, f.testView(test).size());
        IOException wrong = assertThrows(IOException.class, () -> f.trainView(test));
        assertTrue(wrong.getMessage().contains("toy/train"), wrong.getMessage());
    }

    @Test
    void viewDetectsAChangedDataset() throws IOException {
        FewShotFold f = FewShotSplits.generate(train, test, 3, 5, 1, 0);
        TestData.InMemory shuffled = new TestData.InMemory("toy/train",
                new java.util.ArrayList<>(train.samples()), train.classNames());
        java.util.Collections.reverse(shuffled.samples());
        PointCloudDataset v = f.trainView(shuffled);
        IOException e = assertThrows(IOException.class, () -> v.get(0));
        assertTrue(e.getMessage().contains("differs"), e.getMessage());
    }

    private Path savedFold() throws IOException {
        Path file = dir.resolve("fold.json");
        FewShotSplits.save(FewShotSplits.generate(train, test, 3, 2, 9, 1), file);
        return file;
    }

    private DatasetFormatException corrupt(String from, String to) throws IOException {
        return corrupt("", from, to);
    }

    /** Replaces the first {@code from} after the first {@code after} in a saved fold and expects load to fail. */
    private DatasetFormatException corrupt(String after, String from, String to) throws IOException {
        Path file = savedFold();
        String text = Files.readString(file);
        int start = text.indexOf(after);
        int at = text.indexOf(from, start);
        assertTrue(start >= 0 && at >= 0, "test setup: '" + from + "' not in the file");
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return assertThrows(DatasetFormatException.class, () -> FewShotSplits.load(file));
    }

    @Test
    void corruptFilesAreClearErrors() throws IOException {
        assertTrue(corrupt("\"classes\"", "\"classes\" [").getMessage().contains("not valid JSON"));
        assertTrue(corrupt("\"version\": 1", "\"version\": 2").getMessage().contains("unsupported version 2"));
        assertTrue(corrupt("\"format\": \"recon4j-fewshot\"", "\"format\": \"other\"").getMessage().contains("key 'format'"));
        assertTrue(corrupt("\"shot\": 2", "\"shot\": 3").getMessage().contains("expected 3"));
        assertTrue(corrupt("\"way\": 3", "\"way\": 4").getMessage().contains("3 classes for a 4-way"));
        assertTrue(corrupt("\"querySize\": 20,", "").getMessage().contains("key 'querySize': missing"));
        assertTrue(corrupt("\"seed\": 9", "\"seed\": \"nine\"").getMessage().contains("key 'seed'"));
        assertTrue(corrupt("\"train\"", "\"label\": ", "\"label\": 7").getMessage().contains("outside [0, 3)"));
        assertTrue(corrupt("\"train\"", "\"originalLabel\": ", "\"originalLabel\": 99").getMessage()
                .contains("but class"));
        assertTrue(corrupt("\"classes\"", "\"label\": 0", "\"label\": 1").getMessage().contains("classes[0].label"));
        assertTrue(corrupt("\"test\"", "\"index\": ", "\"index\": -").getMessage().contains("negative index"));
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[1, 2]");
        assertTrue(assertThrows(DatasetFormatException.class, () -> FewShotSplits.load(file)).getMessage().contains("JSON object"));
    }

    @Test
    void duplicateOrOverlappingIndicesAreRejected() throws IOException {
        FewShotFold f = FewShotSplits.generateFromOne(train, 2, 2, 2, 5, 0);
        FewShotFold.Entry t0 = f.train().get(0);
        List<FewShotFold.Entry> test = new java.util.ArrayList<>(f.test());
        FewShotFold.Entry q = test.stream().filter(e -> e.label() == t0.label()).findFirst().orElseThrow();
        test.set(test.indexOf(q), new FewShotFold.Entry(t0.index(), t0.id(), q.label(), q.originalLabel()));
        FewShotFold overlapping = new FewShotFold(f.supportDataset(), f.queryDataset(), f.seed(), f.fold(), f.way(), f.shot(),
                f.querySize(), f.classes(), f.train(), test);
        Path file = dir.resolve("overlap.json");
        FewShotSplits.save(overlapping, file);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FewShotSplits.load(file));
        assertTrue(e.getMessage().contains("also in 'train'"), e.getMessage());
    }
}
