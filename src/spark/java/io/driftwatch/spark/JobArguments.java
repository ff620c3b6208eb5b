package io.driftwatch.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job's command line: {@code --flag value} pairs, each flag one the job declares; a flag named in
 * {@code repeatable} may appear more than once, every other at most once.
 *
 * <p>Not thread-safe; used once by the job's driver.
 */
final class JobArguments {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private JobArguments() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws JobArgumentException on an unknown flag, a flag without its value, a repeated flag
     */
    static JobArguments parse(String[] args, Set<String> flags, Set<String> repeatable) {
        JobArguments parsed = new JobArguments();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flags.contains(flag)) {
                throw new JobArgumentException("unknown argument '" + flag + "'; expected one of " + String.join(", ",
                        flags.stream().sorted().toList()));
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new JobArgumentException("argument " + flag + " needs a value");
            }
            List<String> list = parsed.values.computeIfAbsent(flag, f -> new ArrayList<>());
            if (!list.isEmpty() && !repeatable.contains(flag)) {
                throw new JobArgumentException("argument " + flag + " is given twice");
            }
            list.add(args[++i]);
        }
        return parsed;
    }

    Optional<String> get(String flag) {
        List<String> list = values.get(flag);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    String required(String flag) {
        return get(flag).orElseThrow(() -> new JobArgumentException("argument " + flag + " is required"));
    }

    List<String> all(String flag) {
        return values.getOrDefault(flag, List.of());
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    /** A positive whole number, or {@code otherwise} when the flag is absent. */
    int positive(String flag, int otherwise) {
        Optional<String> v = get(flag);
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new JobArgumentException("argument " + flag + " must be a positive whole number, got '" + v.get() + "'");
    }

    /** A comma-separated list (blank entries dropped), empty when the flag is absent. */
    List<String> list(String flag) {
        List<String> out = new ArrayList<>();
        for (String v : all(flag)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
