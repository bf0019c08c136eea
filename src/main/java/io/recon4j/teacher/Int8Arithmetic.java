package io.recon4j.teacher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which integer arithmetic ONNX Runtime's CPU kernels give a quantized (int8) model on this machine. On x86 without
 * VNNI they multiply u8 × s8 pairs with {@code VPMADDUBSW}, whose 16-bit sums saturate, so the same file and input give
 * other outputs than on a VNNI CPU (measured on the ImageNet MobileNetV2 teacher: logits correlated only 0.70–0.86,
 * top-1 changed on 7 of 10 shapes; docs/teachers.md). The path is therefore part of a quantized teacher's identity,
 * hence of its feature-cache key: a cache never mixes the two.
 */
final class Int8Arithmetic {

    /** ONNX operators that compute in integers; their names are stored verbatim in the model file. */
    static final List<String> INTEGER_OPS = List.of("QLinearConv", "ConvInteger", "QLinearMatMul", "MatMulInteger",
            "QGemm", "DynamicQuantizeLinear");

    /** x86 with VNNI ({@code VPDPBUSD}): exact 32-bit accumulation. */
    static final String X86_VNNI = "x86-vnni";
    /** x86 without VNNI: 16-bit intermediate sums that can saturate. */
    static final String X86_SATURATING = "x86-no-vnni";

    private static final Set<String> VNNI_FLAGS = Set.of("avx512_vnni", "avx_vnni");

    private Int8Arithmetic() {
    }

    /** @return whether the ONNX file uses an integer operator (a byte search for their names: no protobuf parser) */
    static boolean quantized(Path onnx) throws IOException {
        String bytes = new String(Files.readAllBytes(onnx), StandardCharsets.ISO_8859_1);
        return INTEGER_OPS.stream().anyMatch(bytes::contains);
    }

    /** @return the int8 arithmetic of this machine: {@link #path(String, String)} of os.arch and /proc/cpuinfo */
    static String here() {
        String cpuinfo = "";
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (Files.isReadable(p)) {
                cpuinfo = Files.readString(p, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException | RuntimeException e) {
            cpuinfo = ""; // unknown flags: reported as such below, never guessed
        }
        return path(System.getProperty("os.arch", ""), cpuinfo);
    }

    /**
     * @param arch the JVM's os.arch
     * @param cpuinfo the text of /proc/cpuinfo ("" where there is none)
     * @return {@link #X86_VNNI}, {@link #X86_SATURATING}, {@code x86-unknown} (no flags to read), or the architecture
     */
    static String path(String arch, String cpuinfo) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (!a.equals("amd64") && !a.equals("x86_64") && !a.equals("x86") && !a.equals("i386")) {
            return a.isEmpty() ? "unknown" : a;
        }
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    if (VNNI_FLAGS.contains(flag)) {
                        return X86_VNNI;
                    }
                }
                return X86_SATURATING;
            }
        }
        return "x86-unknown";
    }

    /** @return a warning for a quantized model on a saturating path, else null */
    static String warning(Path model, String path) {
        return !path.equals(X86_SATURATING) ? null : model.getFileName() + " is quantized (int8) and this x86 CPU has no VNNI: "
                + "ONNX Runtime's int8 kernels saturate 16-bit sums here, so its outputs differ from a VNNI machine's "
                + "(the feature cache keeps them apart; compare results across machines with care)";
    }
}
