package io.recon4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fashion-MNIST loader on folders the test writes: both splits, normalisation, and split-level defects. */
@Tag("fast")
class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothSplitsNormalisedWithTheTrainConstants() throws IOException {
        IdxFiles.fashionLike(dir, 30, 20, true);
        assertTrue(FashionMnist.isPresent(dir));
        ImageDataset train = FashionMnist.train(dir);
        ImageDataset test = FashionMnist.test(dir);
        assertEquals(30, train.size());
        assertEquals(20, test.size());
        assertEquals(FashionMnist.CLASSES, train.classNames());
        assertEquals(10, train.classNames().size());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, train.labels(0, 12));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = test.images(m, 3, 5);
            assertEquals(new Shape(2, 1, 28, 28), x.getShape());
            float[] v = x.toFloatArray();
            // Image 3 is class 3: 200 in column 3 of every row; column 20 is background (0) in row 0.
            assertEquals((200 / 255f - FashionMnist.MEAN) / FashionMnist.STD, v[3], 1e-6);
            assertEquals((0 - FashionMnist.MEAN) / FashionMnist.STD, v[20], 1e-6);
        }
    }

    @Test
    void plainFilesWorkToo() throws IOException {
        IdxFiles.fashionLike(dir, 12, 10, false);
        assertEquals(12, FashionMnist.train(dir).size());
        assertEquals(10, FashionMnist.test(dir).size());
    }

    @Test
    void imagesAndLabelsMustAgree() throws IOException {
        IdxFiles.fashionLike(dir, 12, 10, false);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, IdxFiles.idx(new int[] {9}, new byte[9]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.test(dir));
        assertEquals(labels, e.file());
        assertEquals("byte 4", e.location());
        assertTrue(e.getMessage().contains("9 labels, but " + dir.resolve("t10k-images-idx3-ubyte") + " holds 10 images"),
                e.getMessage());
    }

    @Test
    void labelsOutsideTheTenClassesAreRefusedWithTheirOffset() throws IOException {
        IdxFiles.fashionLike(dir, 12, 10, false);
        byte[] bad = new byte[12];
        bad[7] = 12;
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(labels, IdxFiles.idx(new int[] {12}, bad));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.train(dir));
        assertEquals("byte 15", e.location(), "8 header bytes + index 7");
        assertTrue(e.getMessage().contains("label 12 of image 7; expected 0..9"), e.getMessage());
    }

    @Test
    void aMissingFolderSaysHowToInstallTheData() {
        Path missing = dir.resolve("nowhere");
        assertFalse(FashionMnist.isPresent(missing));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FashionMnist.train(missing));
        assertTrue(e.getMessage().contains("neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz in " + missing),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
    }
}
