package io.recon4j.teacher;

/** A frozen text encoder: prompt → D floats (see {@link Prompts} for the official prompts). */
public interface TextTeacher extends Teacher {

    /**
     * @param prompt the text, e.g. {@code "A 3D model of a chair."}
     * @return its feature, length {@link #dimension()}
     */
    float[] embed(String prompt);
}
