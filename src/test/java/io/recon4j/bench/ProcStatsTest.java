package io.recon4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ProcStats.describeCpu: a benchmark's machine line tells CPU generations apart, not just "AMD EPYC". */
@Tag("fast")
class ProcStatsTest {

    @Test
    void theMachineLineNamesFamilyModelAndSimdLevels() {
        String vnni = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni\nprocessor\t: 1\nmodel name\t: AMD EPYC\n";
        assertEquals("AMD EPYC (family 26, model 2; AVX2, AVX-512, VNNI)", ProcStats.describeCpu(vnni, "amd64"));
        String avx2 = "cpu family\t: 25\nmodel\t\t: 1\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2 fma\n";
        assertEquals("AMD EPYC (family 25, model 1; AVX2)", ProcStats.describeCpu(avx2, "amd64"));
        assertEquals("AMD EPYC", ProcStats.describeCpu("model name : AMD EPYC\n", "amd64"), "nothing more known: nothing added");
        assertEquals("aarch64", ProcStats.describeCpu("processor : 0\nBogoMIPS : 50\n", "aarch64"), "no model name: the architecture");
    }
}
