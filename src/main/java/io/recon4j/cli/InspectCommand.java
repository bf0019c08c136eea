package io.recon4j.cli;

import io.recon4j.cloud.CloudSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
                out.println(f + " " + CloudSummary.of(f));
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
}
