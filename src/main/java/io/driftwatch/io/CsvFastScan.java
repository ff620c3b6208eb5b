package io.driftwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The byte-level reader of the common case: a run of records of unquoted ASCII fields, as pandas
 * writes numbers and plain labels. It splits the file's bytes into fields itself and hands them to
 * {@link CsvColumnsHandler#handleAsciiField}, with no character decoding and no copy; FastCSV's
 * decode-and-split costs more than the cells' parsing on such files.
 *
 * <p>It reads what it is sure of and declines the rest: a quote, a CR that does not end a line, a
 * NUL or non-ASCII byte, a blank line, a record with more or fewer fields than the header, a cell or
 * line over the limits, or any cell the handler rejects. Declining ({@link #scan} returns false)
 * means the caller discards the handler and reads the same bytes with FastCSV, whose results and
 * error messages are the reference: on the input it accepts, this reader gives the handler
 * exactly the fields FastCSV would (the tests compare the two on the whole corpus).
 *
 * <p>Deliberately low-level: one loop over a byte array, fields delimited by index arithmetic.
 *
 * <p>Thread-safe: stateless; each call uses its own buffer and channel.
 */
final class CsvFastScan {
    /** Bytes read at a time; a record longer than this is declined. */
    static final int BUFFER_BYTES = 1 << 20;

    private CsvFastScan() {
    }

    /**
     * Reads the data records in the raw bytes {@code [start, end)} of {@code csv} (a plain file;
     * {@code start} at the start of a record, after the header) into {@code handler}, which must
     * know the columns already. True when every record was read; false when the reader declined, and
     * the handler must then be discarded.
     */
    static boolean scan(CsvSource csv, long start, long end, char delimiter, CsvColumnsHandler handler)
            throws IOException {
        if (delimiter >= 128 || delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(csv.path(), StandardOpenOption.READ)) {
            return scan(channel, start, end, (byte) delimiter, handler);
        } catch (UnreadableDatasetException e) {
            return false; // a cell the handler refused: FastCSV reads the part again and says where
        }
    }

    private static boolean scan(FileChannel channel, long start, long end, byte delimiter,
                                CsvColumnsHandler handler) throws IOException {
        int columns = handler.columnCount();
        int cellLimit = handler.cellByteLimit();
        int lineLimit = handler.lineByteLimit();
        boolean[] special = new boolean[256];
        for (int b = 128; b < 256; b++) {
            special[b] = true; // not ASCII
        }
        special[0] = true;
        special['"'] = true;
        special['\r'] = true;
        special['\n'] = true;
        special[delimiter] = true;
        byte[] buf = new byte[BUFFER_BYTES];
        ByteBuffer target = ByteBuffer.wrap(buf);
        long position = start;
        int filled = 0;
        while (true) {
            int want = (int) Math.min(buf.length - filled, end - position);
            target.clear().position(filled).limit(filled + want);
            while (target.hasRemaining()) {
                if (channel.read(target, position + (target.position() - filled)) < 0) {
                    return false; // the file shrank
                }
            }
            position += want;
            filled += want;
            boolean last = position >= end;
            // the records that end in the buffer; at the end, also one without a line feed
            int limit = filled;
            if (!last) {
                while (limit > 0 && buf[limit - 1] != '\n') {
                    limit--;
                }
                if (limit == 0) {
                    return false; // a record longer than the buffer
                }
            }
            int recordStart = 0;
            int fieldStart = 0;
            int field = 0;
            // a number or short label is read as its end is looked for (quickCell); its delimiter or line end
            // is then at i, and the cell is not handed over a second time
            int cellEnd = handler.quickCell(0, buf, 0, limit, delimiter);
            boolean taken = cellEnd >= 0;
            for (int i = taken ? cellEnd : 0; i < limit; i++) {
                int b = buf[i] & 0xff;
                if (!special[b]) {
                    continue;
                }
                if (b == delimiter) {
                    if (field >= columns - 1 || i - fieldStart > cellLimit) {
                        return false;
                    }
                    if (!taken) {
                        handler.handleAsciiField(field, buf, fieldStart, i - fieldStart);
                    }
                    field++;
                    fieldStart = i + 1;
                    cellEnd = handler.quickCell(field, buf, fieldStart, limit, delimiter);
                    taken = cellEnd >= 0;
                    if (taken) {
                        i = cellEnd - 1;
                    }
                    continue;
                }
                int lineEnd = i;
                if (b == '\r') {
                    if (i + 1 < limit && buf[i + 1] == '\n') {
                        i++; // CRLF
                    } else if (i + 1 != limit || !last) {
                        return false; // a CR alone ends a line for FastCSV: rare enough to leave to it
                    }
                } else if (b != '\n') {
                    return false; // NUL, non-ASCII, a quote
                }
                if (lineEnd == recordStart || field != columns - 1 || lineEnd - recordStart > lineLimit
                        || lineEnd - fieldStart > cellLimit) {
                    return false; // a blank line (FastCSV skips it, and counts it), too few fields, too long
                }
                if (!taken) {
                    handler.handleAsciiField(field, buf, fieldStart, lineEnd - fieldStart);
                }
                handler.endAsciiRecord();
                field = 0;
                recordStart = i + 1;
                fieldStart = recordStart;
                cellEnd = handler.quickCell(0, buf, fieldStart, limit, delimiter);
                taken = cellEnd >= 0;
                if (taken) {
                    i = cellEnd - 1;
                }
            }
            if (last) {
                if (recordStart < limit) {
                    // the last record, without a line break
                    if (field != columns - 1 || limit - recordStart > lineLimit || limit - fieldStart > cellLimit) {
                        return false;
                    }
                    handler.handleAsciiField(field, buf, fieldStart, limit - fieldStart);
                    handler.endAsciiRecord();
                }
                return true;
            }
            // carry the partial record over
            int rest = filled - limit;
            System.arraycopy(buf, limit, buf, 0, rest);
            filled = rest;
        }
    }
}
