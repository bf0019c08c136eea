package io.recon4j.cloud;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PLY 1.0 files (ascii, binary_little_endian, binary_big_endian) as written by Open3D, PCL,
 * MeshLab, Blender, CloudCompare and others.
 *
 * <ul>
 *   <li>{@code element vertex} must have scalar {@code x y z}; every other scalar vertex property becomes a
 *       field, named by {@link FieldNames} ({@code red green blue alpha} become {@code r g b a}, values kept as
 *       stored, e.g. 0..255 for uchar; {@code scalar_Intensity} becomes {@code intensity}; {@code nx ny nz},
 *       {@code quality}, Blender's {@code s t} and anything else keep their names).</li>
 *   <li>{@code element face} with list {@code vertex_indices} (or {@code vertex_index}) gives the mesh;
 *       polygons are fan-triangulated.</li>
 *   <li>Every other element and property (edges, materials, PCL's camera, lists) is read past and dropped.</li>
 * </ul>
 */
final class PlyReader implements CloudReader {

    @Override
    public CloudFile read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            PlyHeader header = PlyHeader.read(file, in);
            PlyValues values = header.format == PlyHeader.Format.ASCII
                    ? new PlyValues.Ascii(new TextLines(file, in, header.lines))
                    : new PlyValues.Binary(file, new BinaryCursor(in, header.format.order, header.bytes));
            try {
                return new Body(file, header, values).read();
            } catch (RuntimeException e) {
                // A bug here must still name the file and place rather than escape as a bare exception.
                throw new CloudFormatException(file, values.location(), "cannot parse the PLY body: " + e, e);
            }
        }
    }

    /** Reads the body of one file. */
    private static final class Body {
        private final Path file;
        private final PlyHeader header;
        private final PlyValues values;
        private final PlyHeader.Element vertex;
        private final PlyHeader.Element face;
        private final PlyHeader.Property indices;
        /** For each vertex property: 0..2 = x, y, z; 3 + k = field k; -1 = dropped. */
        private final int[] roles;
        private final CloudBuilder points;
        private final TriangleList triangles;
        private final float[] xyz = new float[3];
        private final float[] extras;
        private final IntList polygon = new IntList(8);

        Body(Path file, PlyHeader header, PlyValues values) throws CloudFormatException {
            this.file = file;
            this.header = header;
            this.values = values;
            this.vertex = header.element("vertex");
            if (vertex == null) {
                throw new CloudFormatException(file, "header", "no 'element vertex'; expected the points as"
                        + " 'element vertex <count>' with properties x y z");
            }
            if (vertex.count() == 0) {
                throw new CloudFormatException(file, CloudFormatException.line(vertex.line()),
                        "the header declares 0 vertices; expected at least one point");
            }
            if (vertex.count() > Integer.MAX_VALUE / 3) {
                throw new CloudFormatException(file, CloudFormatException.line(vertex.line()), "the header declares "
                        + vertex.count() + " vertices; at most " + Integer.MAX_VALUE / 3 + " fit in one cloud");
            }
            List<String> raw = new ArrayList<>();
            roles = new int[vertex.properties().size()];
            for (int j = 0; j < roles.length; j++) {
                PlyHeader.Property p = vertex.properties().get(j);
                int axis = "xyz".indexOf(p.name());
                if (p.name().length() == 1 && axis >= 0) {
                    if (p.isList()) {
                        throw new CloudFormatException(file, CloudFormatException.line(vertex.line()),
                                "vertex property '" + p.name() + "' is a list; expected a scalar coordinate");
                    }
                    roles[j] = axis;
                } else if (p.isList()) {
                    roles[j] = -1;
                } else {
                    roles[j] = 3 + raw.size();
                    raw.add(p.name());
                }
            }
            for (String axis : new String[] {"x", "y", "z"}) {
                if (vertex.property(axis) == null) {
                    throw new CloudFormatException(file, CloudFormatException.line(vertex.line()),
                            "element vertex has no property '" + axis + "'; expected scalar x, y and z");
                }
            }
            List<String> names = FieldNames.assign(file, CloudFormatException.line(vertex.line()), raw);
            this.extras = new float[raw.size()];
            this.points = new CloudBuilder(file, "vertex", names, vertex.count(), values::location);

            this.face = header.element("face");
            PlyHeader.Property idx = null;
            if (face != null) {
                idx = face.property("vertex_indices");
                if (idx == null) {
                    idx = face.property("vertex_index");
                }
                if (idx == null && face.count() > 0) {
                    throw new CloudFormatException(file, CloudFormatException.line(face.line()), "element face has no"
                            + " list 'vertex_indices' (or 'vertex_index'); expected the faces' vertex indices");
                }
                if (idx != null && (!idx.isList() || !idx.type().integer)) {
                    throw new CloudFormatException(file, CloudFormatException.line(face.line()), "face property '"
                            + idx.name() + "' is " + (idx.isList() ? "a list of " + idx.type().name : "a scalar")
                            + "; expected a list of integer vertex indices");
                }
            }
            this.indices = idx;
            this.triangles = new TriangleList(face == null ? 0 : face.count());
        }

        CloudFile read() throws IOException {
            for (PlyHeader.Element e : header.elements) {
                long i = 0;
                try {
                    for (; i < e.count(); i++) {
                        values.begin(e, i);
                        if (e == vertex) {
                            readVertex();
                        } else if (e == face && indices != null) {
                            readFace(i);
                        } else {
                            skip(e);
                        }
                        values.end();
                    }
                } catch (EOFException eof) {
                    throw new CloudFormatException(file, values.location(), "the file ends at " + e.name() + " "
                            + i + ": the header declares " + e.count() + " " + plural(e) + " but only " + i
                            + " were read completely");
                }
            }
            values.finish();
            PointCloud cloud = points.build();
            String format = "ply/" + header.format.word;
            return triangles.count() == 0 ? CloudFile.ofPoints(cloud, format)
                    : CloudFile.ofMesh(new Mesh(cloud, triangles.toArray()), format);
        }

        private void readVertex() throws IOException {
            List<PlyHeader.Property> props = vertex.properties();
            for (int j = 0; j < roles.length; j++) {
                PlyHeader.Property p = props.get(j);
                int role = roles[j];
                if (role < 0) {
                    skip(p);
                } else if (role < 3) {
                    xyz[role] = (float) values.scalar(p);
                } else {
                    extras[role - 3] = (float) values.scalar(p);
                }
            }
            points.add(xyz[0], xyz[1], xyz[2], extras);
        }

        private void readFace(long i) throws IOException {
            for (PlyHeader.Property p : face.properties()) {
                if (p != indices) {
                    skip(p);
                    continue;
                }
                long n = values.integer(p, false);
                if (n < 3) {
                    throw new CloudFormatException(file, values.location(), "face " + i + " has " + n
                            + " vertices; expected at least 3");
                }
                polygon.clear();
                // Grow as indices arrive rather than trusting n: a corrupt count then ends as a truncation error.
                for (long k = 0; k < n; k++) {
                    long v = values.integer(p, true);
                    if (v < 0 || v >= vertex.count()) {
                        throw new CloudFormatException(file, values.location(), "face " + i + " references vertex "
                                + v + "; expected an index in [0, " + vertex.count() + ") as the header declares "
                                + vertex.count() + " vertices");
                    }
                    polygon.add((int) v);
                }
                triangles.addPolygon(polygon);
            }
        }

        private void skip(PlyHeader.Element e) throws IOException {
            for (PlyHeader.Property p : e.properties()) {
                skip(p);
            }
        }

        private void skip(PlyHeader.Property p) throws IOException {
            if (!p.isList()) {
                values.scalar(p);
                return;
            }
            long n = values.integer(p, false);
            if (n < 0) {
                throw new CloudFormatException(file, values.location(), "list '" + p.name() + "' has length " + n
                        + "; expected a non-negative length");
            }
            for (long k = 0; k < n; k++) {
                values.scalar(p);
            }
        }

        private static String plural(PlyHeader.Element e) {
            switch (e.name()) {
                case "vertex":
                    return "vertices";
                case "face":
                    return "faces";
                default:
                    return "'" + e.name() + "' records";
            }
        }
    }
}
