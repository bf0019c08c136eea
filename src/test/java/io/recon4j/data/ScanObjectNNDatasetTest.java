package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ScanObjectNN on small HDF5 files written with jhdf in the official layout. */
@Tag("fast")
class ScanObjectNNDatasetTest {

    @TempDir
    Path root;

    /** @return data (S, N, 3) with data[s][i][c] = 1000 s + 10 i + c + offset (raw, not normalised) */
    private static float[][][] data(int samples, int points, float offset) {
        float[][][] d = new float[samples][points][3];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < points; i++) {
                for (int c = 0; c < 3; c++) {
                    d[s][i][c] = 1000f * s + 10f * i + c + offset;
                }
            }
        }
        return d;
    }

    private static void writeH5(Path file, float[][][] data, int[] labels) throws IOException {
        Files.createDirectories(file.getParent());
        try (WritableHdfFile h = HdfFile.write(file)) {
            h.putDataset("data", data);
            h.putDataset("label", labels);
            h.putDataset("mask", new int[data.length][data[0].length]);
        }
    }

    @Test
    void readsEveryVariantFromTheOfficialFolders() throws IOException {
        writeH5(root.resolve("main_split/training_objectdataset.h5"), data(3, 16, 0), new int[] {0, 14, 7});
        writeH5(root.resolve("main_split/test_objectdataset.h5"), data(2, 16, 0), new int[] {3, 4});
        writeH5(root.resolve("main_split_nobg/training_objectdataset.h5"), data(4, 16, 0.5f), new int[] {1, 1, 2, 2});
        writeH5(root.resolve("main_split/training_objectdataset_augmentedrot_scale75.h5"), data(5, 16, 0.25f),
                new int[] {5, 6, 7, 8, 9});
        ScanObjectNNDataset bg = ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.OBJ_BG, Split.TRAIN);
        assertEquals(3, bg.size());
        assertEquals(List.of(0, 14, 7), List.of(bg.labelOf(0), bg.labelOf(1), bg.labelOf(2)));
        Sample s = bg.get(2);
        assertEquals(7, s.label());
        assertEquals("OBJ_BG/train/00002", s.id());
        assertEquals(16, s.points().size());
        // Raw coordinates, untouched: no normalisation for ScanObjectNN.
        assertEquals(2000f + 10f * 5 + 1, s.points().get(5, 1), 0f);
        assertEquals("scanobjectnn-obj_bg/train", bg.name());
        assertEquals(2, ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.OBJ_BG, Split.TEST).size());
        ScanObjectNNDataset only = ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.OBJ_ONLY, Split.TRAIN);
        assertEquals(4, only.size());
        assertEquals(0.5f, only.get(0).points().get(0, 0), 0f);
        ScanObjectNNDataset hard = ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.PB_T50_RS, Split.TRAIN);
        assertEquals(5, hard.size());
        assertEquals(9, hard.get(4).label());
        assertEquals("table", hard.classNames().get(9));
        // The root may also be the variant's folder itself.
        assertEquals(4, ScanObjectNNDataset.load(root.resolve("main_split_nobg"), ScanObjectNNDataset.Variant.OBJ_ONLY,
                Split.TRAIN).size());
    }

    @Test
    void classNamesInOfficialOrder() {
        assertEquals(List.of("bag", "bin", "box", "cabinet", "chair", "desk", "display", "door", "shelf", "table", "bed",
                "pillow", "sink", "sofa", "toilet"), ScanObjectNNDataset.CLASS_NAMES);
    }

    @Test
    void missingFileListsWhereItLooked() throws IOException {
        Files.createDirectories(root.resolve("main_split"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.PB_T50_RS, Split.TEST));
        assertTrue(e.getMessage().contains("main_split/test_objectdataset_augmentedrot_scale75.h5")
                && e.getMessage().contains("main_split/"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsRejected() throws IOException {
        writeH5(root.resolve("main_split/test_objectdataset.h5"), data(2, 4, 0), new int[] {3, 15});
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> ScanObjectNNDataset.load(root, ScanObjectNNDataset.Variant.OBJ_BG, Split.TEST));
        assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("label 15"), e.getMessage());
    }
}
