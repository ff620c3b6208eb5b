package io.driftwatch.spark;

import io.driftwatch.data.PhysicalType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;

/**
 * How a Spark column's cells become a Driftwatch column's: the Spark SQL types a profile reads, the
 * {@link PhysicalType} each stands for (the counterpart of the pandas dtype the command line's readers
 * report, so the drift check infers the same column types), and the read of one non-null cell as a
 * {@code double}. Whole numbers are {@link PhysicalType#INTEGER} while the column has no null, as a
 * CSV column of whole numbers with a missing cell is {@link PhysicalType#FLOAT}: the job decides that
 * once the whole column's missing count is known ({@link SparkProfiler}). Dates and timestamps are
 * epoch milliseconds (a date at midnight UTC; a timestamp without time zone read as UTC), as the
 * command line's readers store them.
 *
 * <p>Thread-safe: an enum without state.
 */
enum CellKind {
    DOUBLE, FLOAT, LONG, INT, SHORT, BYTE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_NTZ, STRING;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** The kind of {@code type}, or null for a type a profile does not read (binary, arrays, maps, structs…). */
    static CellKind of(DataType type) {
        if (type instanceof DoubleType) {
            return DOUBLE;
        } else if (type instanceof FloatType) {
            return FLOAT;
        } else if (type instanceof LongType) {
            return LONG;
        } else if (type instanceof IntegerType) {
            return INT;
        } else if (type instanceof ShortType) {
            return SHORT;
        } else if (type instanceof ByteType) {
            return BYTE;
        } else if (type instanceof DecimalType) {
            return DECIMAL;
        } else if (type instanceof BooleanType) {
            return BOOLEAN;
        } else if (type instanceof DateType) {
            return DATE;
        } else if (type instanceof TimestampType) {
            return TIMESTAMP;
        } else if (type instanceof TimestampNTZType) {
            return TIMESTAMP_NTZ;
        } else if (type instanceof StringType || type instanceof VarcharType || type instanceof CharType) {
            return STRING;
        }
        return null;
    }

    /** Whether cells are labels (a categorical column) rather than numbers. */
    boolean isText() {
        return this == STRING;
    }

    /** Whether cells are whole numbers, {@link PhysicalType#INTEGER} while the column has no null. */
    boolean isWhole() {
        return this == LONG || this == INT || this == SHORT || this == BYTE;
    }

    /** The physical type of a column of this kind with {@code missing} null cells. */
    PhysicalType physicalType(long missing) {
        return switch (this) {
            case DOUBLE, FLOAT, DECIMAL -> PhysicalType.FLOAT;
            case LONG, INT, SHORT, BYTE -> missing == 0 ? PhysicalType.INTEGER : PhysicalType.FLOAT;
            case BOOLEAN -> PhysicalType.BOOLEAN;
            case DATE, TIMESTAMP, TIMESTAMP_NTZ -> PhysicalType.TIMESTAMP;
            case STRING -> PhysicalType.STRING;
        };
    }

    /**
     * Cell {@code i} of {@code row} (Spark's internal row: primitives without boxing), not null, as a
     * number; a decimal of {@code precision} and {@code scale}.
     */
    double number(InternalRow row, int i, int precision, int scale) {
        return switch (this) {
            case DOUBLE -> row.getDouble(i);
            case FLOAT -> row.getFloat(i);
            case LONG -> row.getLong(i);
            case INT -> row.getInt(i);
            case SHORT -> row.getShort(i);
            case BYTE -> row.getByte(i);
            case DECIMAL -> row.getDecimal(i, precision, scale).toDouble();
            case BOOLEAN -> row.getBoolean(i) ? 1 : 0;
            case DATE -> row.getInt(i) * (double) MILLIS_PER_DAY; // days since the epoch
            case TIMESTAMP, TIMESTAMP_NTZ -> (double) Math.floorDiv(row.getLong(i), 1000L); // microseconds
            case STRING -> throw new IllegalStateException("a text cell is not a number");
        };
    }
}
