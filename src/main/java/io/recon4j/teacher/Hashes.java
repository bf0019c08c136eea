package io.recon4j.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in hex, for cache paths, cloud fingerprints and teacher-file identities. */
final class Hashes {

    private Hashes() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return SHA-256 of the UTF-8 bytes of {@code s}, 64 hex digits */
    static String of(String s) {
        return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return SHA-256 of the floats (big-endian IEEE bytes), first 16 hex digits */
    static String of(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
        buf.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(sha256().digest(buf.array())).substring(0, 16);
    }

    /** @return SHA-256 of the file's content, first 16 hex digits */
    static String ofFile(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
