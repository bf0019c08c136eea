package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads Wavefront OBJ geometry: vertices and polygon faces.
 *
 * <ul>
 *   <li>{@code v x y z [w] [r g b]}: the weight {@code w} is ignored; the vertex colour extension
 *       (MeshLab, ZBrush exports) becomes fields {@code r g b}, and then every vertex must have one.</li>
 *   <li>{@code f} entries {@code v}, {@code v/vt}, {@code v//vn}, {@code v/vt/vn}; 1-based, or negative
 *       (relative to the vertices defined so far); polygons are fan-triangulated.</li>
 *   <li>Texture coordinates, normals, groups, objects, smoothing, materials, lines, points and free-form
 *       statements are skipped; {@code #} starts a comment; a line ending in {@code \} continues on the next.</li>
 * </ul>
 */
final class ObjReader implements CloudReader {

    /** Statements that carry nothing a point cloud or triangle mesh keeps. */
    private static final Set<String> IGNORED = Set.of("vt", "vn", "vp", "o", "g", "s", "mg", "usemtl", "mtllib",
            "usemap", "maplib", "l", "p", "cstype", "deg", "bmat", "step", "curv", "curv2", "surf", "parm", "trim",
            "hole", "scrv", "sp", "end", "con", "bevel", "c_interp", "d_interp", "lod", "shadow_obj", "trace_obj",
            "ctech", "stech", "call", "csh");

    @Override
    public CloudFile read(Path file) throws IOException {
        return TextLines.parse(file, "the OBJ file", lines -> new Body(lines).read());
    }

    /** Reads one file. */
    private static final class Body {
        private final TextLines lines;
        private final TriangleList triangles = new TriangleList(0);
        private final IntList polygon = new IntList(8);
        private final float[] colour = new float[3];
        private CloudBuilder points;
        private boolean coloured;
        /** Largest 0-based vertex index referenced before that vertex was defined, and where. */
        private long forwardMax = -1;
        private long forwardLine;

        Body(TextLines lines) {
            this.lines = lines;
        }

        CloudFile read() throws IOException {
            String[] t;
            while ((t = nextStatement()) != null) {
                switch (t[0]) {
                    case "v":
                        vertex(t);
                        break;
                    case "f":
                        face(t);
                        break;
                    default:
                        if (!IGNORED.contains(t[0])) {
                            throw lines.error("unknown statement '" + PlyHeader.printable(t[0])
                                    + "'; expected v, f or another OBJ statement (vt, vn, g, o, usemtl, ...)");
                        }
                }
            }
            if (points == null) {
                throw lines.error("the file defines no vertices; expected 'v x y z' lines");
            }
            if (forwardMax >= points.size()) {
                throw lines.error(forwardLine, "face references vertex " + (forwardMax + 1)
                        + " but the file defines only " + points.size() + " vertices");
            }
            PointCloud cloud = points.build();
            return triangles.count() == 0 ? CloudFile.ofPoints(cloud, "obj")
                    : CloudFile.ofMesh(new Mesh(cloud, triangles.toArray()), "obj");
        }

        private void vertex(String[] t) throws CloudFormatException {
            int k = t.length - 1;
            if (k != 3 && k != 4 && k != 6 && k != 7) {
                throw lines.error("'v' has " + k + " values; expected 'v x y z [w] [r g b]' (3, 4, 6 or 7 values)");
            }
            boolean hasColour = k >= 6;
            long index = points == null ? 0 : points.size();
            if (points == null) {
                coloured = hasColour;
                points = new CloudBuilder(lines.file(), "vertex", coloured ? List.of("r", "g", "b") : List.of(), 0,
                        lines::location);
            } else if (hasColour != coloured) {
                throw lines.error("vertex " + (index + 1) + (hasColour ? " has" : " has no") + " colour but the first"
                        + " vertex " + (coloured ? "has one" : "has none") + "; expected all vertices alike");
            }
            for (int c = 0; c < 3 && coloured; c++) {
                colour[c] = lines.parseFloat(t[k - 2 + c], "colour " + "rgb".charAt(c) + " of vertex " + (index + 1));
            }
            points.add(lines.parseFloat(t[1], "x of vertex " + (index + 1)),
                    lines.parseFloat(t[2], "y of vertex " + (index + 1)),
                    lines.parseFloat(t[3], "z of vertex " + (index + 1)), colour);
        }

        private void face(String[] t) throws CloudFormatException {
            if (t.length < 4) {
                throw lines.error("face has " + (t.length - 1) + " vertices; expected at least 3");
            }
            long defined = points == null ? 0 : points.size();
            polygon.clear();
            for (int k = 1; k < t.length; k++) {
                int slash = t[k].indexOf('/');
                String ref = slash < 0 ? t[k] : t[k].substring(0, slash);
                long v = lines.parseLong(ref, "the vertex of face entry '" + t[k] + "'");
                long index;
                if (v > 0) {
                    index = v - 1;
                } else if (v < 0) {
                    index = defined + v;
                    if (index < 0) {
                        throw lines.error("relative vertex index " + v + " points before the first vertex; only "
                                + defined + " vertices are defined so far");
                    }
                } else {
                    throw lines.error("vertex index 0 in face entry '" + t[k] + "'; expected 1-based or negative"
                            + " indices");
                }
                if (index >= Integer.MAX_VALUE / 3) {
                    throw lines.error("vertex index " + v + " is out of range");
                }
                if (index >= defined && index > forwardMax) {
                    // OBJ allows using a vertex before its 'v' line; check once all vertices are known.
                    forwardMax = index;
                    forwardLine = lines.lineNumber();
                }
                polygon.add((int) index);
            }
            triangles.addPolygon(polygon);
        }

        /** @return the tokens of the next statement (comments removed, continuations joined), or null */
        private String[] nextStatement() throws IOException {
            String line;
            while ((line = lines.next()) != null) {
                StringBuilder statement = new StringBuilder();
                while (line != null) {
                    int hash = line.indexOf('#');
                    String content = (hash >= 0 ? line.substring(0, hash) : line).stripTrailing();
                    if (!content.endsWith("\\")) {
                        statement.append(content);
                        break;
                    }
                    statement.append(content, 0, content.length() - 1).append(' ');
                    line = lines.next();
                }
                String[] t = TextLines.split(statement.toString());
                if (t.length > 0) {
                    return t;
                }
            }
            return null;
        }
    }
}
