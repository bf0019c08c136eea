package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.recon4j.render.DepthImage;
import io.recon4j.teacher.ImageInput;
import io.recon4j.teacher.ImageTeacher;
import io.recon4j.util.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * ReCon's built-in image teacher: a frozen CAE encoder (from {@code recon cae pretrain}, ideally on rendered views
 * of point clouds) applied to every view with all patches visible; the feature is the cls token after the final
 * norm, averaged over the views. Image size, channels and normalisation come from the checkpoint, so the teacher
 * sees views exactly as the encoder was trained on them.
 */
public final class CaeImageTeacher implements ImageTeacher {

    private final NDManager manager;
    private final CaeEncoder encoder;
    private final ImageInput input;
    private final String identity;

    private CaeImageTeacher(NDManager manager, CaeEncoder encoder, ImageInput input, String identity) {
        this.manager = manager;
        this.encoder = encoder;
        this.input = input;
        this.identity = identity;
    }

    /**
     * @param checkpoint {@code pretrained.pth} (or a {@code ckpt-*.pth}) of a recon4j CAE run
     * @return the teacher (close it to free the encoder)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a recon4j CAE checkpoint
     */
    public static CaeImageTeacher load(Path checkpoint) throws IOException {
        CaePretrainConfig run = CaeCheckpoints.runConfig(checkpoint);
        CaeConfig c = run.model();
        ImageInput input = new ImageInput(c.imageSize(), c.channels(), run.mean(), run.std());
        NDManager m = NDManager.newBaseManager(Devices.best());
        try {
            CaeEncoder e = CaeEncoder.fromCheckpoint(checkpoint, c, m);
            String id = "cae:" + checkpoint.getFileName() + "@" + sha256(checkpoint) + "|cls-mean|" + input.key();
            return new CaeImageTeacher(m, e, input, id);
        } catch (IOException | RuntimeException ex) {
            m.close();
            throw ex;
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(Files.readAllBytes(file))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ImageInput input() {
        return input;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public int dimension() {
        return encoder.dim();
    }

    /** @param views V images of {@code input().size()} pixels @return mean over views of the cls token, (D) */
    @Override
    public synchronized float[] embed(List<DepthImage> views) {
        int s = input.size();
        int per = input.channels() * s * s;
        float[] chw = new float[views.size() * per];
        for (int v = 0; v < views.size(); v++) {
            System.arraycopy(input.toChw(views.get(v)), 0, chw, v * per, per);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(chw, new Shape(views.size(), input.channels(), s, s));
            NDArray tokens = encoder.encode(x);                           // (V, T, D), cls first
            tokens.attach(step);
            return tokens.get(new NDIndex(":, 0, :")).mean(new int[] {0}).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
