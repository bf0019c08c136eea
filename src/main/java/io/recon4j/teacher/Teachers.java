package io.recon4j.teacher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Teachers by name, as the command line gives them: text {@code none | minilm}; image {@code none |
 * cae:CHECKPOINT | onnx:FILE | torchscript:FILE} plus any scheme registered with {@link #registerImage}.
 */
public final class Teachers {

    /** Builds an image teacher from the part of the spec after {@code scheme:}. */
    @FunctionalInterface
    public interface ImageTeacherFactory {
        /**
         * @param argument the text after the colon (a file name for the built-in schemes)
         * @param input the configured image size and normalisation
         * @param dimension the configured output width (0 if not given; factories that know it may ignore it)
         */
        ImageTeacher create(String argument, ImageInput input, int dimension) throws IOException;
    }

    /**
     * An image-teacher scheme contributed by another package through {@link java.util.ServiceLoader} (a line in
     * {@code META-INF/services/io.recon4j.teacher.Teachers$ImageTeacherProvider}), so that this package depends on
     * none of its providers: {@code io.recon4j.cae} contributes {@code cae:CHECKPOINT} this way.
     */
    public interface ImageTeacherProvider {
        /** @return the scheme, lower-case letters, digits and dashes */
        String scheme();

        /** @return the factory for {@code scheme:ARGUMENT} */
        ImageTeacherFactory factory();
    }

    private static final Map<String, ImageTeacherFactory> IMAGE = new TreeMap<>();

    static {
        IMAGE.put("onnx", (arg, input, dim) -> OnnxImageTeacher.load(Path.of(arg), input, dim));
        IMAGE.put("torchscript", (arg, input, dim) -> TorchScriptImageTeacher.load(Path.of(arg), input, dim));
        for (ImageTeacherProvider p : java.util.ServiceLoader.load(ImageTeacherProvider.class, Teachers.class.getClassLoader())) {
            IMAGE.put(p.scheme(), p.factory());
        }
    }

    private Teachers() {
    }

    /**
     * Adds (or replaces) an image-teacher scheme, e.g. {@code "cae"} for {@code cae:CHECKPOINT}.
     *
     * @param scheme lower-case letters, digits and dashes
     */
    public static synchronized void registerImage(String scheme, ImageTeacherFactory factory) {
        if (!scheme.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("scheme must be lower-case letters, digits and dashes: '" + scheme + "'");
        }
        IMAGE.put(scheme, java.util.Objects.requireNonNull(factory, "factory"));
    }

    /**
     * @param spec {@code none} or {@code minilm}
     * @return the teacher, or null for none
     */
    public static TextTeacher text(String spec) {
        return switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> null;
            case "minilm", "all-minilm-l6-v2" -> new MiniLmTextTeacher();
            default -> throw new IllegalArgumentException("unknown text teacher '" + spec + "'; use none or minilm");
        };
    }

    /**
     * @param spec {@code none} or {@code scheme:argument}, e.g. {@code onnx:vit.onnx}
     * @param input image size and normalisation
     * @param dimension declared output width
     * @return the teacher, or null for none
     * @throws IOException if the teacher's file cannot be loaded
     */
    public static synchronized ImageTeacher image(String spec, ImageInput input, int dimension) throws IOException {
        String s = spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return null;
        }
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? s.toLowerCase(Locale.ROOT) : s.substring(0, colon).toLowerCase(Locale.ROOT);
        ImageTeacherFactory f = IMAGE.get(scheme);
        if (f == null || colon < 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("unknown image teacher '" + spec + "'; use none or one of "
                    + IMAGE.keySet().stream().map(k -> k + ":FILE").toList());
        }
        return f.create(s.substring(colon + 1), input, dimension);
    }
}
