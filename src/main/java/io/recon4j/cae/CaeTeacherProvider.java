package io.recon4j.cae;

import io.recon4j.teacher.Teachers;
import java.nio.file.Path;

/**
 * Contributes the built-in image teacher {@code cae:CHECKPOINT} to {@link Teachers} through {@link java.util.ServiceLoader}:
 * size, channels and normalisation come from the CAE checkpoint itself.
 */
public final class CaeTeacherProvider implements Teachers.ImageTeacherProvider {

    @Override
    public String scheme() {
        return "cae";
    }

    @Override
    public Teachers.ImageTeacherFactory factory() {
        return (arg, input, dim) -> CaeImageTeacher.load(Path.of(arg));
    }
}
