package io.driftwatch.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one CSV file as characters: gzip (recognised by its magic bytes {@code 1f 8b},
 * whatever the file name) is inflated, a UTF-8 byte order mark is skipped, and bytes are decoded
 * as strict UTF-8 (malformed bytes are reported, never replaced). Also looks at the start of the
 * file before parsing: the delimiter of the header line and an estimate of the row count.
 *
 * <p>Not thread-safe; each method opens its own streams.
 */
final class CsvSource {
    /** How many bytes of the file start are examined for the header line and the row estimate. */
    static final int PEEK_BYTES = 1 << 16;

    private static final int IO_BUFFER = 1 << 16;
    private static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN = 0x7f7f7f7f7f7f7f7fL;
    private static final long QUOTES = ONES * '"';
    private static final long LINE_FEEDS = ONES * '\n';
    private static final int SCAN_BUFFER = 1 << 20;

    private final Path path;
    private final boolean gzip;

    private CsvSource(Path path, boolean gzip) {
        this.path = path;
        this.gzip = gzip;
    }

    /** Opens {@code path} once to learn whether it is gzip-compressed. */
    static CsvSource of(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            int first = in.read();
            int second = first < 0 ? -1 : in.read();
            return new CsvSource(path, first == 0x1f && second == 0x8b);
        }
    }

    /** The file. */
    Path path() {
        return path;
    }

    /**
     * The offset of the first byte after the header line when that line is plain: the file's first
     * line (after a byte order mark), not blank, without quotes or a CR before its LF; -1 otherwise
     * (the header is then left to FastCSV). Not for gzip.
     */
    long plainHeaderEnd() throws IOException {
        byte[] head = new byte[PEEK_BYTES];
        int n;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            n = readFully(channel, head, 0);
        }
        int from = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        for (int i = from; i < n; i++) {
            byte b = head[i];
            if (b == '\n') {
                int end = i > from && head[i - 1] == '\r' ? i - 1 : i;
                return end > from ? i + 1 : -1;
            }
            if (b == '"' || b == '\r' && (i + 1 >= n || head[i + 1] != '\n')) {
                return -1;
            }
        }
        return -1;
    }

    /** The size of the file in bytes, as stored (compressed for gzip). */
    long size() throws IOException {
        return Files.size(path);
    }

    boolean gzip() {
        return gzip;
    }

    /** The decompressed bytes with any UTF-8 byte order mark skipped. */
    InputStream openBytes() throws IOException {
        InputStream raw = Files.newInputStream(path);
        try {
            InputStream in = gzip ? new GZIPInputStream(raw, IO_BUFFER) : raw;
            BufferedInputStream buffered = new BufferedInputStream(in, IO_BUFFER);
            buffered.mark(3);
            byte[] bom = new byte[3];
            int n = buffered.readNBytes(bom, 0, 3);
            if (n != 3 || (bom[0] & 0xff) != 0xef || (bom[1] & 0xff) != 0xbb || (bom[2] & 0xff) != 0xbf) {
                buffered.reset();
            }
            return buffered;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Characters decoded as strict UTF-8: malformed input makes {@code read} throw. */
    Reader openReader() throws IOException {
        return new InputStreamReader(openBytes(), newDecoder());
    }

    /**
     * Characters of the raw bytes {@code [start, end)} of the file (not for gzip), decoded as strict
     * UTF-8; a byte order mark is skipped when {@code start} is 0. Both ends must lie on character
     * boundaries, as they do right after a line feed.
     */
    Reader openReader(long start, long end) throws IOException {
        if (gzip) {
            throw new IllegalStateException("a gzip file cannot be read in parts");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            channel.position(start);
            InputStream in = new BufferedInputStream(new RangeInputStream(Channels.newInputStream(channel),
                    end - start), IO_BUFFER);
            if (start == 0) {
                in.mark(3);
                byte[] bom = new byte[3];
                int n = in.readNBytes(bom, 0, 3);
                if (n != 3 || (bom[0] & 0xff) != 0xef || (bom[1] & 0xff) != 0xbb || (bom[2] & 0xff) != 0xbf) {
                    in.reset();
                }
            }
            return new InputStreamReader(in, newDecoder());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** At most {@code remaining} bytes of another stream. */
    private static final class RangeInputStream extends java.io.FilterInputStream {
        private long remaining;

        RangeInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Byte offsets where the file may be cut into up to {@code parts} parts of about equal size, each
     * starting at a record: the first is 0, every other one follows a line feed outside quotes. A
     * line feed counts as outside quotes when the quote characters before it are even in number,
     * which holds for well-formed quoting; a quote inside an unquoted field (which the parser takes
     * literally) can mislead the count, so the reader checks every cut by the part before it
     * ending outside a quoted field. Fewer parts when the file has no suitable line feeds (a quote
     * left open, one long line). Not for gzip.
     */
    long[] splitPoints(int parts) throws IOException {
        return cuts(parts).starts();
    }

    /**
     * Where {@link #splitPoints} cuts the file, with the line feeds before each cut.
     *
     * @param starts the offsets of the parts, as {@link #splitPoints} gives them
     * @param lineFeeds {@code lineFeeds[j]}: the LF bytes in {@code [0, starts[j])}, quoted or not; for a
     *     file of plain records (no blank lines, no line break inside quotes) one more than the data rows
     *     before part {@code j} (the header's), a prediction the reader checks
     * @param totalLineFeeds the LF bytes in the whole file
     * @param endsWithLineFeed whether the file's last byte is an LF (if not, its last record has none)
     */
    record Cuts(long[] starts, long[] lineFeeds, long totalLineFeeds, boolean endsWithLineFeed) {
    }

    /**
     * {@link #splitPoints} with the line feeds counted on the way, and on to the end of the file, so
     * that every part's rows are known before it is parsed: the readers then fill arrays of exactly
     * the column's length, which a reference sorted in place needs ({@code NumericColumn}).
     */
    Cuts cuts(int parts) throws IOException {
        long size = Files.size(path);
        long[] starts = new long[parts];
        long[] lineFeeds = new long[parts];
        long feeds = 0;
        int found = 1;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] buf = new byte[SCAN_BUFFER];
            long quotes = 0;
            long position = 0;
            long target = size / parts;
            scan:
            while (found < parts) {
                int n = readFully(channel, buf, position);
                if (n <= 0) {
                    break;
                }
                int i = 0;
                while (i < n) {
                    long at = position + i;
                    if (at < target) {
                        // before the next cut: only the quotes matter, counted eight bytes at a time
                        int bulk = (int) Math.min(n - i, target - at) & ~7;
                        if (bulk > 0) {
                            long both = countQuotesAndLineFeeds(buf, i, bulk);
                            quotes += both >>> 32;
                            feeds += both & 0xFFFF_FFFFL;
                            i += bulk;
                        } else {
                            byte b = buf[i++];
                            quotes += b == '"' ? 1 : 0;
                            feeds += b == '\n' ? 1 : 0;
                        }
                        continue;
                    }
                    byte b = buf[i++];
                    if (b == '"') {
                        quotes++;
                    } else if (b == '\n') {
                        feeds++;
                        if ((quotes & 1) != 0) {
                            continue;
                        }
                        long start = position + i;
                        if (start >= size) {
                            break scan;
                        }
                        lineFeeds[found] = feeds;
                        starts[found++] = start;
                        if (found == parts) {
                            break scan;
                        }
                        target = Math.max(start, size * found / parts);
                    }
                }
                position += n;
            }
            // the last part's line feeds: from its start (or wherever the scan stopped) to the end
            long from = found == parts ? starts[found - 1] : size;
            boolean endsWithLineFeed = false;
            for (long at = from; at < size; ) {
                int n = readFully(channel, buf, at);
                if (n <= 0) {
                    break;
                }
                int bulk = n & ~7;
                feeds += countBytes(buf, 0, bulk, LINE_FEEDS);
                for (int i = bulk; i < n; i++) {
                    feeds += buf[i] == '\n' ? 1 : 0;
                }
                endsWithLineFeed = buf[n - 1] == '\n';
                at += n;
            }
            if (from >= size && size > 0) {
                endsWithLineFeed = lastByte(channel, size) == '\n';
            }
            return new Cuts(Arrays.copyOf(starts, found), Arrays.copyOf(lineFeeds, found), feeds, endsWithLineFeed);
        }
    }

    private static int lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, size - 1) == 1 ? one.get(0) : -1;
    }

    private static int readFully(FileChannel channel, byte[] buf, long position) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buf);
        while (target.hasRemaining()) {
            int n = channel.read(target, position + target.position());
            if (n < 0) {
                break;
            }
        }
        return target.position();
    }

    /**
     * The quotes (high 32 bits) and LF bytes (low 32 bits) in {@code buf[off, off + len)}, in one
     * pass; {@code len} a multiple of 8 and below 2^32.
     */
    private static long countQuotesAndLineFeeds(byte[] buf, int off, int len) {
        long quotes = 0;
        long feeds = 0;
        for (int i = off, end = off + len; i < end; i += 8) {
            long word = (long) LONGS.get(buf, i);
            quotes += Long.bitCount(bytesEqual(word, QUOTES));
            feeds += Long.bitCount(bytesEqual(word, LINE_FEEDS));
        }
        return quotes << 32 | feeds;
    }

    /**
     * The bytes equal to {@code pattern}'s (a byte repeated eight times) in {@code buf[off, off + len)};
     * {@code len} a multiple of 8. Eight bytes at a time.
     */
    private static long countBytes(byte[] buf, int off, int len, long pattern) {
        long count = 0;
        for (int i = off, end = off + len; i < end; i += 8) {
            count += Long.bitCount(bytesEqual((long) LONGS.get(buf, i), pattern));
        }
        return count;
    }

    /** The high bit of each byte of {@code word} equal to {@code pattern}'s byte, and no other bit set. */
    static long bytesEqual(long word, long pattern) {
        long x = word ^ pattern; // a zero byte where there was the byte sought
        long nonZero = ((x & LOW_SEVEN) + LOW_SEVEN) | x;
        return ~nonZero & ~LOW_SEVEN;
    }

    /**
     * The line breaks in the raw bytes {@code [0, end)}, counted as the parser counts lines: a CR,
     * or an LF not right after a CR. For error messages only. Not for gzip.
     */
    long lineBreaksBefore(long end) throws IOException {
        long lines = 0;
        boolean lastWasCr = false;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] buf = new byte[SCAN_BUFFER];
            long position = 0;
            while (position < end) {
                int n = (int) Math.min(readFully(channel, buf, position), end - position);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (!lastWasCr) {
                            lines++;
                        }
                        lastWasCr = false;
                    } else if (b == '\r') {
                        lines++;
                        lastWasCr = true;
                    } else {
                        lastWasCr = false;
                    }
                }
                position += n;
            }
        }
        return lines;
    }

    private static CharsetDecoder newDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * What the first {@link #PEEK_BYTES} bytes tell.
     *
     * @param empty no byte at all after the byte order mark
     * @param delimiter the candidate delimiter occurring most often in the header line outside quotes
     *     (ties go to the earlier of {@code , ; TAB |}); {@code ,} when none occurs
     * @param estimatedRows an estimate of the data rows, from the file size and the mean length of the
     *     complete lines seen, at most the file size over the header's column count; -1 when unknown
     *     (gzip, or too few lines seen)
     * @param headerColumns the columns of the header line as far as it was examined (at least 1)
     */
    record Peek(boolean empty, char delimiter, int estimatedRows, int headerColumns) {
    }

    Peek peek() throws IOException {
        byte[] head;
        try (InputStream in = openBytes()) {
            head = in.readNBytes(PEEK_BYTES);
        }
        if (head.length == 0) {
            return new Peek(true, ',', -1, 1);
        }
        int[] counts = new int[CANDIDATE_DELIMITERS.length];
        boolean quoted = false;
        int headerEnd = head.length;
        for (int i = 0; i < head.length; i++) {
            byte b = head[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                headerEnd = i;
                break;
            } else if (!quoted) {
                for (int d = 0; d < CANDIDATE_DELIMITERS.length; d++) {
                    if (b == CANDIDATE_DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        int best = 0;
        for (int d = 1; d < counts.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        int columns = counts[best] + 1;
        return new Peek(false, CANDIDATE_DELIMITERS[best], estimateRows(head, headerEnd, columns), columns);
    }

    private int estimateRows(byte[] head, int headerEnd, int columns) throws IOException {
        if (gzip || head.length < PEEK_BYTES) {
            // a small file: the exact count would not save anything worth a look
            return gzip ? -1 : countLines(head, headerEnd);
        }
        int lines = countLines(head, headerEnd);
        int lastBreak = head.length - 1;
        while (lastBreak > headerEnd && head[lastBreak] != '\n') {
            lastBreak--;
        }
        if (lines < 8 || lastBreak <= headerEnd) {
            return -1;
        }
        double bytesPerLine = (double) (lastBreak - headerEnd) / lines;
        long dataBytes = Files.size(path) - headerEnd;
        double estimate = dataBytes / bytesPerLine * 1.02 + 16;
        // a row takes at least one byte per column (delimiters and line break), so a sample of unusually
        // short lines cannot make the builders reserve more rows than the file can hold
        double bound = (double) dataBytes / columns + 16;
        return (int) Math.min(Math.min(estimate, bound), Integer.MAX_VALUE - 16);
    }

    private static int countLines(byte[] head, int from) {
        int lines = 0;
        for (int i = from + 1; i < head.length; i++) {
            if (head[i] == '\n') {
                lines++;
            }
        }
        return lines + 1;
    }

    /**
     * Where the first malformed UTF-8 sequence is, found by decoding the file again from the start:
     * its 1-based line (a line ends at LF, CR or CRLF, as for the CSV parser), its byte offset
     * (after a byte order mark and after inflating gzip), and the offending byte; or null when the
     * file decodes cleanly.
     */
    Malformed findMalformed() throws IOException {
        CharsetDecoder decoder = newDecoder();
        ByteBuffer bytes = ByteBuffer.allocate(IO_BUFFER);
        CharBuffer chars = CharBuffer.allocate(IO_BUFFER);
        long consumedBefore = 0;
        long line = 1;
        boolean lastWasCr = false;
        try (InputStream in = openBytes()) {
            boolean end = false;
            while (true) {
                int n = end ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                int startPosition = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, end);
                // count line breaks in the bytes just decoded
                for (int i = startPosition; i < bytes.position(); i++) {
                    byte b = bytes.get(i);
                    if (b == '\n') {
                        if (!lastWasCr) {
                            line++;
                        }
                        lastWasCr = false;
                    } else if (b == '\r') {
                        line++;
                        lastWasCr = true;
                    } else {
                        lastWasCr = false;
                    }
                }
                if (result.isError()) {
                    long offset = consumedBefore + bytes.position();
                    return new Malformed(line, offset, bytes.get(bytes.position()) & 0xff);
                }
                consumedBefore += bytes.position();
                bytes.compact();
                chars.clear();
                if (end && !result.isOverflow()) {
                    return null;
                }
            }
        }
    }

    /** The first malformed UTF-8 sequence of a file. */
    record Malformed(long line, long byteOffset, int firstByte) {
    }
}
