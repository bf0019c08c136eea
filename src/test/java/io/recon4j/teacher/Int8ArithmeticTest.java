package io.recon4j.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int8Arithmetic: which CPU int8 path a quantized teacher runs on, read from the flags, and how a model is recognised. */
@Tag("fast")
class Int8ArithmeticTest {

    private static final String VNNI_CPU = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni avx_vnni\n";
    private static final String AVX2_CPU = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 fma\n";

    @Test
    void theVnniFlagDecidesTheX86Path() {
        assertEquals(Int8Arithmetic.X86_VNNI, Int8Arithmetic.path("amd64", VNNI_CPU));
        assertEquals(Int8Arithmetic.X86_VNNI, Int8Arithmetic.path("x86_64", "flags : avx2 avx_vnni\n"), "AVX-VNNI alone counts");
        assertEquals(Int8Arithmetic.X86_SATURATING, Int8Arithmetic.path("amd64", AVX2_CPU));
        assertEquals(Int8Arithmetic.X86_SATURATING, Int8Arithmetic.path("amd64", "flags : avx2 vnni_like avx512_vnnix\n"),
                "only whole flag names count");
        assertEquals("x86-unknown", Int8Arithmetic.path("amd64", ""), "no flags to read: not guessed");
        assertEquals("aarch64", Int8Arithmetic.path("aarch64", VNNI_CPU), "flags of another architecture are not read");
    }

    @Test
    void onlyTheSaturatingPathWarns() {
        Path model = Path.of("teacher-int8.onnx");
        String w = Int8Arithmetic.warning(model, Int8Arithmetic.X86_SATURATING);
        assertTrue(w != null && w.contains("teacher-int8.onnx") && w.contains("VNNI"), String.valueOf(w));
        assertNull(Int8Arithmetic.warning(model, Int8Arithmetic.X86_VNNI));
        assertNull(Int8Arithmetic.warning(model, "aarch64"));
    }

    @Test
    void integerOperatorsMarkAQuantizedModel(@TempDir Path dir) throws Exception {
        Path q = dir.resolve("q.onnx");
        Path f = dir.resolve("f.onnx");
        // op_type strings are stored verbatim in the protobuf, between arbitrary bytes
        Files.write(q, concat(new byte[] {8, 7, 0, (byte) 0xff}, "QLinearConv".getBytes(StandardCharsets.US_ASCII), new byte[] {0x12}));
        Files.write(f, concat(new byte[] {8, 7, 0, (byte) 0xff}, "Conv".getBytes(StandardCharsets.US_ASCII), new byte[] {0x12}));
        assertTrue(Int8Arithmetic.quantized(q));
        assertFalse(Int8Arithmetic.quantized(f));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
