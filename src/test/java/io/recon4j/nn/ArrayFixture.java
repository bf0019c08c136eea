package io.recon4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A manager, parameter store and seeded generator per test, with random inputs and randomised blocks. */
public abstract class ArrayFixture {

    protected NDManager m;
    protected ParameterStore ps;
    protected Random rng;
    private final long seed;

    /** @param seed seeds {@link #rng} afresh for every test */
    protected ArrayFixture(long seed) {
        this.seed = seed;
    }

    @BeforeEach
    protected void openManager() {
        m = NDManager.newBaseManager();
        ps = new ParameterStore(m, false);
        rng = new Random(seed);
    }

    @AfterEach
    protected void closeManager() {
        m.close();
    }

    /** @return standard normal values of {@code shape} */
    protected NDArray randn(long... shape) {
        float[] v = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return m.create(v, new Shape(shape));
    }

    /** Initialises the block and gives every parameter non-trivial random values (LN/BN weights too). */
    protected <B extends ModuleBlock> B randomised(B block) {
        block.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        for (Parameter p : block.stateDict().values()) {
            NDArray a = p.getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.getType() == Parameter.Type.RUNNING_VAR ? 0.5f + rng.nextFloat() : (float) (rng.nextGaussian() * 0.4);
            }
            a.set(v);
        }
        return block;
    }

    /** Relative tolerance of {@link #close}: float32 blocks against double-precision references. */
    protected static final double TOL = 2e-5;

    /** Asserts {@code got} equals {@code want} element by element within {@link #TOL} (relative beyond magnitude 1). */
    protected static void close(double[] want, NDArray got) {
        float[] g = got.toFloatArray();
        assertEquals(want.length, g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(want[i], g[i], TOL * Math.max(1, Math.abs(want[i])), "element " + i);
        }
    }
}
