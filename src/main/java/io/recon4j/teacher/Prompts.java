package io.recon4j.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The official text prompts (qizekun/ReCon {@code models/CrossModal.py}, {@code TextTransformer}, release
 * eb37728): one of 20 prefixes + the category name + one of 3 suffixes.
 *
 * <p>Pretraining draws the prefix and the suffix independently and uniformly per sample
 * ({@code random.choice} twice). Zero-shot sums the features of all 60 prompts in the code's index order:
 * prompt {@code j} = {@code PREFIXES[j % 20] + name + SUFFIXES[j / 20]}.
 *
 * <p>The third suffix is {@code " with white context."} as in the code; recon.md §1.8 lists
 * {@code " with black context."}, which appears in later derived code but not in ReCon's release.
 */
public final class Prompts {

    /** The 20 prefixes, in the code's order: each "… of " entry is followed by its "… of a " twin. */
    public static final List<String> PREFIXES = List.of(
            "",
            "A ",
            "A model of ",
            "A model of a ",
            "A image of ",
            "A image of a ",
            "A 3D model of ",
            "A 3D model of a ",
            "A rendering model of ",
            "A rendering model of a ",
            "A point cloud of ",
            "A point cloud of a ",
            "A point cloud model of ",
            "A point cloud model of a ",
            "A 3D rendering model of ",
            "A 3D rendering model of a ",
            "A rendering image of ",
            "A rendering image of a ",
            "A 3D rendering image of ",
            "A 3D rendering image of a ");

    /** The 3 suffixes, in the code's order. */
    public static final List<String> SUFFIXES = List.of(".", " with white background.", " with white context.");

    /** Number of distinct prompts per name (20 × 3). */
    public static final int COUNT = PREFIXES.size() * SUFFIXES.size();

    private Prompts() {
    }

    /**
     * @param name category name or description
     * @param index in [0, 60)
     * @return prompt {@code index} in the zero-shot order: prefix {@code index % 20}, suffix {@code index / 20}
     */
    public static String prompt(String name, int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("prompt index must be in 0.." + (COUNT - 1) + ", got " + index);
        }
        return PREFIXES.get(index % PREFIXES.size()) + name + SUFFIXES.get(index / PREFIXES.size());
    }

    /** @return all 60 prompts of {@code name} in index order */
    public static List<String> all(String name) {
        List<String> out = new ArrayList<>(COUNT);
        for (int j = 0; j < COUNT; j++) {
            out.add(prompt(name, j));
        }
        return out;
    }

    /**
     * Draws a random prompt index as the pretraining code does: prefix and suffix uniform and independent.
     *
     * @param random the sample's generator (seed it from (seed, epoch, sample) for exact resume)
     * @return an index for {@link #prompt(String, int)}
     */
    public static int draw(SplittableRandom random) {
        int prefix = random.nextInt(PREFIXES.size());
        int suffix = random.nextInt(SUFFIXES.size());
        return suffix * PREFIXES.size() + prefix;
    }
}
