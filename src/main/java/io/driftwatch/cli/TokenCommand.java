package io.driftwatch.cli;

import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch token --name NAME --role read|write}: creates a token for the service's API and
 * dashboard. Prints the token once (the service never stores it) and the lines that declare it,
 * by its SHA-256, under {@code auth.tokens} in the service's configuration file. Exit code 0, or 2
 * for bad usage.
 *
 * <p>A token is {@value #PREFIX} followed by 32 bytes from {@link SecureRandom} in URL-safe Base64
 * (256 bits: far past guessing, which is why the service may keep a plain SHA-256 of it). The
 * prefix makes a leaked token easy to recognise, e.g. by secret scanners.
 *
 * <p>Thread-safe: stateless.
 */
public final class TokenCommand extends DriftwatchCommand {
    static final String PREFIX = "dw_";
    private static final int RANDOM_BYTES = 32;
    /** The names {@code auth.tokens[].name} accepts (AuthFactory.TokenFactory's constraint). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public TokenCommand() {
        super("token", "Create a token for the service's API and dashboard, and the config lines that declare it");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--name").metavar("NAME").required(true)
                .help("who will hold the token, e.g. ci-pipeline or analysts");
        subparser.addArgument("--role").required(true).choices("read", "write")
                .help("read: the API's reads, the dashboard, the reports; write: also uploads, monitors and checks");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String name = namespace.getString("name");
        String role = namespace.getString("role");
        if (!NAME.matcher(name).matches()) {
            throw new CommandFailedException(ExitCode.BAD_INPUT, "--name must be 1 to 64 letters, digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit; got '" + name + "'");
        }
        String token = newToken();
        print(System.out, name, role, token);
    }

    static String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token's UTF-8 bytes in hex: what the service compares a presented token with. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing, which every Java platform must have", e);
        }
    }

    static void print(PrintStream out, String name, String role, String token) {
        out.println("A " + role + " token for '" + name + "'. It is shown only this once: keep it where secrets go"
                + " (a CI secret,");
        out.println("a password manager). Send it as 'Authorization: Bearer <token>'; a browser asks for it as"
                + " the password.");
        out.println();
        out.println("    " + token);
        out.println();
        out.println("Declare it in the service's configuration file (this holds the token's SHA-256, not the token),");
        out.println("next to any tokens already there, and restart the service:");
        out.println();
        out.println("auth:");
        out.println("  tokens:");
        out.println("    - name: " + name);
        out.println("      role: " + role);
        out.println("      sha256: " + sha256(token));
    }
}
