package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DataLoaderTest {

    private static final PointTransform RANDOM = Transforms.compose(Transforms.randomSubset(16), Transforms.jitter());

    private static List<Batch> run(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        loader.epoch(epoch).forEach(out::add);
        return out;
    }

    private static DataLoader.Builder builder(PointCloudDataset d) {
        return DataLoader.builder(d).batchSize(8).shuffle(true).seed(123).transform(RANDOM);
    }

    @Test
    void everySampleExactlyOncePerEpoch() {
        TestData.InMemory d = TestData.labelled("toy", "s", new int[] {10, 7, 13}, 32);
        try (DataLoader loader = builder(d).build()) {
            assertEquals(4, loader.batchesPerEpoch());
            List<Batch> batches = run(loader, 0);
            assertEquals(4, batches.size());
            Set<String> ids = new HashSet<>();
            int total = 0;
            for (Batch b : batches) {
                assertEquals(16, b.numPoints());
                for (int i = 0; i < b.size(); i++) {
                    ids.add(b.ids().get(i));
                    assertEquals(d.samples().get(b.sampleIndices()[i]).label(), b.labels()[i]);
                    assertEquals(d.samples().get(b.sampleIndices()[i]).id(), b.ids().get(i));
                }
                total += b.size();
            }
            assertEquals(30, total);
            assertEquals(30, ids.size());
            assertEquals(6, batches.get(3).size(), "last partial batch kept");
        }
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        TestData.InMemory d = TestData.labelled("toy", "s", new int[] {30}, 20);
        try (DataLoader loader = builder(d).dropLast(true).build()) {
            List<Batch> batches = run(loader, 2);
            assertEquals(3, loader.batchesPerEpoch());
            assertEquals(3, batches.size());
            Set<Integer> seen = new HashSet<>();
            for (Batch b : batches) {
                assertEquals(8, b.size());
                Arrays.stream(b.sampleIndices()).forEach(seen::add);
            }
            assertEquals(24, seen.size(), "24 distinct samples, 6 dropped");
        }
    }

    @Test
    void resultsDoNotDependOnThreadsOrRunsAndEpochsAreIndependent() {
        TestData.InMemory d = TestData.labelled("toy", "s", new int[] {9, 9, 9}, 40);
        List<List<Batch>> runs = new ArrayList<>();
        for (int threads : new int[] {0, 1, 2, 4}) {
            try (DataLoader loader = builder(d).threads(threads).build()) {
                runs.add(run(loader, 5));
            }
        }
        for (List<Batch> r : runs.subList(1, runs.size())) {
            assertBatchesEqual(runs.get(0), r);
        }
        try (DataLoader loader = builder(d).build()) {
            List<Batch> e0 = run(loader, 0);
            run(loader, 1);
            List<Batch> e5 = run(loader, 5);
            assertBatchesEqual(runs.get(0), e5);
            assertFalse(Arrays.equals(e0.get(0).sampleIndices(), e5.get(0).sampleIndices()), "epochs shuffle differently");
            assertBatchesEqual(e0, run(loader, 0));
        }
    }

    @Test
    void noShuffleKeepsDatasetOrderAndSeedChangesDraws() {
        TestData.InMemory d = TestData.labelled("toy", "s", new int[] {5, 5}, 40);
        try (DataLoader a = builder(d).shuffle(false).build(); DataLoader b = builder(d).shuffle(false).seed(124).build()) {
            List<Batch> ra = run(a, 0);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ra.get(0).sampleIndices());
            List<Batch> rb = run(b, 0);
            assertArrayEquals(ra.get(0).sampleIndices(), rb.get(0).sampleIndices());
            assertFalse(Arrays.equals(ra.get(0).points(), rb.get(0).points()), "another seed draws other subsets");
        }
    }

    @Test
    void pointsAreLaidOutAsBN3() {
        TestData.InMemory d = TestData.labelled("toy", "s", new int[] {3}, 5);
        try (DataLoader loader = DataLoader.builder(d).batchSize(3).build()) {
            Batch b = run(loader, 0).get(0);
            for (int s = 0; s < 3; s++) {
                float[] xyz = d.samples().get(s).points().xyz();
                assertArrayEquals(xyz, Arrays.copyOfRange(b.points(), s * 15, s * 15 + 15));
            }
        }
    }

    @Test
    void mixedPointCountsInABatchAreAClearError() {
        List<Sample> samples = List.of(new Sample(TestData.randomCloud(10, 1, 0), 0, "a"),
                new Sample(TestData.randomCloud(12, 2, 0), 0, "b"));
        TestData.InMemory d = new TestData.InMemory("mixed", samples, List.of("c"));
        try (DataLoader loader = DataLoader.builder(d).batchSize(2).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(loader, 0));
            assertTrue(e.getMessage().contains("'b' has 12 points") && e.getMessage().contains("'a' has 10"), e.getMessage());
        }
    }

    @Test
    void readErrorsSurfaceWithTheFileName() {
        PointCloudDataset broken = new PointCloudDataset() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public Sample get(int index) throws IOException {
                if (index == 2) {
                    throw new NoSuchFileException("/data/chair_0002.pcd");
                }
                return new Sample(new PointCloud(new float[] {index, 0, 0}), 0, "s" + index);
            }

            @Override
            public List<String> classNames() {
                return List.of("c");
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        for (int threads : new int[] {0, 2}) {
            try (DataLoader loader = DataLoader.builder(broken).batchSize(2).threads(threads).build()) {
                var it = loader.epoch(0).iterator();
                assertEquals(2, it.next().size());
                UncheckedIOException e = assertThrows(UncheckedIOException.class, it::next);
                assertTrue(e.getCause().getMessage().contains("chair_0002.pcd"));
            }
        }
        // A transform failure names the sample.
        try (DataLoader loader = DataLoader.builder(broken).batchSize(2).transform(Transforms.head(5)).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loader.epoch(0).iterator().next());
            assertTrue(e.getMessage().contains("'s0'") && e.getMessage().contains("head(5)"), e.getMessage());
        }
    }

    private static void assertBatchesEqual(List<Batch> a, List<Batch> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).sampleIndices(), b.get(i).sampleIndices(), "batch " + i);
            assertArrayEquals(a.get(i).points(), b.get(i).points(), "batch " + i);
            assertArrayEquals(a.get(i).labels(), b.get(i).labels(), "batch " + i);
            assertEquals(a.get(i).ids(), b.get(i).ids());
        }
    }
}
