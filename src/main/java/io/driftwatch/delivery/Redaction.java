package io.driftwatch.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes a receiver's secrets (webhook URLs, routing keys, passwords, tokens, header values) from
 * text that leaves it: outcome reasons, which the outbox stores and the API, the dashboard and
 * {@code notify-test} show. A receiver that echoes a credential in an error body, or an exception
 * message that quotes an address, cannot leak it this way.
 *
 * <p>Thread-safe: immutable.
 */
public final class Redaction {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks every non-empty string of {@code secrets} (nulls are skipped). */
    public static Redaction of(Collection<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty() && !kept.contains(s)) {
                kept.add(s);
            }
        }
        // longest first, so a secret that contains another (a URL and its path) is masked whole
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(kept));
    }

    /**
     * The parts of an address that are secret when the address itself is the credential (a Slack or
     * Teams webhook, a hook URL with a token in its path): the whole URL, its path and its query, raw
     * and decoded, each when longer than one character (a path of {@code /} gives nothing away).
     */
    public static List<String> secretParts(URI address) {
        List<String> parts = new ArrayList<>();
        for (String s : new String[] {address.toString(), address.getRawPath(), address.getPath(),
                address.getRawQuery(), address.getQuery()}) {
            if (s != null && s.length() > 1) {
                parts.add(s);
            }
        }
        return parts;
    }

    /** {@value #MASK} for a secret that is set, {@code null} for one that is not: for {@code toString()}. */
    public static String mask(String secret) {
        return secret == null ? "null" : MASK;
    }

    /** {@code text} with every secret replaced by {@value #MASK}; null stays null. */
    public String apply(String text) {
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
