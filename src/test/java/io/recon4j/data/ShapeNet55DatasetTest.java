package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.Npy;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ShapeNet-55 on a tiny fake tree: shapenet_pc/*.npy and ShapeNet-55/{train,test}.txt. */
@Tag("fast")
class ShapeNet55DatasetTest {

    @TempDir
    Path root;

    private void tree() throws IOException {
        List<String> train = List.of("02691156-aaa1.npy", "04379243-bbb2.npy", "02691156-ccc3.npy");
        List<String> test = List.of("04554684-ddd4.npy", "03001627-eee5.npy");
        Files.createDirectories(root.resolve("ShapeNet-55"));
        Files.write(root.resolve("ShapeNet-55/train.txt"), train);
        Files.write(root.resolve("ShapeNet-55/test.txt"), test);
        Files.createDirectories(root.resolve("shapenet_pc"));
        long seed = 1;
        for (String f : concat(train, test)) {
            Npy.write(root.resolve("shapenet_pc").resolve(f), TestData.randomCloud(256, seed++, 2.0).xyz(), 256, 3);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void taxonomyHas55UniqueSortedSynsets() {
        List<String> s = ShapeNetTaxonomy.synsets();
        assertEquals(55, s.size());
        assertEquals(55, new HashSet<>(s).size());
        assertEquals(55, new HashSet<>(ShapeNetTaxonomy.names()).size());
        assertEquals(s.stream().sorted().toList(), s);
        assertEquals(0, ShapeNetTaxonomy.label("02691156"));
        assertEquals("airplane", ShapeNetTaxonomy.name("02691156"));
        assertEquals("trash bin", ShapeNetTaxonomy.name("02747177"));
        assertEquals(54, ShapeNetTaxonomy.label("04554684"));
        assertEquals("washer", ShapeNetTaxonomy.names().get(54));
        assertEquals(-1, ShapeNetTaxonomy.label("99999999"));
    }

    @Test
    void trainTestAndWholeFollowTheOfficialLists() throws IOException {
        tree();
        ShapeNet55Dataset train = ShapeNet55Dataset.builder(root).build();
        assertEquals(3, train.size());
        assertEquals("02691156-aaa1", train.idOf(0));
        assertEquals(List.of(0, ShapeNetTaxonomy.label("04379243"), 0),
                List.of(train.labelOf(0), train.labelOf(1), train.labelOf(2)));
        assertEquals("table", train.classNames().get(train.labelOf(1)));
        assertEquals("04379243", train.synsetOf(1));
        // Whole = test then train, as the official `lines = test_lines + lines`.
        ShapeNet55Dataset whole = ShapeNet55Dataset.pretraining(root);
        assertEquals("shapenet55/whole", whole.name());
        assertEquals(List.of("04554684-ddd4", "03001627-eee5", "02691156-aaa1", "04379243-bbb2", "02691156-ccc3"),
                java.util.stream.IntStream.range(0, 5).mapToObj(whole::idOf).toList());
        assertEquals(2, ShapeNet55Dataset.builder(root).whole(true).fraction(0.5).build().size(), "int(0.5 * 5) = 2");
        assertEquals(2, ShapeNet55Dataset.builder(root).split(Split.TEST).build().size());
    }

    @Test
    void samplesAreRawAndThePretrainPipelineSubsamplesAndNormalises() throws IOException {
        tree();
        ShapeNet55Dataset d = ShapeNet55Dataset.builder(root).cache(true).build();
        PointCloud raw = d.get(0).points();
        assertEquals(256, raw.size());
        assertEquals(TestData.randomCloud(256, 1, 2.0), raw, "points as stored, no normalisation");
        PointCloud p = DatasetPipelines.shapeNetPretrain(128).apply(raw, new SplittableRandom(0));
        assertEquals(128, p.size());
        double r = 0;
        for (int i = 0; i < p.size(); i++) {
            r = Math.max(r, Math.sqrt(p.get(i, 0) * p.get(i, 0) + p.get(i, 1) * p.get(i, 1) + p.get(i, 2) * p.get(i, 2)));
        }
        assertEquals(1, r, 1e-5);
    }

    @Test
    void badListsAreClearErrors() throws IOException {
        tree();
        Files.write(root.resolve("ShapeNet-55/test.txt"), List.of("04554684-ddd4.npy", "", "12345678-zzz.npy"));
        DatasetFormatException unknown = assertThrows(DatasetFormatException.class,
                () -> ShapeNet55Dataset.builder(root).split(Split.TEST).build());
        assertTrue(unknown.getMessage().contains("test.txt: line 3") && unknown.getMessage().contains("12345678"),
                unknown.getMessage());
        Files.write(root.resolve("ShapeNet-55/test.txt"), List.of("airplane.npy"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> ShapeNet55Dataset.builder(root).split(Split.TEST).build())
                .getMessage().contains("<synset>-<modelid>.npy"));
        Files.write(root.resolve("ShapeNet-55/test.txt"), List.of("02691156-missing.npy"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> ShapeNet55Dataset.builder(root).split(Split.TEST).build())
                .getMessage().contains("02691156-missing.npy"));
        Files.delete(root.resolve("ShapeNet-55/train.txt"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> ShapeNet55Dataset.builder(root).build())
                .getMessage().contains("train.txt"));
        assertTrue(assertThrows(DatasetFormatException.class, () -> ShapeNet55Dataset.builder(root.resolve("nope")).build())
                .getMessage().contains("shapenet_pc"));
    }
}
