package io.recon4j.geometry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test inputs: random clouds, the parity fixtures and real ModelNet10 clouds (skipped when absent). */
final class TestData {

    static final Path SHARED = Path.of("..", "shared");
    static final Path TINY = SHARED.resolve("fixtures/recon-parity/tiny");
    static final Path MODELNET10 = SHARED.resolve("data/modelnet10");

    private TestData() {}

    /** @return B clouds of N points uniform in [-1, 1]^3, shape (B, N, 3) */
    static float[] randomClouds(Random rnd, int batch, int numPoints) {
        float[] p = new float[3 * batch * numPoints];
        for (int i = 0; i < p.length; i++) {
            p[i] = rnd.nextFloat() * 2 - 1;
        }
        return p;
    }

    static TestNpy.Array fixture(String name) throws IOException {
        assumeTrue(Files.isDirectory(TINY), "../shared/fixtures/recon-parity/tiny not present: skipping parity test");
        return TestNpy.read(TINY.resolve(name));
    }

    /**
     * Reads the first {@code count} test clouds of ModelNet10 (sorted by path), normalised like the official
     * {@code pc_norm} (centroid to origin, farthest point at radius 1), each of shape (N, 3).
     */
    static List<float[]> modelNetClouds(int count) throws IOException {
        assumeTrue(Files.isDirectory(MODELNET10), "../shared/data/modelnet10 not present: skipping ModelNet10 test");
        List<Path> files;
        try (Stream<Path> s = Files.walk(MODELNET10)) {
            files = s.filter(p -> p.toString().endsWith(".pcd") && p.getParent().getFileName().toString().equals("test"))
                    .sorted().toList();
        }
        List<float[]> clouds = new ArrayList<>();
        // Spread the picks over the classes.
        for (int i = 0; i < count; i++) {
            clouds.add(normalise(readBinaryPcd(files.get(i * files.size() / count))));
        }
        return clouds;
    }

    /** Minimal binary-PCD (FIELDS x y z, float32) loader, until the project's PcdReader exists. */
    static float[] readBinaryPcd(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String marker = "DATA binary\n";
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        int at = head.indexOf(marker);
        if (at < 0) {
            throw new IOException(file + ": no 'DATA binary' header line");
        }
        int points = -1;
        for (String line : head.substring(0, at).split("\n")) {
            if (line.startsWith("POINTS ")) {
                points = Integer.parseInt(line.substring(7).trim());
            }
        }
        if (points < 0 || !head.contains("FIELDS x y z\n")) {
            throw new IOException(file + ": expected FIELDS x y z and POINTS");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, at + marker.length(), bytes.length - at - marker.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] xyz = new float[3 * points];
        buf.asFloatBuffer().get(xyz);
        return xyz;
    }

    /** Centroid to the origin, then divide by the largest radius (official {@code pc_norm}, in float). */
    static float[] normalise(float[] xyz) {
        int n = xyz.length / 3;
        double[] c = new double[3];
        for (int i = 0; i < xyz.length; i++) {
            c[i % 3] += xyz[i];
        }
        float[] out = new float[xyz.length];
        double max = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int k = 0; k < 3; k++) {
                out[3 * i + k] = (float) (xyz[3 * i + k] - c[k] / n);
                r += (double) out[3 * i + k] * out[3 * i + k];
            }
            max = Math.max(max, Math.sqrt(r));
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] / max);
        }
        return out;
    }

    /** Concatenates equally sized clouds into one (B, N, 3) array. */
    static float[] concat(List<float[]> clouds) {
        int len = clouds.get(0).length;
        float[] out = new float[len * clouds.size()];
        for (int b = 0; b < clouds.size(); b++) {
            System.arraycopy(clouds.get(b), 0, out, b * len, len);
        }
        return out;
    }
}
