package io.recon4j.teacher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a tiny TorchScript module by hand, for tests: a TorchScript file is a zip holding the module's Python
 * source ({@code code/__torch__.py}), its attributes pickled ({@code data.pkl}, pickle protocol 2, tensors as
 * {@code torch._utils._rebuild_tensor_v2} over persistent storages in {@code data/<key>}), the constants
 * ({@code constants.pkl}) and a format version. The module computes {@code matmul(flatten(x, 1), weight)}.
 */
final class TorchScriptModels {

    private TorchScriptModels() {
    }

    static final String CODE = String.join("\n",
            "class Model(Module):",
            "  __parameters__ = [\"weight\", ]",
            "  __buffers__ = []",
            "  weight : Tensor",
            "  training : bool",
            "  def forward(self: __torch__.Model,",
            "    x: Tensor) -> Tensor:",
            "    weight = self.weight",
            "    return torch.matmul(torch.flatten(x, 1), weight)",
            "");

    /** Pickle protocol 2, the few opcodes TorchScript's unpickler needs. */
    static final class Pickle {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... codes) {
            for (int c : codes) {
                out.write(c);
            }
            return this;
        }

        Pickle global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            out.write('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /**
     * @param weights (in, dim) row-major
     * @return the .pt file's bytes
     */
    static byte[] linear(int in, int dim, float[] weights, String version) throws IOException {
        Pickle p = new Pickle().op(0x80, 2).global("__torch__", "Model").op(')', 0x81).op('}', '(');
        p.string("training").op(0x89);
        p.string("weight");
        p.global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').string("storage").global("torch", "FloatStorage").string("0").string("cpu").integer((long) in * dim)
                .op('t', 'Q');
        p.integer(0).op('(').integer(in).integer(dim).op('t').op('(').integer(dim).integer(1).op('t').op(0x89)
                .global("collections", "OrderedDict").op(')', 'R', 't', 'R');
        p.op('u', 'b', '.');
        ByteBuffer data = ByteBuffer.allocate(4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights) {
            data.putFloat(w);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            stored(zip, "model/data.pkl", p.bytes());
            stored(zip, "model/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
            stored(zip, "model/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, "model/data/0", data.array());
            stored(zip, "model/version", version.getBytes(StandardCharsets.US_ASCII));
        }
        return bos.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] b) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(b.length);
        CRC32 crc = new CRC32();
        crc.update(b);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(b);
        zip.closeEntry();
    }

    static Path writeLinear(Path file, int in, int dim, float[] weights) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(linear(in, dim, weights, "3"));
        }
        return file;
    }
}
