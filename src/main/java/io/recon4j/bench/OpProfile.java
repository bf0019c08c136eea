package io.recon4j.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-operator self time from a libtorch profiler trace (the Chrome-trace JSON that DJL's
 * {@code JniUtils.stopProfile} writes): events are nested by time on each thread, and an operator's self time is
 * its duration minus that of the operators it called — so {@code aten::linear} does not count its {@code addmm}.
 */
public final class OpProfile {

    /**
     * One operator's totals over the profiled steps.
     *
     * @param name operator name, e.g. {@code aten::addmm} or {@code AddmmBackward0}
     * @param calls number of calls
     * @param selfMicros time inside the operator itself, µs
     * @param totalMicros time including the operators it called, µs (outermost calls only)
     */
    public record Op(String name, long calls, double selfMicros, double totalMicros) {
    }

    private final List<Op> ops;
    private final double selfTotalMicros;

    private OpProfile(List<Op> ops) {
        this.ops = List.copyOf(ops);
        this.selfTotalMicros = ops.stream().mapToDouble(Op::selfMicros).sum();
    }

    /** @return operators by descending self time */
    public List<Op> ops() {
        return ops;
    }

    /** @return the summed self time of every operator, µs (the profiled native time) */
    public double selfTotalMicros() {
        return selfTotalMicros;
    }

    /**
     * Reads a trace.
     *
     * @param trace the profiler's JSON (an array of {@code "ph": "X"} events with name, ts, dur, tid)
     * @return the per-operator totals
     * @throws IOException if the file cannot be read or is not such an array (naming the event that is not)
     */
    public static OpProfile read(Path trace) throws IOException {
        JsonElement root;
        try (Reader r = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(trace + ": not a profiler trace (JSON): " + e.getMessage(), e);
        }
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray()
                : root.isJsonObject() && root.getAsJsonObject().has("traceEvents")
                        ? root.getAsJsonObject().getAsJsonArray("traceEvents") : null;
        if (events == null) {
            throw new IOException(trace + ": expected a JSON array of trace events (or {\"traceEvents\": [...]})");
        }
        Map<String, List<Event>> byThread = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i).getAsJsonObject();
            if (!e.has("ph") || !"X".equals(e.get("ph").getAsString())) {
                continue;
            }
            if (!e.has("name") || !e.has("ts") || !e.has("dur")) {
                throw new IOException(trace + ": event " + i + " lacks name, ts or dur: " + e);
            }
            String thread = e.has("pid") ? e.get("pid").getAsString() + "/" : "";
            thread += e.has("tid") ? e.get("tid").getAsString() : "";
            byThread.computeIfAbsent(thread, k -> new ArrayList<>())
                    .add(new Event(e.get("name").getAsString(), e.get("ts").getAsDouble(), e.get("dur").getAsDouble()));
        }
        return of(byThread.values());
    }

    /** A complete event: an operator call from ts to ts + dur (µs). */
    record Event(String name, double ts, double dur) {
        double end() {
            return ts + dur;
        }
    }

    /** Nests each thread's events by time; an event's children are the events that start and end inside it. */
    static OpProfile of(Iterable<List<Event>> threads) {
        Map<String, double[]> acc = new LinkedHashMap<>(); // name -> calls, self, total
        for (List<Event> events : threads) {
            List<Event> sorted = new ArrayList<>(events);
            // parents before their children: earlier start first, the longer event first on a tie
            sorted.sort(Comparator.comparingDouble(Event::ts).thenComparing(Comparator.comparingDouble(Event::dur).reversed()));
            Deque<Event> open = new ArrayDeque<>();
            Map<Event, Double> childTime = new HashMap<>();
            for (Event e : sorted) {
                while (!open.isEmpty() && open.peek().end() <= e.ts() + 1e-3) {
                    open.pop(); // that call had finished before this one started
                }
                double[] a = acc.computeIfAbsent(e.name(), k -> new double[3]);
                a[0]++;
                if (open.isEmpty()) {
                    a[2] += e.dur();
                } else {
                    childTime.merge(open.peek(), e.dur(), Double::sum);
                    if (open.stream().noneMatch(p -> p.name().equals(e.name()))) {
                        a[2] += e.dur();
                    }
                }
                open.push(e);
            }
            for (Event e : sorted) {
                acc.get(e.name())[1] += e.dur() - childTime.getOrDefault(e, 0.0);
            }
        }
        List<Op> ops = new ArrayList<>();
        acc.forEach((name, a) -> ops.add(new Op(name, (long) a[0], Math.max(0, a[1]), a[2])));
        ops.sort(Comparator.comparingDouble(Op::selfMicros).reversed());
        return new OpProfile(ops);
    }

    /**
     * The largest operators as a markdown table, per step.
     *
     * @param top how many operators
     * @param steps profiled steps (the per-step figures divide by it)
     * @return the table, with a last row for everything else
     */
    public String toMarkdown(int top, int steps) {
        StringBuilder sb = new StringBuilder("| operator | calls/step | self ms/step | share of self time | total ms/step |\n"
                + "|---|---:|---:|---:|---:|\n");
        double rest = selfTotalMicros;
        long restCalls = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op o = ops.get(i);
            if (i < top) {
                sb.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.2f | %.1f%% | %.2f |%n", o.name(), (double) o.calls() / steps,
                        o.selfMicros() / 1e3 / steps, 100 * o.selfMicros() / selfTotalMicros, o.totalMicros() / 1e3 / steps));
                rest -= o.selfMicros();
            } else {
                restCalls += o.calls();
            }
        }
        if (ops.size() > top) {
            sb.append(String.format(Locale.ROOT, "| %d other operators | %.1f | %.2f | %.1f%% | |%n", ops.size() - top,
                    (double) restCalls / steps, rest / 1e3 / steps, 100 * rest / selfTotalMicros));
        }
        long calls = ops.stream().mapToLong(Op::calls).sum();
        sb.append(String.format(Locale.ROOT, "| **all** | %.1f | %.2f | 100%% | |%n", (double) calls / steps,
                selfTotalMicros / 1e3 / steps));
        return sb.toString();
    }
}
