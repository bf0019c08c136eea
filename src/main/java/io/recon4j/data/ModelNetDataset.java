package io.recon4j.data;

import io.recon4j.cloud.CloudFile;
import io.recon4j.cloud.CloudFormatException;
import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.MeshSampler;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * ModelNet10 / ModelNet40 classification data, one split, in one of three folder layouts
 * ({@link Layout}), auto-detected from the root or chosen explicitly.
 *
 * <p>Load-time processing follows the official {@code datasets/ModelNetDataset.py}: a shape with more
 * than {@link Builder#pointsPerShape(int) pointsPerShape} points (default 8192, the size of the
 * official {@code modelnet40_*_8192pts_fps.dat} caches) is reduced to that many by the cache builder's
 * numpy-style FPS (start index derived from the sample id instead of {@code np.random.randint}, so it
 * is deterministic); then {@code pc_normalize} (centroid → 0, max radius → 1, in double); then
 * normals are dropped unless {@link Builder#keepNormals(boolean)}. Mesh files are first sampled on
 * their surface ({@link Builder#meshSamples(int)} points, default 10000 like the official
 * {@code modelnet40_normal_resampled} files, seeded by the file name).
 *
 * <p>The per-epoch processing of the official loader (the train-split point shuffle, FPS to 1200 and
 * a random 1024, augmentation) is not applied here: see {@link DatasetPipelines}.
 *
 * <p>Labels: for {@link Layout#RESAMPLED}, the line number in {@code modelnet40_shape_names.txt} (or
 * {@code modelnet10_shape_names.txt}); for the folder layouts, the index of the class folder in sorted
 * order (alphabetical, which is also the order of the official shape-name files). Sample ids are file
 * names without extension, e.g. {@code night_stand_0001}.
 */
public final class ModelNetDataset extends FileDataset {

    /** The supported folder layouts. */
    public enum Layout {
        /** The official Princeton meshes: {@code <root>/<class>/{train,test}/*.off}, surface-sampled at load. */
        MESHES,
        /**
         * {@code modelnet40_normal_resampled}: {@code <class>/<id>.txt} with comma-separated {@code x,y,z,nx,ny,nz}
         * lines, {@code modelnet{40,10}_shape_names.txt} and {@code modelnet{40,10}_{train,test}.txt} id lists.
         */
        RESAMPLED,
        /** Per-class folders of point files, {@code <root>/<class>/{train,test}/*.{pcd,ply,npy,xyz,txt,...}}. */
        POINT_FILES
    }

    /** Default number of points kept per shape at load time: the official 8192-point FPS caches. */
    public static final int DEFAULT_POINTS_PER_SHAPE = 8192;
    /** Default number of surface samples per mesh: the 10k points of the official resampled files. */
    public static final int DEFAULT_MESH_SAMPLES = 10000;

    private static final long FPS_SALT = 0x46505353414C54L;
    private static final String[] NORMALS = {"nx", "ny", "nz"};

    private final Path root;
    private final Split split;
    private final Layout layout;
    private final List<String> classNames;
    private final String name;

    private ModelNetDataset(Builder b, Layout layout, List<String> classNames, List<Entry> entries) {
        super(entries, b.cache, processor(b, layout));
        this.root = b.root;
        this.split = b.split;
        this.layout = layout;
        this.classNames = List.copyOf(classNames);
        this.name = b.name != null ? b.name : defaultName(b.root, layout, classNames.size(), b.split);
    }

    /** @return a builder for the dataset under {@code root}; the split defaults to {@link Split#TRAIN} */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** @return the train split with default options and an auto-detected layout */
    public static ModelNetDataset train(Path root) throws IOException {
        return builder(root).split(Split.TRAIN).build();
    }

    /** @return the test split with default options and an auto-detected layout */
    public static ModelNetDataset test(Path root) throws IOException {
        return builder(root).split(Split.TEST).build();
    }

    /**
     * Detects the layout of a ModelNet root.
     *
     * @throws DatasetFormatException if the root matches no layout (the message says what was looked for)
     */
    public static Layout detectLayout(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetFormatException(root, "layout", "not a directory; expected a ModelNet root folder");
        }
        if (Files.isRegularFile(shapeNames(root, 40))
                || Files.isRegularFile(shapeNames(root, 10))) {
            return Layout.RESAMPLED;
        }
        List<String> classes = classFolders(root);
        if (classes.isEmpty()) {
            String hint = Files.isDirectory(root.resolve("modelnet40_normal_resampled"))
                    ? " (did you mean " + root.resolve("modelnet40_normal_resampled") + "?)" : "";
            throw new DatasetFormatException(root, "layout", "does not look like a ModelNet root" + hint
                    + ": looked for modelnet40_shape_names.txt or modelnet10_shape_names.txt (modelnet40_normal_resampled"
                    + " layout) and for class folders with train/ or test/ sub-folders (<class>/train/*.off meshes or"
                    + " point files); " + IndexFiles.listing(root, 12));
        }
        boolean allOff = true;
        boolean any = false;
        for (String c : classes) {
            for (Split s : Split.values()) {
                for (Path f : sampleFiles(root.resolve(c).resolve(s.folderName()))) {
                    any = true;
                    allOff &= f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".off");
                }
            }
        }
        if (!any) {
            throw new DatasetFormatException(root, "layout", "class folders " + classes
                    + " have train/ or test/ sub-folders but no readable point or mesh files in them");
        }
        return allOff ? Layout.MESHES : Layout.POINT_FILES;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the layout in use */
    public Layout layout() {
        return layout;
    }

    /** @return the split */
    public Split split() {
        return split;
    }

    /** @return the root folder */
    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        return "ModelNetDataset[" + name + ", " + layout + ", " + size() + " samples, " + classNames.size() + " classes]";
    }

    // ---------------------------------------------------------------- loading

    /** @return the loader for the builder's options (copied: the builder may change after build) */
    private static Processor processor(Builder b, Layout layout) {
        int pointsPerShape = b.pointsPerShape;
        int meshSamples = b.meshSamples;
        boolean keepNormals = b.keepNormals;
        return e -> load(e, layout, pointsPerShape, meshSamples, keepNormals);
    }

    /**
     * One shape file processed as a sample of this dataset with the default options (no normals): a file with
     * faces (OFF, or PLY/OBJ meshes) is surface-sampled as in {@link Layout#MESHES}, any other file is read as
     * points as in {@link Layout#POINT_FILES}; then FPS to {@link #DEFAULT_POINTS_PER_SHAPE} and {@code pc_normalize}.
     * The seeds come from the file name without extension, so a file gives the same cloud here as in the dataset.
     *
     * @return the processed cloud, xyz only
     * @throws IOException if the file cannot be read, is malformed, or its points are degenerate (message names the file)
     */
    public static PointCloud loadShape(Path file) throws IOException {
        CloudFile f = CloudIO.read(file);
        Layout layout = f.mesh().isPresent() ? Layout.MESHES : Layout.POINT_FILES;
        return process(f, new Entry(file, 0, stripExtension(file.getFileName().toString())), layout,
                DEFAULT_POINTS_PER_SHAPE, DEFAULT_MESH_SAMPLES, false);
    }

    private static PointCloud load(Entry e, Layout layout, int pointsPerShape, int meshSamples,
            boolean keepNormals) throws IOException {
        return process(CloudIO.read(e.file()), e, layout, pointsPerShape, meshSamples, keepNormals);
    }

    private static PointCloud process(CloudFile f, Entry e, Layout layout, int pointsPerShape, int meshSamples,
            boolean keepNormals) throws IOException {
        PointCloud cloud;
        if (layout == Layout.MESHES) {
            Mesh mesh = f.mesh().orElseThrow(() -> new CloudFormatException(e.file(), "faces",
                    "the MESHES layout samples the surface, but the file has no faces"));
            try {
                MeshSampler sampler = new MeshSampler(mesh);
                java.util.Random random = new java.util.Random(Seeds.of(e.id()));
                cloud = keepNormals ? sampler.sampleWithNormals(meshSamples, random) : sampler.sample(meshSamples, random);
            } catch (IllegalArgumentException ex) {
                throw new CloudFormatException(e.file(), "faces", ex.getMessage());
            }
        } else {
            cloud = f.points();
        }
        if (keepNormals) {
            for (String n : NORMALS) {
                if (!cloud.hasField(n)) {
                    throw new CloudFormatException(e.file(), "fields", "normals were requested (keepNormals) but the"
                            + " cloud has no '" + n + "' field; it has " + cloud.fieldNames());
                }
            }
        }
        cloud = ResampleFps.reduce(cloud, pointsPerShape, Seeds.mix(Seeds.of(e.id()), FPS_SALT));
        cloud = normalize(cloud, e.file());
        if (!keepNormals) {
            return cloud.withoutFields();
        }
        Map<String, float[]> normals = new java.util.LinkedHashMap<>();
        for (String n : NORMALS) {
            normals.put(n, cloud.field(n));
        }
        return new PointCloud(cloud.xyz(), normals);
    }

    // ---------------------------------------------------------------- indexing

    private static List<String> classFolders(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (String d : IndexFiles.subdirectories(root)) {
            Path p = root.resolve(d);
            if (Files.isDirectory(p.resolve("train")) || Files.isDirectory(p.resolve("test"))) {
                out.add(d);
            }
        }
        return out;
    }

    /** @return the readable sample files of a split folder, sorted by name; none if the folder is absent */
    private static List<Path> sampleFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(CloudIO::isSupported)
                    .sorted()
                    .toList();
        }
    }

    private static List<Entry> indexFolders(Path root, Split split, List<String> classes) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Map<String, Path> seen = new HashMap<>();
            for (Path f : sampleFiles(root.resolve(classes.get(label)).resolve(split.folderName()))) {
                String id = stripExtension(f.getFileName().toString());
                Path before = seen.put(id, f);
                if (before != null) {
                    throw new DatasetFormatException(f, "file name", "two files give the sample id '" + id + "': "
                            + before.getFileName() + " and " + f.getFileName() + "; keep one");
                }
                entries.add(new Entry(f, label, id));
            }
        }
        if (entries.isEmpty()) {
            throw new DatasetFormatException(root, "layout", "no " + split.folderName() + " samples: every <class>/"
                    + split.folderName() + "/ folder is missing or empty (classes " + classes + ")");
        }
        return entries;
    }

    private static Path shapeNames(Path root, int categories) {
        return root.resolve("modelnet" + categories + "_shape_names.txt");
    }

    /** @return the class names of {@code modelnetNN_shape_names.txt}, in label order */
    private static List<String> resampledClasses(Path root, int categories) throws IOException {
        Path names = shapeNames(root, categories);
        List<String> classes = new ArrayList<>();
        for (IndexFiles.Line l : IndexFiles.read(names, "ModelNet" + categories + " class list")) {
            if (classes.contains(l.text())) {
                throw new DatasetFormatException(names, l.location(), "class '" + l.text() + "' is listed twice");
            }
            classes.add(l.text());
        }
        return classes;
    }

    private static List<Entry> indexResampled(Path root, Split split, int categories, List<String> classes)
            throws IOException {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            labels.put(classes.get(i), i);
        }
        Path names = shapeNames(root, categories);
        Path list = root.resolve("modelnet" + categories + "_" + split.folderName() + ".txt");
        List<Entry> entries = new ArrayList<>();
        for (IndexFiles.Line l : IndexFiles.read(list, "ModelNet" + categories + " " + split.folderName() + " id list")) {
            String id = l.text();
            int cut = id.lastIndexOf('_');
            // Official: the class is the id without its last '_'-separated part ("night_stand_0001" -> "night_stand").
            String cls = cut < 0 ? "" : id.substring(0, cut);
            Integer label = labels.get(cls);
            if (label == null) {
                throw new DatasetFormatException(list, l.location(), "id '" + id + "' names class '" + cls
                        + "', which is not in " + names.getFileName() + " (expected <class>_NNNN with a class from that list)");
            }
            Path file = root.resolve(cls).resolve(id + ".txt");
            if (!Files.isRegularFile(file)) {
                throw new DatasetFormatException(list, l.location(), "id '" + id + "': missing point file " + file);
            }
            entries.add(new Entry(file, label, id));
        }
        return entries;
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    private static String defaultName(Path root, Layout layout, int classes, Split split) {
        String base = layout == Layout.RESAMPLED || root.getFileName() == null
                ? "modelnet" + classes : root.getFileName().toString().toLowerCase(Locale.ROOT);
        return base + "/" + split.folderName();
    }

    /** Options of a {@link ModelNetDataset}. */
    public static final class Builder {
        private final Path root;
        private Split split = Split.TRAIN;
        private Layout layout;
        private int categories;
        private boolean keepNormals;
        private boolean cache;
        private int pointsPerShape = DEFAULT_POINTS_PER_SHAPE;
        private int meshSamples = DEFAULT_MESH_SAMPLES;
        private String name;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /** @param split the split to load (default train) */
        public Builder split(Split split) {
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /** @param layout the layout, instead of detecting it ({@link #detectLayout}) */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * @param categories 10 or 40: which {@code modelnetNN_*} index files a {@link Layout#RESAMPLED} root uses.
         *     Default: 40 if {@code modelnet40_shape_names.txt} exists (the official folder holds both), else 10.
         */
        public Builder categories(int categories) {
            if (categories != 10 && categories != 40) {
                throw new IllegalArgumentException("ModelNet has 10 or 40 categories, got " + categories);
            }
            this.categories = categories;
            return this;
        }

        /** @param keep keep the {@code nx ny nz} normal fields (default false: dropped, as the official USE_NORMALS: FALSE) */
        public Builder keepNormals(boolean keep) {
            this.keepNormals = keep;
            return this;
        }

        /** @param cache keep processed clouds in memory after their first read (default false) */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /** @param n FPS shapes with more than {@code n} points down to {@code n} at load time (default 8192) */
        public Builder pointsPerShape(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("pointsPerShape must be positive, got " + n);
            }
            this.pointsPerShape = n;
            return this;
        }

        /** Keeps every point of every file (no load-time FPS). */
        public Builder allPoints() {
            this.pointsPerShape = Integer.MAX_VALUE;
            return this;
        }

        /** @param n surface samples per mesh for {@link Layout#MESHES} (default 10000) */
        public Builder meshSamples(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("meshSamples must be positive, got " + n);
            }
            this.meshSamples = n;
            return this;
        }

        /** @param name the dataset name (default e.g. {@code "modelnet40/train"} or {@code "<root folder>/train"}) */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Indexes the split (reads the index files or lists the folders; point files are read lazily).
         *
         * @throws DatasetFormatException if the root matches no layout, an index file is missing or names an
         *     unknown class, or a listed file is missing
         */
        public ModelNetDataset build() throws IOException {
            Layout l = layout != null ? layout : detectLayout(root);
            if (l == Layout.RESAMPLED) {
                int c = categories != 0 ? categories
                        : Files.isRegularFile(shapeNames(root, 40)) ? 40 : 10;
                List<String> classes = resampledClasses(root, c);
                return new ModelNetDataset(this, l, classes, indexResampled(root, split, c, classes));
            }
            if (!Files.isDirectory(root)) {
                throw new DatasetFormatException(root, "layout", "not a directory; expected a ModelNet root folder");
            }
            List<String> classes = classFolders(root);
            if (classes.isEmpty()) {
                throw new DatasetFormatException(root, "layout", "layout " + l + " expects class folders with train/"
                        + " and test/ sub-folders; " + IndexFiles.listing(root, 12));
            }
            return new ModelNetDataset(this, l, classes, indexFolders(root, split, classes));
        }
    }
}
