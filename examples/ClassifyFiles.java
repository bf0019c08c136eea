import io.recon4j.Prediction;
import io.recon4j.Recon;
import java.nio.file.Path;

/**
 * Classifies point-cloud files with a fine-tuned recon4j checkpoint.
 *
 * <pre>
 * ./recon finetune --out runs/ft                      # or any ckpt-best.pth
 * java -cp target/recon4j-0.1.0-SNAPSHOT.jar examples/ClassifyFiles.java runs/ft/ckpt-best.pth chair.ply table.off
 * </pre>
 *
 * The checkpoint describes itself (architecture, class names, up axis, preprocessing), so loading takes one line;
 * any format {@code recon inspect} reads works (PLY, PCD, OFF, OBJ, XYZ/TXT/CSV, NPY). Official checkpoints need
 * their configuration: {@code Recon.load(file, Recon.Options.builder().size("base").classNames(names).build())}.
 */
public final class ClassifyFiles {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ClassifyFiles CHECKPOINT.pth FILE...");
            System.exit(2);
        }
        try (Recon model = Recon.load(Path.of(args[0]))) {
            System.err.println(model.info().describe());
            for (int i = 1; i < args.length; i++) {
                Prediction p = model.classify(Path.of(args[i]));
                System.out.println(args[i] + "\t" + p + "\ttop-3 " + p.topK(3));
            }
        }
    }
}
