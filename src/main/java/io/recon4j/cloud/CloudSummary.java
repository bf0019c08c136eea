package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One line that summarises a point-cloud, mesh or HDF5 file: its points and bounding box, then its format, fields
 * and faces (or, for HDF5, its clouds, labels and classes), as {@code recon inspect} prints it.
 */
public final class CloudSummary {

    private CloudSummary() {
    }

    /**
     * Reads {@code file} (HDF5 by its .h5/.hdf5 extension, else any format {@link CloudIO} reads).
     *
     * @return e.g. {@code points=2048 bbox=[-1,-1,-1]..[1,1,1] format=ply fields=nx,ny,nz faces=12}
     * @throws IOException when the file cannot be read
     */
    public static String of(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") ? of(Hdf5Clouds.read(file)) : of(CloudIO.read(file));
    }

    /** @return the summary of one read file: points, box, format, fields and faces */
    public static String of(CloudFile file) {
        PointCloud pc = file.points();
        StringBuilder sb = new StringBuilder("points=").append(pc.size());
        if (pc.size() > 0) {
            sb.append(' ').append(bbox(pc.boundingBox()));
        }
        sb.append(" format=").append(file.format());
        if (!pc.fieldNames().isEmpty()) {
            sb.append(" fields=").append(String.join(",", pc.fieldNames()));
        }
        file.mesh().ifPresent(m -> sb.append(" faces=").append(m.triangleCount()));
        return sb.toString();
    }

    /** @return the summary of an HDF5 file of many clouds: their count, points per cloud, overall box, labels, classes */
    public static String of(Hdf5Clouds.Content content) {
        List<PointCloud> clouds = content.clouds();
        float[] box = null;
        for (PointCloud pc : clouds) {
            float[] b = pc.boundingBox();
            if (box == null) {
                box = b;
            } else {
                for (int i = 0; i < 3; i++) {
                    box[i] = Math.min(box[i], b[i]);
                    box[3 + i] = Math.max(box[3 + i], b[3 + i]);
                }
            }
        }
        int[] labels = content.labels();
        int classes = (int) Arrays.stream(labels).distinct().count();
        return "clouds=" + clouds.size() + " points=" + clouds.get(0).size() + (box == null ? "" : " " + bbox(box))
                + " format=hdf5 labels=" + labels.length + " classes=" + classes;
    }

    private static String bbox(float[] b) {
        return String.format(Locale.ROOT, "bbox=[%s,%s,%s]..[%s,%s,%s]",
                num(b[0]), num(b[1]), num(b[2]), num(b[3]), num(b[4]), num(b[5]));
    }

    private static String num(float v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
