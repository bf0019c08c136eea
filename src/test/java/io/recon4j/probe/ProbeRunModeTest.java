package io.recon4j.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe modes of {@code recon cae probe}: names, defaults and the head each trains. */
@Tag("fast")
class ProbeRunModeTest {

    @Test
    void modesParseByNameAndRefuseOthersByName() {
        assertEquals(ProbeRun.Mode.ATTENTIVE, ProbeRun.Mode.parse(" Attentive "));
        assertEquals("pixels", ProbeRun.Mode.parse("pixels").id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeRun.Mode.parse("knn"));
        assertTrue(e.getMessage().contains("'knn'") && e.getMessage().contains("linear, attentive or pixels"), e.getMessage());
    }

    @Test
    void eachModeTakesItsOwnDefaultScheduleAndHead() {
        assertEquals(ProbeTrainer.Options.attentive(), ProbeRun.Mode.ATTENTIVE.defaults());
        assertEquals(ProbeTrainer.Options.linear(), ProbeRun.Mode.PIXELS.defaults());
        PixelEncoder pixels = new PixelEncoder(1, 28, 28);
        assertTrue(ProbeRun.head(ProbeRun.Mode.PIXELS, pixels, 10) instanceof LinearProbe);
        assertTrue(ProbeRun.head(ProbeRun.Mode.LINEAR, pixels, 10) instanceof LinearProbe);
    }
}
