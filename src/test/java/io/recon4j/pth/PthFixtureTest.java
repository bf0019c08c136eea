package io.recon4j.pth;

import static io.recon4j.pth.PthTestSupport.README;
import static io.recon4j.pth.PthTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reads the real-PyTorch tiny checkpoints of the parity fixtures (README §5.2, §6, §8.9). */
@Tag("fixture")
class PthFixtureTest {

    private static final String FINETUNE = "finetune_model.pth";
    private static final String FINETUNE_OFFICIAL = "finetune_ckpt_official_layout.pth";
    private static final String PRETRAIN = "pretrain_model.pth";
    private static final String PRETRAIN_OFFICIAL = "pretrain_ckpt_official_layout.pth";

    /** One row of a README §6 key table. */
    record Row(String key, long[] shape, PthDType dtype) {}

    /** Parses the key table of README section {@code heading} (e.g. "### 6.1"). */
    private static List<Row> readmeTable(String heading) throws IOException {
        assumeTrue(Files.isRegularFile(README), README + " not present: skipping");
        List<String> lines = Files.readAllLines(README);
        Pattern row = Pattern.compile("^\\| (\\d+) \\| `([^`]+)` \\| \\(([^)]*)\\) \\| (\\w+) \\|$");
        List<Row> rows = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("### ")) {
                inside = line.startsWith(heading);
                continue;
            }
            Matcher m = row.matcher(line);
            if (inside && m.matches()) {
                assertEquals(rows.size(), Integer.parseInt(m.group(1)), "README row numbering");
                long[] shape = Arrays.stream(m.group(3).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
                rows.add(new Row(m.group(2), shape, m.group(4).equals("int64") ? PthDType.INT64 : PthDType.FLOAT32));
                assertTrue(m.group(4).equals("int64") || m.group(4).equals("float32"), line);
            }
        }
        return rows;
    }

    private static void assertMatchesTable(StateDict sd, List<Row> table) {
        assertEquals(table.stream().map(Row::key).collect(Collectors.toList()), new ArrayList<>(sd.keys()), "key order");
        for (Row r : table) {
            PthTensor t = sd.get(r.key());
            assertArrayEquals(r.shape(), t.shape(), r.key());
            assertEquals(r.dtype(), t.dtype(), r.key());
        }
    }

    private static long float32Values(StateDict sd) {
        return sd.asMap().values().stream().filter(t -> t.dtype() == PthDType.FLOAT32).mapToLong(PthTensor::numel).sum();
    }

    @Test
    void fineTuneModelMatchesReadmeTable() throws IOException {
        StateDict sd = StateDict.read(fixture(FINETUNE));
        assertEquals(92, sd.size());
        assertEquals(976_842L, float32Values(sd));
        assertTrue(sd.extras().isEmpty());
        assertMatchesTable(sd, readmeTable("### 6.1"));

        // spot checks independent of the README parser
        assertEquals(List.of("cls_token", "cls_pos", "img_token"), new ArrayList<>(sd.keys()).subList(0, 3));
        assertArrayEquals(new long[] {1, 1, 96}, sd.get("cls_token").shape());
        assertArrayEquals(new long[] {128, 3, 1}, sd.get("encoder.first_conv.0.weight").shape());
        assertArrayEquals(new long[] {512, 512, 1}, sd.get("encoder.second_conv.0.weight").shape());
        assertArrayEquals(new long[] {288, 96}, sd.get("blocks.blocks.1.attn.qkv.weight").shape());
        assertArrayEquals(new long[] {192, 96}, sd.get("blocks.blocks.0.attn_contrast.kv.weight").shape());
        assertArrayEquals(new long[] {256, 384}, sd.get("cls_head_finetune.0.weight").shape());
        assertArrayEquals(new long[] {10}, sd.get("cls_head_finetune.8.bias").shape());
        assertEquals("cls_head_finetune.8.bias", new ArrayList<>(sd.keys()).get(91));

        // values, against the raw storage bytes decoded independently with Python's struct module
        float[] cls = sd.get("cls_token").toFloats();
        assertEquals(96, cls.length);
        assertEquals(3155850346L, Float.floatToRawIntBits(cls[0]) & 0xffffffffL);
        assertEquals(1021120904L, Float.floatToRawIntBits(cls[1]) & 0xffffffffL);
        assertEquals(3157881678L, Float.floatToRawIntBits(cls[95]) & 0xffffffffL);
        float[] w = sd.get("encoder.first_conv.0.weight").toFloats();
        assertEquals(0.9426368474960327f, w[0]);
        assertEquals(-0.3275671601295471f, w[1]);
        assertEquals(0.5986558198928833f, w[383]);
        float[] b = sd.get("cls_head_finetune.8.bias").toFloats();
        assertEquals(-0.006840670481324196f, b[0]);
        assertEquals(0.008961236104369164f, b[9]);
    }

    @Test
    void batchNormCountersAreZeroDimInt64One() throws IOException {
        StateDict sd = StateDict.read(fixture(FINETUNE));
        List<String> counters = sd.keys().stream().filter(k -> k.endsWith("num_batches_tracked")).collect(Collectors.toList());
        assertEquals(4, counters.size());
        for (String k : counters) {
            PthTensor t = sd.get(k);
            assertEquals(PthDType.INT64, t.dtype(), k);
            assertEquals(0, t.rank(), k);
            assertEquals(1, t.numel(), k);
            assertArrayEquals(new long[] {1}, t.toLongs(), k);
        }
    }

    @Test
    void pretrainModelMatchesReadmeTable() throws IOException {
        StateDict sd = StateDict.read(fixture(PRETRAIN));
        assertEquals(111, sd.size());
        assertEquals(1_170_648L, float32Values(sd));
        assertMatchesTable(sd, readmeTable("### 6.2"));
        assertEquals("mask_token", sd.keys().iterator().next());
        assertArrayEquals(new long[] {24, 96, 1}, sd.get("increase_dim.0.weight").shape());
        assertArrayEquals(new long[] {768, 96}, sd.get("img_proj.weight").shape());
        assertArrayEquals(new long[] {512}, sd.get("text_proj.bias").shape());
        assertArrayEquals(new long[] {1}, sd.get("MAE_encoder.encoder.second_conv.1.num_batches_tracked").toLongs());
    }

    private static void assertSameTensors(StateDict expected, StateDict actual) {
        assertEquals(new ArrayList<>(expected.keys()), new ArrayList<>(actual.keys()));
        for (String k : expected.keys()) {
            PthTensor e = expected.get(k);
            PthTensor a = actual.get(k);
            assertEquals(e.dtype(), a.dtype(), k);
            assertArrayEquals(e.shape(), a.shape(), k);
            if (e.dtype() == PthDType.INT64) {
                assertArrayEquals(e.toLongs(), a.toLongs(), k);
            } else {
                assertArrayEquals(bits(e.toFloats()), bits(a.toFloats()), k);
            }
        }
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void officialFineTuneLayoutHasSameTensorsAndMetadata() throws IOException {
        StateDict raw = StateDict.read(fixture(FINETUNE_OFFICIAL));
        assertEquals(92, raw.size());
        assertTrue(raw.keys().stream().allMatch(k -> k.startsWith("module.")));
        assertSameTensors(StateDict.read(fixture(FINETUNE)), raw.removeModulePrefix());

        assertEquals(List.of("optimizer", "epoch", "metrics", "best_metrics"), new ArrayList<>(raw.extras().keySet()));
        assertEquals(0L, raw.extras().get("epoch"));
        for (String m : List.of("metrics", "best_metrics")) {
            Object acc = ((Map<?, ?>) raw.extras().get(m)).get("acc");
            PthTensor t = assertInstanceOf(PthTensor.class, acc, m);
            assertEquals(PthDType.FLOAT32, t.dtype());
            assertEquals(0, t.rank());
            assertArrayEquals(new float[] {37.5f}, t.toFloats());
        }
        List<?> groups = optimizerGroups(raw);
        assertEquals(3, groups.size());
        assertEquals(List.of(12, 42, 26), groups.stream().map(g -> ((List<?>) ((Map<?, ?>) g).get("params")).size())
                .collect(Collectors.toList()));
        // 'cls' group at 10x the base lr 1e-5; the no-decay group has weight_decay 0
        assertEquals(List.of(1e-4, 1e-5, 1e-5), groups.stream().map(g -> ((Map<?, ?>) g).get("lr")).collect(Collectors.toList()));
        assertEquals(List.of(0.05, 0.0, 0.05),
                groups.stream().map(g -> ((Map<?, ?>) g).get("weight_decay")).collect(Collectors.toList()));
        Map<?, ?> cls = (Map<?, ?>) groups.get(0);
        assertEquals(List.of(0.9, 0.999), cls.get("betas"));
        assertEquals(Boolean.FALSE, cls.get("amsgrad"));
        assertTrue(cls.containsKey("foreach") && cls.get("foreach") == null);
        assertEquals(Map.of(), ((Map<?, ?>) raw.extras().get("optimizer")).get("state"));

        // the same numbers through the PthObject navigation API
        PthObject root = PthFile.read(fixture(FINETUNE_OFFICIAL));
        assertEquals(37.5, root.get("best_metrics").get("acc").asDouble());
        assertEquals(0, root.get("epoch").asLong());
        assertEquals("root['metrics']['acc']", root.get("metrics").get("acc").location());
    }

    private static List<?> optimizerGroups(StateDict sd) {
        return (List<?>) ((Map<?, ?>) sd.extras().get("optimizer")).get("param_groups");
    }

    @Test
    void officialPretrainLayoutHasSameTensorsAndMetadata() throws IOException {
        StateDict raw = StateDict.read(fixture(PRETRAIN_OFFICIAL));
        assertEquals(111, raw.size());
        assertSameTensors(StateDict.read(fixture(PRETRAIN)), raw.removeModulePrefix());
        assertEquals(0L, raw.extras().get("epoch"));
        assertEquals(0.0, ((Map<?, ?>) raw.extras().get("metrics")).get("acc"));
        assertEquals(0.0, ((Map<?, ?>) raw.extras().get("best_metrics")).get("acc"));
        List<?> groups = optimizerGroups(raw);
        assertEquals(3, groups.size());
        List<Integer> sizes = groups.stream().map(g -> ((List<?>) ((Map<?, ?>) g).get("params")).size()).collect(Collectors.toList());
        assertEquals(0, sizes.get(0), "ReCon has no 10x-lr group");
        // 111 entries minus 2 BatchNorms x (running_mean, running_var, num_batches_tracked) = 105 parameters
        assertEquals(105, sizes.get(1) + sizes.get(2));
        assertEquals(0.0, new PthObject(null, "x", ((Map<?, ?>) raw.extras().get("metrics")).get("acc")).asDouble());
    }

    @Test
    void pretrainToFineTuneTransferMatchesSection89() throws IOException {
        StateDict fineTune = StateDict.read(fixture(FINETUNE));
        StateDict transferred = StateDict.read(fixture(PRETRAIN_OFFICIAL))
                .removeModulePrefix()
                .stripPrefixes(StateDict.FINE_TUNE_PREFIXES);

        List<String> missing = transferred.missingKeys(fineTune.keys());
        List<String> expectedMissing = fineTune.keys().stream().filter(k -> k.startsWith("cls_head_finetune.")).collect(Collectors.toList());
        assertEquals(16, expectedMissing.size());
        assertEquals(expectedMissing, missing);

        List<String> unexpected = transferred.unexpectedKeys(fineTune.keys());
        assertEquals(35, unexpected.size());
        assertEquals("mask_token", unexpected.get(0));
        Map<String, Long> byModule = new LinkedHashMap<>();
        for (String k : unexpected.subList(1, unexpected.size())) {
            byModule.merge(k.substring(0, k.indexOf('.')), 1L, Long::sum);
        }
        assertEquals(Map.of("decoder_pos_embed", 4L, "MAE_decoder", 24L, "increase_dim", 2L, "img_proj", 2L, "text_proj", 2L), byModule);

        // everything else maps one-to-one, with the fine-tune shapes
        int used = 0;
        for (String k : fineTune.keys()) {
            if (transferred.contains(k)) {
                assertArrayEquals(fineTune.get(k).shape(), transferred.get(k).shape(), k);
                used++;
            }
        }
        assertEquals(76, used);
        // and the tensors are the pretrain encoder's
        StateDict pretrain = StateDict.read(fixture(PRETRAIN));
        assertArrayEquals(bits(pretrain.get("MAE_encoder.blocks.blocks.1.attn.qkv.weight").toFloats()),
                bits(transferred.get("blocks.blocks.1.attn.qkv.weight").toFloats()));
    }

    @Test
    void fixtureStoragesAreAlignedLikeTorchWrites() throws IOException {
        // documents the layout PthWriter reproduces: STORED entries, data on 64-byte boundaries
        for (PthTestSupport.Layout e : PthTestSupport.layout(fixture(FINETUNE))) {
            assertEquals(0, e.method(), e.name());
            assertEquals(0, e.dataOffset() % 64, e.name());
        }
    }

    @Test
    void prefixStrippingIsExplicitAndRefusesCollisions() throws IOException {
        StateDict pre = StateDict.read(fixture(PRETRAIN));
        StateDict stripped = pre.stripPrefixes("MAE_encoder.");
        assertTrue(stripped.contains("cls_token") && stripped.contains("MAE_decoder.norm.weight") && stripped.contains("mask_token"));
        assertEquals(pre.size(), stripped.size());
        assertEquals(pre.keys(), pre.removeModulePrefix().keys(), "no 'module.' in a bare state dict");

        Map<String, PthTensor> clash = new LinkedHashMap<>();
        clash.put("MAE_encoder.norm.weight", pre.get("MAE_encoder.norm.weight"));
        clash.put("norm.weight", pre.get("MAE_encoder.norm.weight"));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> StateDict.of(clash).stripPrefixes(StateDict.FINE_TUNE_PREFIXES));
        assertTrue(e.getMessage().contains("'MAE_encoder.norm.weight'") && e.getMessage().contains("'norm.weight'"), e.getMessage());
    }
}
