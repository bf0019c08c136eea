package io.recon4j.pth;

import static io.recon4j.pth.PthFixtureTest.bits;
import static io.recon4j.pth.PthTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fixture")
class PthWriterTest {

    @TempDir
    Path dir;

    private static PthTensor iota(int n, long... shape) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return PthTensor.ofFloats(v, shape);
    }

    @Test
    void roundTripIsBitIdentical() throws IOException {
        Map<String, PthTensor> sd = new LinkedHashMap<>();
        sd.put("w", PthTensor.ofFloats(new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY}, 2, 3));
        sd.put("scalar", PthTensor.ofFloats(new float[] {37.5f}));
        sd.put("bn.num_batches_tracked", PthTensor.ofLongs(new long[] {1}));
        sd.put("big", PthTensor.ofLongs(new long[] {Long.MIN_VALUE, -1, 1L << 40}, 3));
        sd.put("empty", PthTensor.ofFloats(new float[0], 0, 4));
        Path f = dir.resolve("tiny.pth");
        PthWriter.writeStateDict(f, sd);

        StateDict back = StateDict.read(f);
        assertEquals(new ArrayList<>(sd.keySet()), new ArrayList<>(back.keys()));
        assertArrayEquals(bits(sd.get("w").toFloats()), bits(back.get("w").toFloats()));
        assertArrayEquals(new long[] {2, 3}, back.get("w").shape());
        assertEquals(0, back.get("scalar").rank());
        assertArrayEquals(new float[] {37.5f}, back.get("scalar").toFloats());
        assertEquals(PthDType.INT64, back.get("bn.num_batches_tracked").dtype());
        assertArrayEquals(new long[] {1}, back.get("bn.num_batches_tracked").toLongs());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 1L << 40}, back.get("big").toLongs());
        assertArrayEquals(new long[] {0, 4}, back.get("empty").shape());
        assertEquals(0, back.get("empty").toFloats().length);

        // torch.save layout: folder = file stem, STORED, 64-byte aligned data, version 3, one storage per tensor
        List<PthTestSupport.Layout> layout = PthTestSupport.layout(f);
        assertEquals(List.of("tiny/data.pkl", "tiny/byteorder", "tiny/data/0", "tiny/data/1", "tiny/data/2", "tiny/data/3",
                "tiny/data/4", "tiny/version"), layout.stream().map(PthTestSupport.Layout::name).collect(Collectors.toList()));
        for (PthTestSupport.Layout e : layout) {
            assertEquals(0, e.method(), e.name() + " must be STORED");
            assertEquals(0, e.dataOffset() % 64, e.name() + " data must start on a 64-byte boundary");
        }
        Map<String, byte[]> entries = PthTestSupport.unzip(f);
        assertEquals("3\n", new String(entries.get("tiny/version"), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("little", new String(entries.get("tiny/byteorder"), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(24, entries.get("tiny/data/0").length);
        assertEquals(0x3fc00000, ByteBuffer.wrap(entries.get("tiny/data/0")).order(ByteOrder.LITTLE_ENDIAN).getInt(0), "1.5f little-endian");
        assertEquals(0x80, entries.get("tiny/data.pkl")[0] & 0xff);
        assertEquals(2, entries.get("tiny/data.pkl")[1], "pickle protocol 2 like torch.save");
    }

    @Test
    void rewritingARealCheckpointKeepsEveryTensorAndTheOptimizerState() throws IOException {
        StateDict official = StateDict.read(fixture("finetune_ckpt_official_layout.pth"));
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("base_model", official.asMap());
        entries.putAll(official.extras());
        Path f = dir.resolve("ckpt-last.pth");
        PthWriter.writeCheckpoint(f, entries);

        StateDict back = StateDict.read(f);
        assertEquals(new ArrayList<>(official.keys()), new ArrayList<>(back.keys()));
        for (String k : official.keys()) {
            PthTensor a = official.get(k);
            PthTensor b = back.get(k);
            assertArrayEquals(a.shape(), b.shape(), k);
            if (a.dtype() == PthDType.INT64) {
                assertArrayEquals(a.toLongs(), b.toLongs(), k);
            } else {
                assertArrayEquals(bits(a.toFloats()), bits(b.toFloats()), k);
            }
        }
        assertEquals(official.extras().keySet(), back.extras().keySet());
        assertEquals(official.extras().get("optimizer"), back.extras().get("optimizer"), "dicts, lists, floats, None, bools");
        assertEquals(0L, back.extras().get("epoch"));
        Map<?, ?> group = (Map<?, ?>) ((List<?>) ((Map<?, ?>) back.extras().get("optimizer")).get("param_groups")).get(0);
        assertInstanceOf(PyTuple.class, group.get("betas"), "tuples read from a checkpoint are written back as tuples");
        PthObject root = PthFile.read(f);
        assertEquals(37.5, root.get("metrics").get("acc").asDouble());
        assertEquals(PthDType.FLOAT32, root.get("best_metrics").get("acc").asTensor().dtype());
    }

    @Test
    void sharedStorageAndNonContiguousStridesSurviveARoundTrip() throws IOException {
        // one storage of 24 floats 0..23 viewed by three tensors at different offsets
        ByteBuffer b = ByteBuffer.allocate(24 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 24; i++) {
            b.putFloat(4 * i, i);
        }
        Storage shared = Storage.wrap(PthDType.FLOAT32, b);
        Map<String, PthTensor> sd = new LinkedHashMap<>();
        sd.put("rows", new PthTensor(shared, 2, new long[] {2, 3}, new long[] {3, 1}));        // contiguous at offset 2
        sd.put("transposed", new PthTensor(shared, 5, new long[] {3, 2}, new long[] {1, 3})); // column-major view
        sd.put("broadcast", new PthTensor(shared, 20, new long[] {2, 2}, new long[] {0, 1})); // stride 0 (expand)
        sd.put("own", iota(4, 4));
        float[] rows = {2, 3, 4, 5, 6, 7};
        float[] transposed = {5, 8, 6, 9, 7, 10};
        float[] broadcast = {20, 21, 20, 21};
        assertArrayEquals(transposed, sd.get("transposed").toFloats());
        assertFalse(sd.get("transposed").isContiguous());

        Path f = dir.resolve("shared.pth");
        PthWriter.writeStateDict(f, sd);
        Map<String, byte[]> entries = PthTestSupport.unzip(f);
        assertEquals(List.of("shared/data.pkl", "shared/byteorder", "shared/data/0", "shared/data/1", "shared/version"),
                new ArrayList<>(entries.keySet()), "the shared storage is written once");
        assertEquals(24 * 4, entries.get("shared/data/0").length);

        StateDict back = StateDict.read(f);
        assertArrayEquals(rows, back.get("rows").toFloats());
        assertArrayEquals(transposed, back.get("transposed").toFloats());
        assertArrayEquals(broadcast, back.get("broadcast").toFloats());
        assertArrayEquals(new float[] {0, 1, 2, 3}, back.get("own").toFloats());
        PthTensor t = back.get("transposed");
        assertSame(back.get("rows").storage(), t.storage(), "repeated storage key resolves to the same data");
        assertSame(back.get("broadcast").storage(), t.storage());
        assertEquals(5, t.storageOffset());
        assertArrayEquals(new long[] {1, 3}, t.stride());
        assertTrue(back.get("own").storage() != t.storage());
    }

    @Test
    void replacingAnExistingFileLeavesNoTempFiles() throws IOException {
        Path f = dir.resolve("model.pth");
        PthWriter.writeStateDict(f, Map.of("a", iota(3, 3)));
        PthWriter.writeStateDict(f, Map.of("b", iota(5, 5)));
        assertEquals(List.of("b"), new ArrayList<>(StateDict.read(f).keys()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.collect(Collectors.toList()));
        }
    }

    @Test
    void unsupportedValuesAreRefusedBeforeAnythingIsWritten() {
        Path f = dir.resolve("bad.pth");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("meta", Map.of("when", new java.util.Date()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PthWriter.writeCheckpoint(f, entries));
        assertTrue(e.getMessage().contains("root['meta']['when']"), e.getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void factoriesCheckShapeAgainstData() {
        assertThrows(IllegalArgumentException.class, () -> PthTensor.ofFloats(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PthTensor.ofLongs(new long[0], -1));
        assertThrows(IllegalStateException.class, () -> PthTensor.ofLongs(new long[1]).toFloats());
        assertThrows(IllegalStateException.class, () -> PthTensor.ofFloats(new float[1]).toLongs());
        assertEquals("[2, 3]", Arrays.toString(iota(6, 2, 3).shape()));
    }
}
