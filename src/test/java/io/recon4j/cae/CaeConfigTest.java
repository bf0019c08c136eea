package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.nn.Parameter;
import io.recon4j.nn.ModuleBlock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The official CAE-Base builds with the ViT-B/16 parameter count; small sizes fit Fashion-MNIST. */
@Tag("fast")
class CaeConfigTest {

    static long trainable(ModuleBlock m) {
        return m.stateDict().values().stream().filter(Parameter::requiresGradient).mapToLong(p -> p.getShape().size()).sum();
    }

    @Test
    void baseEncoderHasTheViTB16CountWithQvBiasesAndLayerScale() {
        // timm ViT-B/16 without its 1000-class head has 85,798,656 parameters; CAE's encoder has no learned
        // positions (−197·768), no key biases (−12·768) and two LayerScale vectors per block (+24·768).
        long want = 85_798_656L - 197 * 768 - 12 * 768 + 24 * 768;
        assertEquals(85_656_576L, want);
        assertEquals(want, trainable(new CaeEncoder(CaeConfig.base())));
    }

    @Test
    void basePretrainingModelAddsRegressorDecoderAndTheDvaeSizedHead() {
        long block = 7_088_640L; // one encoder/decoder block of width 768, worked out in the test above
        long regressorBlock = 3 * 768 * 768 + 2 * 768 + (768 * 768 + 768) + (768 * 3072 + 3072) + (3072 * 768 + 768)
                + 4 * 2 * 768 + 2 * 768;
        long regressor = 4 * regressorBlock + 2 * 768;
        long decoder = 4 * block + 2 * 768 + 768 * 8192 + 8192;
        long want = 85_656_576L + regressor + decoder + 768;
        assertEquals(148_681_472L, want);
        assertEquals(want, trainable(new ContextAutoencoder(CaeConfig.base(), 8192)));
    }

    @Test
    void maskDefaultsFollowTheOfficialRatios() {
        CaeConfig base = CaeConfig.base();
        assertEquals(196, base.numPatches());
        assertEquals(98, base.defaultMaskCount());
        assertEquals(16, base.defaultMinBlockPatches());
        CaeConfig tiny = CaeConfig.tiny();
        assertEquals(49, tiny.numPatches());
        assertEquals(24, tiny.defaultMaskCount());
        assertEquals(4, tiny.defaultMinBlockPatches());
        assertEquals(16, tiny.patchPixels());
    }

    @Test
    void sizesByNameAndBadShapesRefused() {
        assertEquals(CaeConfig.tiny(), CaeConfig.of("TINY"));
        assertThrows(IllegalArgumentException.class, () -> CaeConfig.of("huge"));
        assertThrows(IllegalArgumentException.class, () -> CaeConfig.tiny().withInput(30, 1));
        assertEquals(64, CaeConfig.tiny().withInput(32, 3).numPatches());
    }
}
