package io.recon4j.data.procedural;

import java.util.List;
import java.util.stream.Stream;

/**
 * The procedural categories, in label order. The words are real category names because they
 * become the text teacher's prompts.
 */
enum Category {
    AIRPLANE("airplane", Recipes::airplane),
    BED("bed", Recipes::bed),
    BOTTLE("bottle", Recipes::bottle),
    BOWL("bowl", Recipes::bowl),
    CAR("car", Recipes::car),
    CHAIR("chair", Recipes::chair),
    CUP("cup", Recipes::cup),
    DESK("desk", Recipes::desk),
    LAMP("lamp", Recipes::lamp),
    MUG("mug", Recipes::mug),
    ROCKET("rocket", Recipes::rocket),
    SHELF("shelf", Recipes::shelf),
    SOFA("sofa", Recipes::sofa),
    STOOL("stool", Recipes::stool),
    TABLE("table", Recipes::table),
    VASE("vase", Recipes::vase);

    /** Builds one random instance of a category into a builder. */
    @FunctionalInterface
    interface Recipe {
        void build(ShapeBuilder builder, SeededRandom rng);
    }

    private static final List<String> WORDS = Stream.of(values()).map(c -> c.word).toList();

    final String word;
    final Recipe recipe;

    Category(String word, Recipe recipe) {
        this.word = word;
        this.recipe = recipe;
    }

    /** @return the category words, indexed by label */
    static List<String> words() {
        return WORDS;
    }
}
