package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.cae.CaeFeatureTsne;
import io.recon4j.image.ImageDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon cae analyze tsne}. */
@Command(name = "tsne", mixinStandardHelpOptions = true,
        description = {"t-SNE of the encoder's features of class-balanced Fashion-MNIST test images,",
            "coloured by class: the cls token (tsne-cls.png) and the mean of the patch tokens",
            "(tsne-patch.png), one panel per encoder. With --random-init a randomly",
            "initialised encoder of the same size is mapped beside the pretrained one. Each",
            "panel reports the leave-one-out k-NN accuracy in the 2-D map and in the features",
            "(tsne.csv). Exact t-SNE (van der Maaten & Hinton 2008), O(N^2) per iteration."})
final class CaeTsneCommand extends ReconCommand {

    @Mixin
    TrainedCae cae;

    @Mixin
    TsneOptions tsne;

    @Mixin
    OutFolder out = OutFolder.required("Output folder");

    @Override
    public Integer call() throws Exception {
        cae.check();
        CaeFeatureTsne.Options o = tsne.options();
        ImageDataset test = cae.test();
        try (NDManager m = NDManager.newBaseManager()) {
            CaeEncoder pretrained = cae.encoder(m);
            List<CaeFeatureTsne.Encoder> encoders = new ArrayList<>(List.of(new CaeFeatureTsne.Encoder("pretrained", pretrained)));
            if (tsne.randomInit) {
                encoders.add(new CaeFeatureTsne.Encoder("random init", CaeEncoder.randomInit(pretrained.config(), o.seed(), m)));
            }
            List<CaeFeatureTsne.Score> scores = CaeFeatureTsne.write(encoders, test, o, out.dir, m);
            out().printf(Locale.ROOT, "%d test images (%d per class), perplexity %.0f, %d iterations; %d-NN accuracy "
                    + "(leave one out):%n", o.samples(), o.samples() / test.classNames().size(), o.perplexity(), o.iterations(), o.k());
            out().print(CaeFeatureTsne.toMarkdown(scores));
        }
        out().println("pictures: " + out.dir.resolve("tsne-cls.png") + ", " + out.dir.resolve("tsne-patch.png") + "; scores: "
                + out.dir.resolve("tsne.csv"));
        out().flush();
        return 0;
    }
}
