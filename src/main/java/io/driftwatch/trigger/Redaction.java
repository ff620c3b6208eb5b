package io.driftwatch.trigger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes a trigger's secrets (passwords, tokens, header values, a secret webhook address) from
 * text that leaves the trigger: outcome reasons, which the outbox stores and the API and
 * dashboard show. A receiver that echoes a credential in an error body, or an exception message
 * that quotes an address, cannot leak it this way.
 *
 * <p>Thread-safe: immutable.
 */
final class Redaction {
    static final String MASK = "***";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks every non-empty string of {@code secrets} (nulls are skipped). */
    static Redaction of(Collection<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                kept.add(s);
            }
        }
        // longest first, so a secret that contains another is masked whole
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(kept));
    }

    static Redaction none() {
        return new Redaction(List.of());
    }

    /** {@code text} with every secret replaced by {@value #MASK}; null stays null. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
