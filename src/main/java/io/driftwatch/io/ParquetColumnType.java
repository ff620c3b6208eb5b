package io.driftwatch.io;

import io.driftwatch.data.PhysicalType;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;

/**
 * How the values of a flat Parquet column become the columnar model's, decided once from the
 * column's schema element (its physical type and its logical or legacy converted annotation), the
 * same way {@link ArrowReader} maps the Arrow types pyarrow writes for the same data:
 * <ul>
 *   <li>DOUBLE, FLOAT, DECIMAL (on INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY): {@code FLOAT};
 *   <li>INT32 and INT64, signed or unsigned, of any declared width: {@code INTEGER} ({@code FLOAT}
 *       when the column has a missing cell, as pandas makes it);
 *   <li>BOOLEAN: {@code BOOLEAN} (1 and 0);
 *   <li>BYTE_ARRAY annotated STRING, ENUM or JSON (legacy UTF8, ENUM, JSON): {@code STRING};
 *   <li>INT32 DATE, INT64 TIMESTAMP in milli-, micro- or nanoseconds (UTC-adjusted or not), and the
 *       legacy INT96 timestamp: {@code TIMESTAMP}, as epoch milliseconds, finer units rounded
 *       towards negative infinity.
 * </ul>
 * Anything else (time of day, intervals, UUID, float16, unannotated binary…) is refused with a
 * message naming the column and its type.
 *
 * <p>Thread-safe: immutable.
 */
enum ParquetColumnType {
    DOUBLE(PhysicalType.FLOAT),
    FLOAT(PhysicalType.FLOAT),
    INT32(PhysicalType.INTEGER),
    UINT32(PhysicalType.INTEGER),
    INT64(PhysicalType.INTEGER),
    UINT64(PhysicalType.INTEGER),
    BOOLEAN(PhysicalType.BOOLEAN),
    STRING(PhysicalType.STRING),
    DATE_DAYS(PhysicalType.TIMESTAMP),
    EPOCH_MILLIS(PhysicalType.TIMESTAMP),
    EPOCH_MICROS(PhysicalType.TIMESTAMP),
    EPOCH_NANOS(PhysicalType.TIMESTAMP),
    INT96_TIMESTAMP(PhysicalType.TIMESTAMP),
    DECIMAL_INT32(PhysicalType.FLOAT),
    DECIMAL_INT64(PhysicalType.FLOAT),
    DECIMAL_BINARY(PhysicalType.FLOAT);

    /** The physical type of the column built (before an integer column with nulls becomes FLOAT). */
    final PhysicalType physicalType;

    ParquetColumnType(PhysicalType physicalType) {
        this.physicalType = physicalType;
    }

    /** Thrown for a column type the columnar model has no place for; the message is the type. */
    static final class UnsupportedParquetTypeException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedParquetTypeException(String type) {
            super(type);
        }
    }

    /** The mapping of the leaf {@code element}. */
    static ParquetColumnType of(SchemaElement element) throws UnsupportedParquetTypeException {
        if (!element.isSetType()) {
            throw new UnsupportedParquetTypeException("a column without a physical type");
        }
        Type type = element.getType();
        LogicalType logical = element.isSetLogicalType() ? element.getLogicalType() : null;
        ConvertedType converted = element.isSetConverted_type() ? element.getConverted_type() : null;
        if ((logical != null && logical.isSetDECIMAL()) || converted == ConvertedType.DECIMAL) {
            switch (type) {
                case INT32:
                    return DECIMAL_INT32;
                case INT64:
                    return DECIMAL_INT64;
                case BYTE_ARRAY:
                case FIXED_LEN_BYTE_ARRAY:
                    return DECIMAL_BINARY;
                default:
                    throw unsupported(element);
            }
        }
        switch (type) {
            case BOOLEAN:
                return BOOLEAN;
            case FLOAT:
                return FLOAT;
            case DOUBLE:
                return DOUBLE;
            case INT32:
                if (logical != null && logical.isSetDATE() || converted == ConvertedType.DATE) {
                    return DATE_DAYS;
                }
                if (logical != null && logical.isSetINTEGER()) {
                    return logical.getINTEGER().isIsSigned() ? INT32 : UINT32;
                }
                if (converted == ConvertedType.UINT_8 || converted == ConvertedType.UINT_16
                        || converted == ConvertedType.UINT_32) {
                    return UINT32;
                }
                if (logical == null && (converted == null || converted == ConvertedType.INT_8
                        || converted == ConvertedType.INT_16 || converted == ConvertedType.INT_32)) {
                    return INT32;
                }
                throw unsupported(element);
            case INT64:
                if (logical != null && logical.isSetTIMESTAMP()) {
                    var unit = logical.getTIMESTAMP().getUnit();
                    return unit.isSetMILLIS() ? EPOCH_MILLIS : unit.isSetMICROS() ? EPOCH_MICROS : EPOCH_NANOS;
                }
                if (converted == ConvertedType.TIMESTAMP_MILLIS) {
                    return EPOCH_MILLIS;
                }
                if (converted == ConvertedType.TIMESTAMP_MICROS) {
                    return EPOCH_MICROS;
                }
                if (logical != null && logical.isSetINTEGER()) {
                    return logical.getINTEGER().isIsSigned() ? INT64 : UINT64;
                }
                if (converted == ConvertedType.UINT_64) {
                    return UINT64;
                }
                if (logical == null && (converted == null || converted == ConvertedType.INT_64)) {
                    return INT64;
                }
                throw unsupported(element);
            case INT96:
                return INT96_TIMESTAMP;
            case BYTE_ARRAY:
                if (logical != null && (logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON())
                        || converted == ConvertedType.UTF8 || converted == ConvertedType.ENUM
                        || converted == ConvertedType.JSON) {
                    return STRING;
                }
                throw unsupported(element);
            default:
                throw unsupported(element);
        }
    }

    /** {@code "INT64 (TIME(MICROS))"}: the physical type and its annotation, for messages. */
    static String describe(SchemaElement element) {
        String physical = element.isSetType() ? element.getType().name() : "no physical type";
        if (element.isSetType() && element.getType() == Type.FIXED_LEN_BYTE_ARRAY) {
            physical += "(" + element.getType_length() + ")";
        }
        if (element.isSetLogicalType()) {
            LogicalType logical = element.getLogicalType();
            String name = logical.getSetField() == null ? "?" : logical.getSetField().getFieldName();
            return physical + " (" + name + ")";
        }
        if (element.isSetConverted_type()) {
            return physical + " (" + element.getConverted_type().name() + ")";
        }
        return physical;
    }

    private static UnsupportedParquetTypeException unsupported(SchemaElement element) {
        return new UnsupportedParquetTypeException(describe(element));
    }
}
