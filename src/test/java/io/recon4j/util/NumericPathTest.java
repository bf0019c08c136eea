package io.recon4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumericPath: a run folder says which float path produced it, and a resume on another path is noticed. */
@Tag("fast")
class NumericPathTest {

    @Test
    void theCpuLineNamesFamilyModelAndSimdLevels() {
        String vnni = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni\nprocessor\t: 1\nmodel name\t: AMD EPYC\n";
        assertEquals("AMD EPYC (family 26, model 2; AVX2, AVX-512, VNNI)", NumericPath.describeCpu(vnni, "amd64"));
        String avx2 = "cpu family\t: 25\nmodel\t\t: 1\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2 fma\n";
        assertEquals("AMD EPYC (family 25, model 1; AVX2)", NumericPath.describeCpu(avx2, "amd64"));
        assertEquals("AMD EPYC", NumericPath.describeCpu("model name : AMD EPYC\n", "amd64"), "nothing more known: nothing added");
        assertEquals("aarch64", NumericPath.describeCpu("processor : 0\nBogoMIPS : 50\n", "aarch64"), "no model name: the architecture");
    }

    @Test
    void theLineNamesEveryPartThatChangesTheBits() {
        String line = NumericPath.describe("PyTorch 2.7.1", "cpu()", "2", true, "AMD EPYC");
        assertEquals("PyTorch 2.7.1 on cpu(), 2 intra-op threads, oneMKL shim preloaded; AMD EPYC", line);
        assertTrue(NumericPath.describe("PyTorch 2.7.1", "cpu()", "2", false, "AMD EPYC").contains("shim not preloaded"));
    }

    @Test
    void aResumeOnAnotherPathIsReportedAndEveryStartIsKept(@TempDir Path dir) throws Exception {
        RunFolder run = RunFolder.at(dir);
        String shim = NumericPath.describe("PyTorch 2.7.1", "cpu()", "2", true, "AMD EPYC");
        String plain = NumericPath.describe("PyTorch 2.7.1", "cpu()", "1", false, "AMD EPYC");
        assertNull(NumericPath.record(run, "start", shim), "a fresh run has nothing to differ from");
        assertNull(NumericPath.record(run, "resume at step 50", shim), "same path: nothing to report");
        assertEquals(shim, NumericPath.record(run, "resume at step 100", plain), "the path it ran on before");
        assertEquals(plain, NumericPath.record(run, "resume at step 150", shim), "compared with the latest line");
        List<String> lines = Files.readAllLines(dir.resolve("numerics.txt"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ start: PyTorch.*"), lines.get(0));
        assertTrue(lines.get(2).endsWith(" resume at step 100: " + plain), lines.get(2));
    }

    @Test
    void thisProcessDescribesItself() {
        String line = NumericPath.describe(ai.djl.Device.cpu());
        assertTrue(line.contains(" intra-op threads, oneMKL shim "), line);
        assertTrue(line.contains(NumericPath.cpu()), line);
    }
}
