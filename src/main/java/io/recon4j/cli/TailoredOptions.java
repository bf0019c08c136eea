package io.recon4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A mixin of options that several commands share by name and meaning but default and describe in their own words
 * (pretraining's 300 epochs are not fine-tuning's): the command creates the mixin with its defaults and help, and
 * {@link #apply} writes them into the command's spec before anything is parsed. An option's help is its sentence
 * (the annotation's, or the command's), then "(note; default X)" when there is a note or a default.
 *
 * @param <T> the mixin's own type, for chained calls
 */
abstract class TailoredOptions<T extends TailoredOptions<T>> {

    private record Tailoring(String defaultValue, String sentence, String note, boolean required) {
    }

    private final Map<String, Tailoring> byName = new LinkedHashMap<>();

    /** Gives option {@code name} this command's default (null: none) and a note after the annotation's sentence. */
    final T note(String name, String defaultValue, String note) {
        return put(name, new Tailoring(defaultValue, null, note, false));
    }

    /** Gives option {@code name} this command's default (null: none) and its own sentence. */
    final T sentence(String name, String defaultValue, String sentence) {
        return put(name, new Tailoring(defaultValue, sentence, null, false));
    }

    /** Makes option {@code name} required, with its own sentence. */
    final T required(String name, String sentence) {
        return put(name, new Tailoring(null, sentence, null, true));
    }

    @SuppressWarnings("unchecked")
    private T put(String name, Tailoring t) {
        byName.put(name, t);
        return (T) this;
    }

    /** Applies the tailored mixins of {@code cl} and of all its subcommands, recursively. */
    static void apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        Map<String, Tailoring> all = new HashMap<>();
        collect(spec, all);
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            Tailoring t = all.get(o.longestName());
            if (t != null) {
                spec.remove(o);
                spec.addOption(o.toBuilder().defaultValue(t.defaultValue()).required(t.required())
                        .description(describe(t, o.description())).build());
            }
        }
        cl.getSubcommands().values().stream().distinct().forEach(TailoredOptions::apply);
    }

    private static void collect(CommandSpec spec, Map<String, Tailoring> all) {
        for (CommandSpec mixin : spec.mixins().values()) {
            collect(mixin, all);
            if (mixin.userObject() instanceof TailoredOptions<?> t) {
                all.putAll(t.byName);
            }
        }
    }

    private static String describe(Tailoring t, String[] annotated) {
        String sentence = t.sentence() != null ? t.sentence() : String.join(" ", annotated);
        List<String> parts = new ArrayList<>();
        if (t.note() != null) {
            parts.add(t.note());
        }
        if (t.defaultValue() != null) {
            parts.add("default ${DEFAULT-VALUE}");
        }
        return sentence + (parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")") + ".";
    }
}
