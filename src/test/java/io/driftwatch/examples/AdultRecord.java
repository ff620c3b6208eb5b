package io.driftwatch.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One person of the UCI Adult data: the 14 features as the raw file spells them (trimmed; {@code ?}
 * for missing) and whether the income is above $50K. Immutable; thread-safe.
 *
 * @param id       the example's {@code request_id}: the file's short name and the record's line number
 *                 in it ({@code data-00017}, {@code test-00003}), so a row can be traced to its source
 * @param features the 14 feature cells in file order (see {@link #COLUMNS})
 * @param above50k true for {@code >50K}
 */
record AdultRecord(String id, List<String> features, boolean above50k) {
    /** The feature columns in file order, with the raw files' own names. */
    static final List<String> COLUMNS = List.of("age", "workclass", "fnlwgt", "education", "education-num",
            "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss",
            "hours-per-week", "native-country");
    static final int AGE = 0;
    static final int WORKCLASS = 1;
    static final int EDUCATION_NUM = 4;
    static final int MARITAL_STATUS = 5;
    static final int OCCUPATION = 6;
    static final int RELATIONSHIP = 7;
    static final int RACE = 8;
    static final int SEX = 9;
    static final int CAPITAL_GAIN = 10;
    static final int CAPITAL_LOSS = 11;
    static final int HOURS_PER_WEEK = 12;
    static final int NATIVE_COUNTRY = 13;

    AdultRecord {
        features = List.copyOf(features);
        if (features.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(id + ": " + features.size() + " features, expected " + COLUMNS.size());
        }
    }

    int integer(int column) {
        return Integer.parseInt(features.get(column));
    }

    String text(int column) {
        return features.get(column);
    }

    /** This person with one feature replaced, as a broken upstream system would log it. */
    AdultRecord with(int column, String value) {
        List<String> changed = new ArrayList<>(features);
        changed.set(column, value);
        return new AdultRecord(id, changed, above50k);
    }

    /**
     * Parses a raw UCI file: fields separated by {@code ", "}, no header, blank lines skipped, the
     * label with or without the trailing period of {@code adult.test}, and {@code adult.test}'s
     * first line {@code |1x3 Cross validator} skipped.
     *
     * @param shortName {@code data} or {@code test}, the prefix of the records' ids
     * @throws IllegalArgumentException naming the line when a record has the wrong number of fields or label
     */
    static List<AdultRecord> parse(byte[] file, String shortName) {
        String[] lines = new String(file, StandardCharsets.US_ASCII).split("\n", -1);
        List<AdultRecord> records = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            int lineNumber = i + 1;
            if (cells.length != COLUMNS.size() + 1) {
                throw new IllegalArgumentException(shortName + " line " + lineNumber + ": " + cells.length
                        + " fields, expected " + (COLUMNS.size() + 1));
            }
            List<String> features = new ArrayList<>(COLUMNS.size());
            for (int c = 0; c < COLUMNS.size(); c++) {
                features.add(cells[c].trim());
            }
            String label = cells[COLUMNS.size()].trim();
            boolean above = switch (label) {
                case ">50K", ">50K." -> true;
                case "<=50K", "<=50K." -> false;
                default -> throw new IllegalArgumentException(shortName + " line " + lineNumber
                        + ", column income: unknown label '" + label + "'");
            };
            records.add(new AdultRecord(String.format(Locale.ROOT, "%s-%05d", shortName, lineNumber), features, above));
        }
        return records;
    }
}
