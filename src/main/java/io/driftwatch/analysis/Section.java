package io.driftwatch.analysis;

/**
 * One analysis's part of a check's result: what the report renders with the section's own view,
 * what the JSON result carries, and what a monitor's policy reads its conditions from.
 *
 * <p>Thread-safe: implementations are immutable records of their analysis's package.
 */
public interface Section {
    /** The section's name: the analysis it came from ({@code drift}, {@code quality}, …). */
    String name();
}
