package io.recon4j.pth;

import static io.recon4j.pth.PthTestSupport.ascii;
import static io.recon4j.pth.PthTestSupport.fixture;
import static io.recon4j.pth.PthTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pickle interpreter on Python-made pickles, and every kind of bad input. */
@Tag("fixture")
class PthReaderSafetyTest {

    @TempDir
    Path dir;

    /**
     * Made by CPython 3.11 + NumPy 2.4: {@code pickle.dumps(obj, protocol=2)} of {'epoch': 5, 'acc': np.float64(93.5),
     * 'acc32': np.float32(1.25), 'n': np.int64(-7), 'flag': np.bool_(True), 'args': argparse.Namespace(lr=0.001, name='x'),
     * 'tags': {'a'}, 'frozen': frozenset([1]), 'big': 2**70, 'neg': -5, 'int32': -100000, 'bytes': b'\x00\xff',
     * 'tuple': (1, 'a', None), 'nested': [[1.5], {'k': False}], 'uni': 'π'}.
     */
    private static final String PROTOCOL_2 = "80027d710028580500000065706f636871014b0558030000006163637102636e756d70792e5f636f72652e6d756c746961727261790a7363616c61720a7103636e756d70790a64747970650a71045802000000663871058988877106527107284b0358010000003c71084e4e4e4affffffff4affffffff4b0074710962635f636f646563730a656e636f64650a710a58080000000000000000605740710b58060000006c6174696e31710c86710d52710e86710f527110580500000061636333327111680368045802000000663471128988877113527114284b0368084e4e4e4affffffff4affffffff4b0074711562680a58050000000000c2a03f7116680c86711752711886711952711a58010000006e711b6803680458020000006938711c898887711d52711e284b0368084e4e4e4affffffff4affffffff4b0074711f62680a5810000000c3b9c3bfc3bfc3bfc3bfc3bfc3bfc3bf7120680c8671215271228671235271245804000000666c61677125680368045802000000623171268988877127527128284b0358010000007c71294e4e4e4affffffff4affffffff4b0074712a62680a580100000001712b680c86712c52712d86712e52712f58040000006172677371306361726770617273650a4e616d6573706163650a7131298171327d71332858020000006c727134473f50624dd2f1a9fc58040000006e616d657135580100000078713675625804000000746167737137635f5f6275696c74696e5f5f0a7365740a71385d7139580100000061713a6185713b52713c580600000066726f7a656e713d635f5f6275696c74696e5f5f0a66726f7a656e7365740a713e5d713f4b0161857140527141580300000062696771428a0900000000000000004058030000006e656771434afbffffff5805000000696e74333271444a6079feff580500000062797465737145680a580300000000c3bf7146680c86714752714858050000007475706c6571494b01683a4e87714a58060000006e6573746564714b5d714c285d714d473ff8000000000000617d714e58010000006b714f8973655803000000756e6971505802000000cf807151752e";

    /** The same object with {@code protocol=4} (FRAME, MEMOIZE, STACK_GLOBAL, SHORT_BINUNICODE, EMPTY_SET, FROZENSET...). */
    private static final String PROTOCOL_4 = "800495f6010000000000007d94288c0565706f6368944b058c03616363948c166e756d70792e5f636f72652e6d756c74696172726179948c067363616c61729493948c056e756d7079948c0564747970659493948c02663894898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494624308000000000060574094869452948c05616363333294680568088c02663494898887945294284b03680c4e4e4e4affffffff4affffffff4b0074946243040000a03f94869452948c016e94680568088c02693894898887945294284b03680c4e4e4e4affffffff4affffffff4b007494624308f9ffffffffffffff94869452948c04666c616794680568088c02623194898887945294284b038c017c944e4e4e4affffffff4affffffff4b0074946243010194869452948c0461726773948c086172677061727365948c094e616d6573706163659493942981947d94288c026c7294473f50624dd2f1a9fc8c046e616d65948c01789475628c0474616773948f94288c016194908c0666726f7a656e94284b0191948c03626967948a090000000000000000408c036e6567944afbffffff8c05696e743332944a6079feff8c05627974657394430200ff948c057475706c65944b0168354e87948c066e6573746564945d94285d94473ff8000000000000617d948c016b948973658c03756e69948c02cf8094752e";

    private Path checkpoint(String name, byte[] pickle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/version", ascii("3\n"));
        return PthTestSupport.zip(dir.resolve(name), entries);
    }

    private void assertPythonObject(Map<Object, Object> m) {
        assertEquals(List.of("epoch", "acc", "acc32", "n", "flag", "args", "tags", "frozen", "big", "neg", "int32", "bytes",
                "tuple", "nested", "uni"), List.copyOf(m.keySet()));
        assertEquals(5L, m.get("epoch"));
        assertEquals(93.5, m.get("acc"));
        assertEquals(1.25, m.get("acc32"));
        assertEquals(-7L, m.get("n"));
        assertEquals(Boolean.TRUE, m.get("flag"));
        assertEquals(Map.of("lr", 0.001, "name", "x"), m.get("args"));
        assertEquals(Set.of("a"), m.get("tags"));
        assertEquals(Set.of(1L), m.get("frozen"));
        assertEquals(BigInteger.ONE.shiftLeft(70), m.get("big"));
        assertEquals(-5L, m.get("neg"));
        assertEquals(-100000L, m.get("int32"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) m.get("bytes"));
        assertEquals(Arrays.asList(1L, "a", null), m.get("tuple"));
        assertEquals(List.of(List.of(1.5), Map.of("k", false)), m.get("nested"));
        assertEquals("π", m.get("uni"));
    }

