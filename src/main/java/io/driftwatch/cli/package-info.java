/**
 * The command-line verbs ({@code check}, {@code inspect}, {@code profile}, {@code token}) and the
 * small pieces the service registers at start-up. Thin: commands parse arguments, delegate to the
 * layers below and turn their exceptions into one readable line and an exit code; they never print
 * a stack trace for bad input.
 */
package io.driftwatch.cli;
