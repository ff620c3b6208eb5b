package io.driftwatch.monitor.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedParameters;

/**
 * Opens sources, and checks a {@link SourceSpec} against what the service allows before a monitor
 * that uses it is accepted.
 *
 * <p>Thread-safe: stateless.
 */
public final class Sources {
    /** {@code ${NAME}} in an http source's header values. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Sources() {
    }

    /** One thing wrong with a source for this service, with the field of the definition it concerns. */
    public record Problem(String field, String message) {
    }

    /** Opens {@code spec}; call {@link #problems} first, since opening assumes a valid spec. */
    public static Source open(SourceSpec spec, SourceEnvironment environment) {
        if (spec instanceof SourceSpec.Directory d) {
            return new DirectorySource(d, environment.directories(), environment.temporaryDirectory());
        }
        if (spec instanceof SourceSpec.Jdbc j) {
            return new JdbcSource(j, environment.dataSources().get(j.dataSource()), environment.temporaryDirectory());
        }
        if (spec instanceof SourceSpec.S3 s) {
            return new S3Source(s, environment.environment(), environment.temporaryDirectory());
        }
        SourceSpec.Http h = (SourceSpec.Http) spec;
        return new HttpSource(h, environment.environment(), environment.temporaryDirectory());
    }

    /** Whether the existing {@code folder}'s real path lies outside the real paths of {@code roots}. */
    private static boolean leadsOut(Path folder, List<Path> roots) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            return false; // missing (yet) or unreadable: each run resolves it again, and says so
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return false;
                }
            } catch (IOException e) {
                // a root that does not exist holds nothing
            }
        }
        return true;
    }

    /**
     * Parameters the query uses that a run does not bind: only {@code :from} and {@code :to} are. Read
     * with JDBI's own parser (the one runs use), so casts ({@code ::text}) and quoted colons are not
     * parameters.
     */
    static List<Problem> queryParameters(String query) {
        ParsedParameters parameters = new ColonPrefixSqlParser().parse(query, null).getParameters();
        List<Problem> problems = new ArrayList<>();
        if (parameters.isPositional() && parameters.getParameterCount() > 0) {
            problems.add(new Problem("source.query", "the query has ? parameters; write :from and :to for the "
                    + "window's bounds (no other parameter is bound)"));
            return problems;
        }
        for (String name : parameters.getParameterNames()) {
            if (!"from".equals(name) && !"to".equals(name)) {
                problems.add(new Problem("source.query", "the query has the parameter :" + name
                        + "; only :from and :to (the window's bounds) are bound"));
            }
        }
        return problems;
    }

    /**
     * What keeps {@code spec} from running on this service: a folder outside the allowed ones, an
     * undeclared data source, a URL that is not http(s), a header naming an unset variable.
     */
    public static List<Problem> problems(SourceSpec spec, SourceEnvironment environment) {
        List<Problem> problems = new ArrayList<>();
        if (spec instanceof SourceSpec.Directory d) {
                Path folder = d.path().toAbsolutePath().normalize();
                boolean allowed = false;
                for (Path root : environment.directories()) {
                    allowed |= folder.startsWith(root);
                }
                if (!allowed) {
                    problems.add(new Problem("source.path", "'" + d.path() + "' is not in a folder this service may read; "
                            + "config.yml allows " + (environment.directories().isEmpty() ? "none"
                            : environment.directories().toString()) + " (sources.directories)"));
                } else if (leadsOut(folder, environment.directories())) {
                    problems.add(new Problem("source.path", "'" + d.path() + "' leads out of the folders this service"
                            + " may read through a symbolic link; config.yml allows " + environment.directories()
                            + " (sources.directories)"));
                }
        } else if (spec instanceof SourceSpec.Jdbc j) {
                problems.addAll(queryParameters(j.query()));
                if (!environment.dataSources().containsKey(j.dataSource())) {
                    problems.add(new Problem("source.datasource", "unknown data source '" + j.dataSource()
                            + "'; config.yml declares " + (environment.dataSources().isEmpty() ? "none"
                            : String.join(", ", environment.dataSources().keySet().stream().sorted().toList()))
                            + " (sources.dataSources)"));
                }
        } else if (spec instanceof SourceSpec.Http h) {
                try {
                    URI uri = new URI(h.url().replace("{from}", "x").replace("{to}", "x"));
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        problems.add(new Problem("source.url", "'" + h.url() + "' is not an http or https URL"));
                    }
                } catch (URISyntaxException e) {
                    problems.add(new Problem("source.url", "'" + h.url() + "' is not a URL: " + e.getReason()));
                }
                for (Map.Entry<String, String> header : h.headers().entrySet()) {
                    Matcher m = VARIABLE.matcher(header.getValue());
                    while (m.find()) {
                        if (environment.environment().apply(m.group(1)) == null) {
                            problems.add(new Problem("source.headers." + header.getKey(), "the environment variable "
                                    + m.group(1) + " is not set on this service"));
                        }
                    }
                }
        }
        return problems;
    }
}
