package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The trained CAE a {@code recon cae analyze} command reads, and the Fashion-MNIST test images. */
final class TrainedCae {

    @Option(names = "--checkpoint", required = true, description = "recon4j CAE checkpoint (pretrained.pth).")
    Path checkpoint;

    @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}).")
    Path data = FashionMnist.DEFAULT_DIR;

    /** Refuses a missing checkpoint before any image is read. */
    void check() {
        InputFiles.checkpoint(checkpoint);
    }

    /** @return the normalised test split */
    ImageDataset test() throws IOException {
        return FashionMnist.test(data);
    }

    /** @return the encoder, after checking the file exists */
    CaeEncoder encoder(NDManager manager) throws IOException {
        check();
        return CaeEncoder.fromCheckpoint(checkpoint, manager);
    }
}
