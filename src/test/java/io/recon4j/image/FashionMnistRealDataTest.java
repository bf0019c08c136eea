package io.recon4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real Fashion-MNIST of Debian's dataset-fashion-mnist package, in {@link FashionMnist#DEFAULT_DIR}. */
@Tag("shared")
class FashionMnistRealDataTest {

    @BeforeAll
    static void present() {
        assumeTrue(FashionMnist.isPresent(FashionMnist.DEFAULT_DIR), FashionMnist.DEFAULT_DIR
                + " does not hold Fashion-MNIST: skipping the real-data test (apt-get install -y dataset-fashion-mnist)");
    }

    @Test
    void splitsAreBalancedAndTheNormalisationConstantsAreTheTrainStatistics() throws IOException {
        ImageDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR);
        ImageDataset test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        assertEquals(FashionMnist.TRAIN_SIZE, train.size());
        assertEquals(FashionMnist.TEST_SIZE, test.size());
        int[] perClass = new int[10];
        for (int label : train.labels(0, train.size())) {
            perClass[label]++;
        }
        int[] six = new int[10];
        java.util.Arrays.fill(six, 6000);
        assertArrayEquals(six, perClass, "6,000 training images per class");
        ImageDataset.ChannelStats s = train.channelStats();
        assertEquals(FashionMnist.MEAN, s.mean()[0], 1e-6);
        assertEquals(FashionMnist.STD, s.std()[0], 1e-6);
        ImageDataset.ChannelStats t = test.channelStats();
        assertEquals(0.286850, t.mean()[0], 1e-6, "documented test-split mean");
        assertEquals(0.352444, t.std()[0], 1e-6, "documented test-split std");
        assertEquals(9, train.label(0), "the first training image is an ankle boot");
    }
}
