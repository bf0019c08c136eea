package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Geomview OFF meshes (ModelNet, Princeton Shape Benchmark) and the {@code [ST][C][N]OFF} variants.
 *
 * <ul>
 *   <li>{@code #} starts a comment anywhere; blank lines are skipped.</li>
 *   <li>The counts {@code nv nf [ne]} may follow the keyword on the same line, even glued to it as in
 *       ModelNet's {@code OFF490 518 0}.</li>
 *   <li>Vertex lines are {@code x y z [nx ny nz] [r g b [a]] [s t]} as the prefix says ({@code N}: normals,
 *       {@code C}: colour with 3 or 4 values, {@code ST}: texture coordinates); extras become fields
 *       {@code nx ny nz}, {@code r g b [a]}, {@code s t}.</li>
 *   <li>Face lines are {@code n i0 ... i(n-1) [colour]}: polygons are fan-triangulated, colours ignored.</li>
 * </ul>
 * 4D ({@code 4OFF}), n-dimensional ({@code nOFF}) and binary OFF are rejected.
 */
final class OffReader implements CloudReader {

    /** Keyword with its optional prefixes, then anything glued to it (ModelNet puts the counts there). */
    private static final Pattern KEYWORD = Pattern.compile("(ST)?(C)?(N)?(4)?(n)?OFF(.*)");

    @Override
    public CloudFile read(Path file) throws IOException {
        return TextLines.parse(file, "the OFF file", lines -> new Body(lines).read());
    }

    /** Reads one file. */
    private static final class Body {
        private final TextLines lines;
        private boolean normals;
        private boolean colours;
        private boolean texture;
        private String format;

        Body(TextLines lines) {
            this.lines = lines;
        }

        CloudFile read() throws IOException {
            String[] counts = header();
            if (counts.length < 2 || counts.length > 3) {
                throw lines.error("expected the counts 'vertices faces [edges]', found " + counts.length
                        + " values");
            }
            long nv = lines.parseLong(counts[0], "the vertex count");
            long nf = lines.parseLong(counts[1], "the face count");
            if (counts.length == 3) {
                lines.parseLong(counts[2], "the edge count");
            }
            if (nv <= 0 || nf < 0) {
                throw lines.error("the header declares " + nv + " vertices and " + nf + " faces; expected at"
                        + " least one vertex and a non-negative face count");
            }
            if (nv > Integer.MAX_VALUE / 3) {
                throw lines.error("the header declares " + nv + " vertices; at most " + Integer.MAX_VALUE / 3
                        + " fit in one cloud");
            }
            PointCloud cloud = vertices(nv);
            TriangleList triangles = faces(nf, nv);
            String extra = nextContent();
            if (extra != null) {
                throw lines.error("data after the " + nf + " faces declared in the header; expected the end of"
                        + " the file (are the header counts right?)");
            }
            return triangles.count() == 0 ? CloudFile.ofPoints(cloud, format)
                    : CloudFile.ofMesh(new Mesh(cloud, triangles.toArray()), format);
        }

        /** Parses the keyword line; returns the count tokens (from that line, or the next content line). */
        private String[] header() throws IOException {
            String line = nextContent();
            if (line == null) {
                throw lines.error("the file is empty; expected the keyword OFF");
            }
            String[] t = TextLines.split(line);
            Matcher m = KEYWORD.matcher(t[0]);
            if (!m.matches() || !m.group(6).isEmpty() && !Character.isDigit(m.group(6).charAt(0))) {
                throw lines.error("expected the keyword OFF (or COFF, NOFF, CNOFF, STOFF...), found '"
                        + PlyHeader.printable(t[0]) + "'");
            }
            if (m.group(4) != null || m.group(5) != null) {
                throw lines.error("unsupported OFF variant '" + t[0].substring(0, m.start(6))
                        + "'; expected 3D vertices ([ST][C][N]OFF)");
            }
            texture = m.group(1) != null;
            colours = m.group(2) != null;
            normals = m.group(3) != null;
            format = t[0].substring(0, m.start(6)).toLowerCase(Locale.ROOT);
            List<String> counts = new ArrayList<>();
            if (!m.group(6).isEmpty()) {
                counts.add(m.group(6));
            }
            for (int i = 1; i < t.length; i++) {
                counts.add(t[i]);
            }
            if (!counts.isEmpty() && counts.get(0).equals("BINARY")) {
                throw lines.error("binary OFF is not supported; expected an ascii OFF file");
            }
            if (counts.isEmpty()) {
                String next = nextContent();
                if (next == null) {
                    throw lines.error("the file ends after the keyword; expected the counts 'vertices faces edges'");
                }
                return TextLines.split(next);
            }
            return counts.toArray(new String[0]);
        }

        private PointCloud vertices(long nv) throws IOException {
            List<String> names = new ArrayList<>();
            if (normals) {
                names.addAll(List.of("nx", "ny", "nz"));
            }
            int colourAt = names.size();
            int colourCount = 0;
            float[] extras = null;
            CloudBuilder points = null;
            for (long i = 0; i < nv; i++) {
                String line = nextContent();
                if (line == null) {
                    throw lines.error("the file ends after " + i + " of the " + nv
                            + " vertices declared in the header");
                }
                String[] t = TextLines.split(line);
                int fixed = 3 + (normals ? 3 : 0) + (texture ? 2 : 0);
                if (points == null) {
                    // The first vertex decides between RGB and RGBA colours.
                    colourCount = colours ? t.length - fixed : 0;
                    if (colours && colourCount != 3 && colourCount != 4) {
                        throw lines.error("vertex 0 has " + t.length + " values; expected " + (fixed + 3) + " or "
                                + (fixed + 4) + " (" + layout(4) + ")");
                    }
                    names.addAll(colourAt, List.of("r", "g", "b", "a").subList(0, colourCount));
                    if (texture) {
                        names.addAll(List.of("s", "t"));
                    }
                    extras = new float[names.size()];
                    points = new CloudBuilder(lines.file(), "vertex", names, nv, lines::location);
                }
                if (t.length != fixed + colourCount) {
                    throw lines.error("vertex " + i + " has " + t.length + " values; expected " + (fixed + colourCount)
                            + " (" + layout(colourCount) + ")");
                }
                for (int k = 0; k < extras.length; k++) {
                    extras[k] = lines.parseFloat(t[3 + k], names.get(k) + " of vertex " + i);
                }
                points.add(lines.parseFloat(t[0], "x of vertex " + i), lines.parseFloat(t[1], "y of vertex " + i),
                        lines.parseFloat(t[2], "z of vertex " + i), extras);
            }
            return points.build();
        }

        private String layout(int colourCount) {
            return "x y z" + (normals ? " nx ny nz" : "") + (colours ? colourCount == 4 ? " r g b a" : " r g b" : "")
                    + (texture ? " s t" : "");
        }

        private TriangleList faces(long nf, long nv) throws IOException {
            TriangleList triangles = new TriangleList(nf);
            IntList polygon = new IntList(8);
            for (long f = 0; f < nf; f++) {
                String line = nextContent();
                if (line == null) {
                    throw lines.error("the file ends after " + f + " of the " + nf + " faces declared in the header");
                }
                String[] t = TextLines.split(line);
                long n = lines.parseLong(t[0], "the vertex count of face " + f);
                if (n < 3) {
                    throw lines.error("face " + f + " has " + n + " vertices; expected at least 3");
                }
                if (t.length - 1 < n) {
                    throw lines.error("face " + f + " declares " + n + " vertices but lists " + (t.length - 1)
                            + " indices");
                }
                polygon.clear();
                for (int k = 1; k <= n; k++) {
                    long v = lines.parseLong(t[k], "vertex index " + (k - 1) + " of face " + f);
                    if (v < 0 || v >= nv) {
                        throw lines.error("face " + f + " references vertex " + v + "; expected an index in [0, " + nv
                                + ") as the header declares " + nv + " vertices");
                    }
                    polygon.add((int) v);
                }
                // Values after the indices are the face colour, which a point cloud has no use for.
                triangles.addPolygon(polygon);
            }
            return triangles;
        }

        /** @return the next line with its comment removed that still has content, or null at the end */
        private String nextContent() throws IOException {
            String line;
            while ((line = lines.next()) != null) {
                int hash = line.indexOf('#');
                if (hash >= 0) {
                    line = line.substring(0, hash);
                }
                if (!TextLines.isBlank(line)) {
                    return line;
                }
            }
            return null;
        }
    }
}
