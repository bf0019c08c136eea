package io.recon4j.cli;

import io.recon4j.cloud.CloudFile;
import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.Hdf5Clouds;
import io.recon4j.cloud.PointCloud;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code recon inspect FILE...}: one summary line per file; exit 2 if any file failed to read. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read point-cloud or mesh files and print one line per file:",
            "FILE points=N bbox=[minx,miny,minz]..[maxx,maxy,maxz] followed by format, fields and faces.",
            "Exit code 0 if every file was read, 2 if any failed (reason on stderr)."})
final class InspectCommand extends ReconCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files (.pcd .ply .off .obj .xyz .txt .pts .csv .npy .h5)")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        int failed = 0;
        for (Path f : files) {
            try {
                out.println(f + " " + (isHdf5(f) ? describeHdf5(Hdf5Clouds.read(f)) : describe(CloudIO.read(f))));
            } catch (Exception e) {
                failed++;
                String msg = Main.oneLine(e);
                err.println("inspect: " + (msg.contains(f.toString()) ? msg : f + ": " + msg));
            }
        }
        out.flush();
        if (failed > 0) {
            err.println("inspect: " + failed + " of " + files.size() + " files could not be read");
        }
        return failed == 0 ? 0 : 2;
    }

    private static boolean isHdf5(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    /** An HDF5 file holds many clouds: report their count, points per cloud and the overall box. */
    static String describeHdf5(Hdf5Clouds.Content content) {
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
        int classes = (int) java.util.Arrays.stream(labels).distinct().count();
        return "clouds=" + clouds.size() + " points=" + clouds.get(0).size() + (box == null ? "" : " " + bbox(box))
                + " format=hdf5 labels=" + labels.length + " classes=" + classes;
    }

    private static String bbox(float[] b) {
        return String.format(Locale.ROOT, "bbox=[%s,%s,%s]..[%s,%s,%s]",
                num(b[0]), num(b[1]), num(b[2]), num(b[3]), num(b[4]), num(b[5]));
    }

    static String describe(CloudFile file) {
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

    private static String num(float v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
