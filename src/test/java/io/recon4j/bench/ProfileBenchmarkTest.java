package io.recon4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real fine-tuning step under libtorch's profiler: the trace parses and names the operators a step must run. */
@Tag("slow")
class ProfileBenchmarkTest {

    @Test
    void profilesAFineTuningStepOperatorByOperator(@TempDir Path dir) throws IOException {
        ProfileBenchmark.Options o = new ProfileBenchmark.Options(BenchSize.parse("nano"), Phase.FINETUNE, 2, 10, 1, 1, 40, 7);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String md = ProfileBenchmark.run(o, dir, "test", new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertTrue(Files.size(dir.resolve("trace.json")) > 1000);
        assertTrue(Files.readString(dir.resolve("profile.md")).equals(md));
        OpProfile p = OpProfile.read(dir.resolve("trace.json"));
        assertTrue(p.selfTotalMicros() > 0);
        // forward matmuls, autograd's backward nodes and the optimizer's arithmetic all show up
        assertTrue(p.ops().stream().anyMatch(op -> op.name().startsWith("aten::") && op.name().contains("mm")), md);
        assertTrue(p.ops().stream().anyMatch(op -> op.name().endsWith("Backward0")), md);
        assertTrue(md.contains("| backward |") && md.contains("| **all** |"), md);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("profiled step 1/1"));
    }
}
