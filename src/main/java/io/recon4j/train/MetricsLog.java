package io.recon4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSONL metrics log: one flat JSON object per line ({@code {"kind":"step","epoch":0,"step":12,"loss":0.08,...}}),
 * flushed after every line so a killed run loses nothing that was logged.
 */
public final class MetricsLog implements AutoCloseable {

    private static final Gson GSON = new Gson();

    private final Path file;
    private final BufferedWriter out;

    private MetricsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens the log for appending. When resuming, lines logged after the checkpoint's step are dropped
     * first, so the log describes exactly the run that continues.
     *
     * @param file the log
     * @param keepUpToStep keep lines whose {@code step} is ≤ this (use -1 to start a fresh log)
     */
    public static MetricsLog open(Path file, long keepUpToStep) throws IOException {
        if (keepUpToStep < 0) {
            Files.deleteIfExists(file);
        } else if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    if (!o.has("step") || o.get("step").getAsLong() <= keepUpToStep) {
                        kept.add(line);
                    }
                } catch (RuntimeException e) {
                    // A line cut by a crash mid-write: drop it, it belongs to the lost part of the run.
                }
            }
            io.recon4j.util.AtomicFiles.write(file, o -> o.write((String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Appends one record. */
    public synchronized void log(Map<String, ?> record) throws IOException {
        out.write(GSON.toJson(record));
        out.newLine();
        out.flush();
    }

    /** @return every record of a log file, in order */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                Map<String, Object> m = new LinkedHashMap<>();
                o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()
                        ? (Object) e.getValue().getAsDouble() : e.getValue().getAsString()));
                records.add(m);
            }
        }
        return records;
    }

    /** @return the log file */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
