package io.recon4j.cli;

import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ReconPretrainer;
import picocli.CommandLine.Option;

/** What a configuration builds besides the encoder: the fine-tune head, and the pretraining model's teacher widths. */
final class ModelHeadOptions {

    @Option(names = "--num-classes", paramLabel = "K", defaultValue = "40",
            description = "Number of classes of the fine-tune head (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--head", defaultValue = "full", description = "Head type: full, mlp3 or linear (default ${DEFAULT-VALUE}).")
    String head;

    @Option(names = {"--img-dim"}, defaultValue = "768",
            description = "Image-teacher width of the pretraining model, 0 for none (default ${DEFAULT-VALUE}).")
    int imgDim;

    @Option(names = {"--text-dim"}, defaultValue = "512",
            description = "Text-teacher width of the pretraining model, 0 for none (default ${DEFAULT-VALUE}).")
    int textDim;

    /** @return the fine-tune classifier, heads initialised as PyTorch's defaults (what the official loader fills) */
    ReconClassifier classifier(ReconConfig c) {
        return ReconClassifier.builder(c).setClasses(classes).optHead(HeadType.parse(head))
                .optHeadInit(ReconClassifier.HeadInit.PYTORCH_DEFAULT).build();
    }

    /** @return the pretraining model with the given teacher widths */
    ReconPretrainer pretrainer(ReconConfig c) {
        return ReconPretrainer.builder(c).optImageTeacher(imgDim).optTextTeacher(textDim).build();
    }
}
