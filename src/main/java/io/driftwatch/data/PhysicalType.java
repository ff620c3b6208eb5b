package io.driftwatch.data;

/**
 * How a column's values were stored at the source, the counterpart of a pandas dtype. It decides
 * the column's inferred type (Evidently 0.7 infers from the dtype first, then from the values), so
 * readers must report it faithfully: a CSV column of whole numbers is {@link #INTEGER}, one with a
 * decimal point or a missing cell is {@link #FLOAT}.
 */
public enum PhysicalType {
    /** Floating point numbers (pandas {@code float64}); stored as {@code double}. */
    FLOAT,
    /** Whole numbers with no missing cell (pandas {@code int64}); stored exactly as {@code double} up to 2^53. */
    INTEGER,
    /** True/false (pandas {@code bool}); stored as 0.0 and 1.0. */
    BOOLEAN,
    /** Dates and timestamps (pandas {@code datetime64}); stored as epoch milliseconds in a {@code double}. */
    TIMESTAMP,
    /** Text (pandas {@code object} holding {@code str}); stored as dictionary codes. */
    STRING;

    /** What values of this type are, in words for messages: "decimal numbers", "whole numbers", "text"… */
    public String describe() {
        return switch (this) {
            case FLOAT -> "decimal numbers";
            case INTEGER -> "whole numbers";
            case BOOLEAN -> "true/false values";
            case TIMESTAMP -> "dates";
            case STRING -> "text";
        };
    }

    /** Whether columns of this type are {@link NumericColumn}s; only {@link #STRING} is categorical storage. */
    public boolean isNumericStorage() {
        return this != STRING;
    }
}