    @Test
    void readsWhatCPythonPicklesWithProtocols2To5() throws IOException {
        assertPythonObject(PthFile.read(checkpoint("p2.pth", hex(PROTOCOL_2))).asMap());
        assertPythonObject(PthFile.read(checkpoint("p4.pth", hex(PROTOCOL_4))).asMap());
        byte[] p5 = hex(PROTOCOL_4);
        p5[1] = 5; // identical opcodes at protocol 5 for this object
        assertPythonObject(PthFile.read(checkpoint("p5.pth", p5)).asMap());
    }

    @Test
    void refusesUnknownGlobalsByNameAndOffset() throws IOException {
        // pickle.dumps of os.system('ls') as an attacker would write it, protocol 2
        byte[] evil = ascii("\u0080\u0002cos\nsystem\nq\u0000X\u0002\u0000\u0000\u0000lsq\u0001\u0085R.");
        Path f = checkpoint("evil.pth", evil);
        PthFormatException e = assertThrows(PthFormatException.class, () -> PthFile.read(f));
        assertTrue(e.getMessage().contains("'os.system'"), e.getMessage());
        assertEquals("archive/data.pkl byte 2", e.location());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());

        // protocol 4 spelling (STACK_GLOBAL) of builtins.eval
        byte[] evil4 = ascii("\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093.");
        PthFormatException e4 = assertThrows(PthFormatException.class, () -> PthFile.read(checkpoint("evil4.pth", evil4)));
        assertTrue(e4.getMessage().contains("'builtins.eval'") && e4.location().endsWith("byte 18"), e4.getMessage());
    }

    @Test
    void truncatedZipIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("finetune_model.pth"));
        Path half = dir.resolve("half.pth");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));
        PthFormatException e = assertThrows(PthFormatException.class, () -> PthFile.read(half));
        assertTrue(e.getMessage().contains("half.pth") && e.getMessage().contains("zip"), e.getMessage());

        Path tiny = dir.resolve("tiny.pth");
        Files.write(tiny, new byte[] {'P', 'K'});
        e = assertThrows(PthFormatException.class, () -> PthFile.read(tiny));
        assertTrue(e.getMessage().contains("not a zip archive") && e.getMessage().contains("only 2 bytes"), e.getMessage());

        Path legacy = dir.resolve("legacy.pth");
        Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10});
        e = assertThrows(PthFormatException.class, () -> PthFile.read(legacy));
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
    }

    @Test
    void missingPickleOrStorageEntriesAreNamed() throws IOException {
        Path noPickle = PthTestSupport.zip(dir.resolve("nopkl.pth"), Map.of("archive/version", ascii("3\n")));
        PthFormatException e = assertThrows(PthFormatException.class, () -> PthFile.read(noPickle));
        assertTrue(e.getMessage().contains("data.pkl") && e.getMessage().contains("archive/version"), e.getMessage());

        Path ok = dir.resolve("ok.pth");
        PthWriter.writeStateDict(ok, Map.of("w", PthTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));
        Map<String, byte[]> entries = PthTestSupport.unzip(ok);
        entries.remove("ok/data/0");
        Path noStorage = PthTestSupport.zip(dir.resolve("nostorage.pth"), entries);
        e = assertThrows(PthFormatException.class, () -> PthFile.read(noStorage));
        assertTrue(e.getMessage().contains("storage '0'") && e.getMessage().contains("'ok/data/0'"), e.getMessage());
    }

    @Test
    void storageShorterThanTheTensorNamesTheTensorKey() throws IOException {
        Path ok = dir.resolve("short.pth");
        Map<String, PthTensor> sd = new LinkedHashMap<>();
        sd.put("fine", PthTensor.ofFloats(new float[] {1}, 1));
        sd.put("encoder.weight", PthTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        PthWriter.writeStateDict(ok, sd);
        Map<String, byte[]> entries = PthTestSupport.unzip(ok);
        entries.put("short/data/1", Arrays.copyOf(entries.get("short/data/1"), 4 * 4)); // 4 of 6 floats
        Path cut = PthTestSupport.zip(dir.resolve("cut.pth"), entries);
        PthFormatException e = assertThrows(PthFormatException.class, () -> StateDict.read(cut));
        assertEquals("root['encoder.weight']", e.location());
        assertTrue(e.getMessage().contains("needs 6 elements of storage '1'") && e.getMessage().contains("holds only 4"), e.getMessage());

        entries.put("short/data/1", Arrays.copyOf(entries.get("short/data/1"), 7)); // not whole floats
        Path ragged = PthTestSupport.zip(dir.resolve("ragged.pth"), entries);
        e = assertThrows(PthFormatException.class, () -> StateDict.read(ragged));
        assertTrue(e.getMessage().contains("short/data/1") && e.getMessage().contains("7 bytes"), e.getMessage());
    }

    @Test
    void truncatedOrMalformedPicklesGiveTheByteOffset() throws IOException {
        byte[] real = PthTestSupport.unzip(fixture("finetune_model.pth")).get("finetune_model/data.pkl");
        byte[] cut = Arrays.copyOf(real, 1000);
        PthFormatException e = assertThrows(PthFormatException.class, () -> PthFile.read(checkpoint("cut.pth", cut)));
        // the cut falls inside the string of the BINUNICODE opcode at byte 968
        assertEquals("archive/data.pkl byte 968", e.location());
        assertTrue(e.getMessage().contains("runs past the end of the pickle"), e.getMessage());
        PthFormatException atOpcode = assertThrows(PthFormatException.class,
                () -> PthFile.read(checkpoint("cut2.pth", Arrays.copyOf(real, 969))));
        assertTrue(atOpcode.getMessage().contains("pickle ends early"), atOpcode.getMessage());

        // STOP on an empty stack, APPEND to a dict, a memo slot never filled, an unsupported opcode
        assertProblem(ascii("\u0080\u0002."), "byte 2", "stack underflow");
        assertProblem(ascii("\u0080\u0002}K\u0001a."), "byte 5", "APPEND on dict");
        assertProblem(ascii("\u0080\u0002h\u0007."), "byte 2", "memo entry 7");
        assertProblem(ascii("\u0080\u0002I1\n."), "byte 2", "unsupported pickle opcode 0x49 ('I')");
        assertProblem(ascii("\u0080\u0002X\u00ff\u00ff\u00ff\u007f."), "byte 2", "runs past the end");
        assertProblem(ascii("\u0080\u0002}]K\u0001s."), "byte 6", "unhashable dict key or set item of type list");
        // a tensor whose storage argument is not a storage
        assertProblem(ascii("\u0080\u0002ctorch._utils\n_rebuild_tensor_v2\n(K\u0000K\u0000)))\u0089NtR."), "byte 46",
                "argument 1 must be a storage");
    }

    private void assertProblem(byte[] pickle, String at, String text) throws IOException {
        PthFormatException e = assertThrows(PthFormatException.class, () -> PthFile.read(checkpoint("bad.pth", pickle)));
        assertEquals("archive/data.pkl " + at, e.location(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void torchDeviceAndParametersAreRebuilt() throws IOException {
        // {'dev': torch.device('cuda', 0), 'p': Parameter(tensor([2.5]))} written the way torch.save spells it
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("\u0080\u0002}(X\u0003\u0000\u0000\u0000devctorch\ndevice\nX\u0004\u0000\u0000\u0000cudaK\u0000\u0086R"));
        b.writeBytes(ascii("X\u0001\u0000\u0000\u0000pctorch._utils\n_rebuild_parameter\n("));
        b.writeBytes(ascii("ctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000storagectorch\nFloatStorage\n"));
        b.writeBytes(ascii("X\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpuK\u0001tQK\u0000K\u0001\u0085K\u0001\u0085\u0089"));
        b.writeBytes(ascii("ccollections\nOrderedDict\n)RtR\u0088ccollections\nOrderedDict\n)RtRu."));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("x/data.pkl", b.toByteArray());
        entries.put("x/data/0", new byte[] {0, 0, 0x20, 0x40}); // 2.5f
        PthObject root = PthFile.read(PthTestSupport.zip(dir.resolve("dev.pth"), entries));
        assertEquals("cuda:0", root.get("dev").asString());
        PthTensor p = root.get("p").asTensor();
        assertArrayEquals(new float[] {2.5f}, p.toFloats());
        assertEquals(2.5, root.get("p").asDouble());
        PthFormatException e = assertThrows(PthFormatException.class, () -> root.get("dev").asTensor());
        assertTrue(e.getMessage().contains("root['dev']") && e.getMessage().contains("expected a tensor, found str"), e.getMessage());
        e = assertThrows(PthFormatException.class, () -> root.get("missing"));
        assertTrue(e.getMessage().contains("no key 'missing'") && e.getMessage().contains("'dev', 'p'"), e.getMessage());
    }

    @Test
    void stateDictNeedsTensors() throws IOException {
        PthFormatException e = assertThrows(PthFormatException.class,
                () -> StateDict.read(checkpoint("python.pth", hex(PROTOCOL_2))));
        assertTrue(e.getMessage().contains("no state dict") && e.getMessage().contains("'epoch'"), e.getMessage());
        assertTrue(e.getMessage().contains("python.pth"), "the message names the file: " + e.getMessage());
    }

    @Test
    void halfAndBfloat16Widen() {
        assertEquals(1.0f, PthTensor.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, PthTensor.halfToFloat((short) 0xc000));
        assertEquals(65504f, PthTensor.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, PthTensor.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, PthTensor.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(PthTensor.halfToFloat((short) 0x7e00)));
    }
}
