package io.recon4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self time per operator from nested trace events, and clear errors for files that are not traces. */
@Tag("fast")
class OpProfileTest {

    private static Map<String, OpProfile.Op> byName(OpProfile p) {
        return p.ops().stream().collect(Collectors.toMap(OpProfile.Op::name, Function.identity()));
    }

    @Test
    void selfTimeExcludesCalledOperatorsAndThreadsAreSeparate() {
        // linear [0, 100) calls addmm [10, 90) which calls copy [20, 30); then add [100, 110) at top level;
        // another thread (autograd) has AddmmBackward0 [5, 55) calling mm [10, 50).
        List<OpProfile.Event> main = List.of(new OpProfile.Event("aten::addmm", 10, 80), new OpProfile.Event("aten::linear", 0, 100),
                new OpProfile.Event("aten::copy_", 20, 10), new OpProfile.Event("aten::add", 100, 10));
        List<OpProfile.Event> autograd = List.of(new OpProfile.Event("AddmmBackward0", 5, 50), new OpProfile.Event("aten::mm", 10, 40));
        OpProfile p = OpProfile.of(List.of(main, autograd));
        Map<String, OpProfile.Op> ops = byName(p);
        assertEquals(20, ops.get("aten::linear").selfMicros(), 1e-9);
        assertEquals(100, ops.get("aten::linear").totalMicros(), 1e-9);
        assertEquals(70, ops.get("aten::addmm").selfMicros(), 1e-9);
        assertEquals(10, ops.get("aten::copy_").selfMicros(), 1e-9);
        assertEquals(10, ops.get("aten::add").selfMicros(), 1e-9);
        assertEquals(10, ops.get("AddmmBackward0").selfMicros(), 1e-9);
        assertEquals(40, ops.get("aten::mm").selfMicros(), 1e-9);
        // self times partition the busy time: 110 on the main thread + 50 on autograd's
        assertEquals(160, p.selfTotalMicros(), 1e-9);
        assertEquals("aten::addmm", p.ops().get(0).name(), "sorted by self time");
    }

    @Test
    void recursiveCallsCountOnceInTotalAndTwiceInCalls() {
        OpProfile p = OpProfile.of(List.of(List.of(new OpProfile.Event("aten::to", 0, 10), new OpProfile.Event("aten::to", 1, 5))));
        OpProfile.Op to = byName(p).get("aten::to");
        assertEquals(2, to.calls());
        assertEquals(10, to.totalMicros(), 1e-9);
        assertEquals(10, to.selfMicros(), 1e-9);
    }

    @Test
    void readsTheProfilerJsonAndRendersPerStepFigures(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, "[\n{\"name\": \"aten::mm\", \"ph\": \"X\", \"ts\": 1.5, \"dur\": 3000.0, \"tid\": 1, "
                + "\"pid\": \"CPU Functions\", \"shape\": [[2, 2]], \"args\": {}},\n"
                + "{\"name\": \"aten::add\", \"ph\": \"X\", \"ts\": 4000.0, \"dur\": 1000.0, \"tid\": 1, \"pid\": \"CPU Functions\"},\n"
                + "{\"name\": \"meta\", \"ph\": \"M\"}\n]");
        OpProfile p = OpProfile.read(trace);
        assertEquals(2, p.ops().size());
        String md = p.toMarkdown(1, 2);
        assertTrue(md.contains("| `aten::mm` | 0.5 | 1.50 | 75.0% | 1.50 |"), md);
        assertTrue(md.contains("| 1 other operators | 0.5 | 0.50 | 25.0% | |"), md);
        assertTrue(md.contains("| **all** | 1.0 | 2.00 | 100% | |"), md);
    }

    @Test
    void aFileThatIsNotATraceSaysWhich(@TempDir Path dir) throws IOException {
        Path notJson = dir.resolve("a.json");
        Files.writeString(notJson, "{\"x\": ");
        IOException e = assertThrows(IOException.class, () -> OpProfile.read(notJson));
        assertTrue(e.getMessage().contains("a.json"), e.getMessage());
        Path object = dir.resolve("b.json");
        Files.writeString(object, "{\"x\": 1}");
        e = assertThrows(IOException.class, () -> OpProfile.read(object));
        assertTrue(e.getMessage().contains("expected a JSON array of trace events"), e.getMessage());
        Path noDur = dir.resolve("c.json");
        Files.writeString(noDur, "[{\"name\": \"aten::mm\", \"ph\": \"X\", \"ts\": 1}]");
        e = assertThrows(IOException.class, () -> OpProfile.read(noDur));
        assertTrue(e.getMessage().contains("event 0 lacks name, ts or dur"), e.getMessage());
    }
}
