package io.recon4j.model.pth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPIKE (issue 15): Pyrolite with a persistentLoad hook and a restricted global resolver, beside our reader. */
@Tag("fixture")
class PyroliteSpikeTest {

    record StorageRef(String key, String type, Object numel) {
    }

    record TensorRef(StorageRef storage, Object offset, List<Object> shape) {
    }

    static final Set<String> ALLOWED = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter", "torch.FloatStorage", "torch.LongStorage", "torch.device",
            "numpy.core.multiarray.scalar", "numpy.dtype", "_codecs.encode", "argparse.Namespace");

    /** Pyrolite with only allowed globals; every other opcode is Pyrolite's own. */
    static final class Restricted extends Unpickler {
        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = (Object[]) pid;
            return new StorageRef((String) t[2], String.valueOf(t[1]), t[4]);
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == 'c') {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == 0x93) {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == 'b') { // BUILD: Pyrolite calls __setstate__ by reflection; an OrderedDict's state is its _metadata
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Map)) {
                    throw new PickleException("BUILD on " + target.getClass().getSimpleName());
                }
                return NO_RETURN_VALUE;
            }
            if (key == 'i' || key == 'o') {
                throw new PickleException("INST/OBJ refused");
            }
            return super.dispatch(key);
        }

        static IObjectConstructor resolve(String module, String name) {
            String q = module + "." + name;
            if (!ALLOWED.contains(q)) {
                throw new PickleException("refused global '" + q + "'");
            }
            if (q.equals("torch._utils._rebuild_tensor_v2")) {
                return args -> new TensorRef((StorageRef) args[0], args[1], Arrays.asList((Object[]) args[2]));
            }
            if (q.equals("torch._utils._rebuild_parameter")) {
                return args -> args[0];
            }
            if (q.equals("collections.OrderedDict")) {
                return args -> new java.util.LinkedHashMap<>();
            }
            return args -> q;
        }
    }

    static Object pyrolite(byte[] pkl) throws IOException {
        return new Restricted().loads(pkl);
    }

    static String outcome(byte[] pkl) {
        try {
            Object o = pyrolite(pkl);
            return "LOADED " + (o == null ? "null" : o.getClass().getSimpleName() + " " + o);
        } catch (Throwable t) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }

    @Test
    void fixturesThroughPyrolite() throws IOException {
        assumeTrue(Files.isDirectory(PthTestSupport.TINY), "no fixtures");
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(PthTestSupport.TINY, Path.of("..", "shared", "fixtures", "recon-trajectory", "tiny"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".pth")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            Map<String, byte[]> entries = PthTestSupport.unzip(f);
            byte[] pkl = entries.entrySet().stream().filter(e -> e.getKey().endsWith("/data.pkl")).findFirst().orElseThrow().getValue();
            long t0 = System.nanoTime();
            Object root;
            try {
                root = pyrolite(pkl);
            } catch (Throwable t) {
                System.out.println("SPIKE " + f.getFileName() + ": FAILED " + t);
                continue;
            }
            long t1 = System.nanoTime();
            PthObject ours = PthFile.read(f);
            long t2 = System.nanoTime();
            int tensors = 0;
            int sameShape = 0;
            int integerDims = 0;
            List<String> ourOrder = new ArrayList<>();
            List<String> theirOrder = new ArrayList<>();
            StateDict sd;
            try {
                sd = StateDict.from(ours);
            } catch (PthFormatException e) {
                System.out.println("SPIKE " + f.getFileName() + ": ours has no state dict; pyrolite root " + root.getClass());
                continue;
            }
            Map<?, ?> theirs = weights((Map<?, ?>) root);
            for (Map.Entry<String, PthTensor> e : sd.asMap().entrySet()) {
                ourOrder.add(e.getKey());
                Object t = theirs == null ? null : theirs.get(stripped(theirs, e.getKey()));
                if (t instanceof TensorRef tr) {
                    tensors++;
                    long[] shape = tr.shape().stream().mapToLong(x -> ((Number) x).longValue()).toArray();
                    if (Arrays.equals(shape, e.getValue().shape())) {
                        sameShape++;
                    }
                    integerDims += (int) tr.shape().stream().filter(x -> x instanceof Integer).count();
                }
            }
            if (theirs != null) {
                theirs.keySet().forEach(k -> theirOrder.add(String.valueOf(k)));
            }
            System.out.println("SPIKE order ours " + ourOrder.subList(0, 3) + " pyrolite " + theirOrder.subList(0, 3));
            System.out.printf("SPIKE %s: ours %d tensors; pyrolite %d tensors, %d same shape, dims as Integer %d, "
                    + "dict %s, same key order %s%n", f.getFileName(),
                    sd.size(), tensors, sameShape, integerDims, theirs == null ? "-" : theirs.getClass().getSimpleName(),
                    stripAll(ourOrder).equals(theirOrder));
        }
    }

    static Map<?, ?> weights(Map<?, ?> root) {
        for (String k : StateDict.WEIGHT_ENTRIES) {
            if (root.get(k) instanceof Map<?, ?> m) {
                return m;
            }
        }
        return root;
    }

    static Object stripped(Map<?, ?> theirs, String key) {
        if (theirs.containsKey(key)) {
            return key;
        }
        for (Object k : theirs.keySet()) {
            if (key.endsWith(String.valueOf(k))) {
                return k;
            }
        }
        return key;
    }

    static List<String> stripAll(List<String> keys) {
        return keys;
    }

    @Test
    void safetyProbes() throws IOException {
        assumeTrue(Files.isDirectory(PthTestSupport.TINY), "no fixtures");
        byte[] real = PthTestSupport.unzip(PthTestSupport.fixture("finetune_model.pth")).get("finetune_model/data.pkl");
        Map<String, byte[]> probes = new java.util.LinkedHashMap<>();
        probes.put("os.system (GLOBAL)", PthTestSupport.ascii("\u0080\u0002cos\nsystem\nq\u0000X\u0002\u0000\u0000\u0000lsq\u0001\u0085R."));
        probes.put("builtins.eval (STACK_GLOBAL)", PthTestSupport.ascii("\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093."));
        probes.put("INST os.system", PthTestSupport.ascii("(S'ls'\nios\nsystem\n."));
        probes.put("cut inside BINUNICODE (1000 bytes)", Arrays.copyOf(real, 1000));
        probes.put("cut at opcode (969 bytes)", Arrays.copyOf(real, 969));
        probes.put("STOP on empty stack", PthTestSupport.ascii("\u0080\u0002."));
        probes.put("APPEND to dict", PthTestSupport.ascii("\u0080\u0002}K\u0001a."));
        probes.put("memo never stored", PthTestSupport.ascii("\u0080\u0002h\u0007."));
        probes.put("INT text opcode", PthTestSupport.ascii("\u0080\u0002I1\n."));
        probes.put("BINUNICODE length 2^31-1", PthTestSupport.ascii("\u0080\u0002X\u00ff\u00ff\u00ff\u007f."));
        probes.put("list as dict key", PthTestSupport.ascii("\u0080\u0002}]K\u0001s."));
        probes.put("tuple key dict", PthTestSupport.ascii("\u0080\u0002}K\u0001K\u0002\u0086K\u0003s."));
        probes.put("protocol 6", PthTestSupport.ascii("\u0080\u0006N."));
        probes.put("LONG1 2^70", PthTestSupport.ascii("\u0080\u0002\u008a\u0009\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0040."));
        probes.put("POP below MARK", PthTestSupport.ascii("\u0080\u0002K\u0001(0."));
        for (Map.Entry<String, byte[]> p : probes.entrySet()) {
            System.out.println("SPIKE probe " + p.getKey() + " -> " + outcome(p.getValue()));
        }
        System.out.println("SPIKE BigInteger check " + BigInteger.ONE.shiftLeft(70));
    }
}
