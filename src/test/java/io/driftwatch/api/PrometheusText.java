package io.driftwatch.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample whose name, labels (values escaped with {@code \\},
 * {@code \"} and {@code \n} only) and value follow the format, or parsing fails naming the line.
 *
 * <p>Thread-safe: immutable once parsed.
 */
public final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"";
    private static final String VALUE = "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]Inf|NaN)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final String PAIR = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{((?:" + PAIR + ",)*(?:" + PAIR
            + ")?)\\})? " + VALUE + "(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=" + LABEL_VALUE + ",?");

    /** A sample's name and labels. */
    public record Series(String name, Map<String, String> labels) {
        public Series {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }
    }

    private final Map<Series, Double> samples;
    private final Map<String, String> types;

    private PrometheusText(Map<Series, Double> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        Map<Series, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    int end = 0;
                    while (l.find() && l.start() == end) {
                        if (labels.put(l.group(1), unescape(l.group(2))) != null) {
                            throw new IllegalArgumentException("line " + (i + 1) + ": label " + l.group(1) + " twice");
                        }
                        end = l.end();
                    }
                    if (end != m.group(2).length()) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": bad labels: " + line);
                    }
                }
                Series s = new Series(m.group(1), labels);
                if (samples.put(s, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a second sample of " + s);
                }
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + " is not in the text format 0.0.4: " + line);
            }
        }
        return new PrometheusText(samples, types);
    }

    /** The value of series {@code name} with labels {@code k1, v1, k2, v2…}, or null when absent. */
    public Double value(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return samples.get(new Series(name, map));
    }

    /** Every series named {@code name}. */
    public List<Series> series(String name) {
        List<Series> out = new ArrayList<>();
        for (Series s : samples.keySet()) {
            if (s.name().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The TYPE declared for family {@code name}, or null. */
    public String type(String name) {
        return types.get(name);
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\') {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
