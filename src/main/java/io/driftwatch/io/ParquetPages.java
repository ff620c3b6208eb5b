package io.driftwatch.io;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import shaded.parquet.org.apache.thrift.TException;

/**
 * The pages of one column chunk, read from the chunk's bytes and decompressed for parquet-column's
 * {@code ColumnReaderImpl}, which decodes levels and values: Parquet's own decoders, driven here
 * without parquet-hadoop (which needs Hadoop's classes at run time).
 *
 * <p>Each page header is Thrift, read with parquet-format's {@link Util}; its data is decompressed
 * with aircompressor (Snappy, ZSTD, LZ4_RAW) or the JDK (GZIP) into an array of the size the
 * header declares, which must be what the codec produces. A declared size is first checked against
 * what the codec can expand the page's bytes to (as for compressed Arrow buffers), so a small file
 * cannot make the reader allocate gigabytes. The deprecated Hadoop-framed LZ4, Brotli and LZO are
 * refused. Faults are {@link ParquetFault}s; the caller adds file, row group and column.
 *
 * <p>Not thread-safe: one per column chunk, read by one thread.
 */
final class ParquetPages implements PageReader {
    /** Bytes of page header and framing allowed on top of a codec's ratio. */
    private static final long SLACK = 1 << 12;

    /** A page that cannot be read; the message is written for users. */
    static final class ParquetFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParquetFault(String message) {
            super(message);
        }

        ParquetFault(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ByteBuffer chunk;
    private final CompressionCodec codec;
    private final long totalValues;
    private DictionaryPage dictionary;
    private long valuesRead;
    private int pageIndex;

    /**
     * @param chunk the column chunk's bytes, position 0 at its first page
     * @param totalValues the values (including nulls) its metadata declares
     */
    ParquetPages(ByteBuffer chunk, CompressionCodec codec, long totalValues) {
        this.chunk = chunk;
        this.codec = codec;
        this.totalValues = totalValues;
        checkCodec(codec);
        if (chunk.hasRemaining()) {
            int start = chunk.position();
            PageHeader first = header();
            if (first.isSetDictionary_page_header()) {
                int values = first.getDictionary_page_header().getNum_values();
                if (values < 0) {
                    throw new ParquetFault("its dictionary page declares " + values + " values");
                }
                dictionary = new DictionaryPage(BytesInput.from(data(first, true)), values,
                        encoding(first.getDictionary_page_header().getEncoding()));
            } else {
                chunk.position(start);
            }
        }
    }

    static void checkCodec(CompressionCodec codec) {
        switch (codec) {
            case UNCOMPRESSED:
            case SNAPPY:
            case GZIP:
            case ZSTD:
            case LZ4_RAW:
                return;
            default:
                throw new ParquetFault("its pages are compressed with " + codec + ", which Driftwatch cannot read; "
                        + "UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW can be read (pandas writes SNAPPY)");
        }
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return totalValues;
    }

    @Override
    public DataPage readPage() {
        while (chunk.hasRemaining() && valuesRead < totalValues) {
            PageHeader header = header();
            pageIndex++;
            if (header.isSetData_page_header()) {
                DataPageHeader page = header.getData_page_header();
                int values = checkValues(page.getNum_values());
                byte[] data = data(header, true);
                return new DataPageV1(BytesInput.from(data), values, data.length, null,
                        encoding(page.getRepetition_level_encoding()), encoding(page.getDefinition_level_encoding()),
                        encoding(page.getEncoding()));
            }
            if (header.isSetData_page_header_v2()) {
                DataPageHeaderV2 page = header.getData_page_header_v2();
                int values = checkValues(page.getNum_values());
                int repetition = page.getRepetition_levels_byte_length();
                int definition = page.getDefinition_levels_byte_length();
                int stored = header.getCompressed_page_size();
                if (repetition < 0 || definition < 0 || (long) repetition + definition > stored) {
                    throw new ParquetFault("page " + pageIndex + " declares level sections of " + repetition + " and "
                            + definition + " bytes in a page of " + stored);
                }
                byte[] levels = new byte[repetition + definition];
                chunk.get(levels);
                boolean compressed = !page.isSetIs_compressed() || page.isIs_compressed();
                byte[] values2 = decompress(chunk, stored - repetition - definition,
                        header.getUncompressed_page_size() - repetition - definition, compressed);
                return DataPageV2.uncompressed(page.getNum_rows(), page.getNum_nulls(), values,
                        BytesInput.from(levels, 0, repetition), BytesInput.from(levels, repetition, definition),
                        encoding(page.getEncoding()), BytesInput.from(values2), null);
            }
            // an index page, or a second dictionary page that no data page can use: skip it
            skip(header);
        }
        if (valuesRead < totalValues) {
            throw new ParquetFault("its pages end after " + valuesRead + " of the " + totalValues
                    + " values its metadata declares (is the file truncated?)");
        }
        return null;
    }

    private int checkValues(int values) {
        if (values < 0 || values > totalValues - valuesRead) {
            throw new ParquetFault("page " + pageIndex + " declares " + values + " values, but only "
                    + (totalValues - valuesRead) + " of the column chunk's " + totalValues + " remain");
        }
        valuesRead += values;
        return values;
    }

    private PageHeader header() {
        int start = chunk.position();
        ByteBufferInputStream in = ByteBufferInputStream.wrap(chunk.slice());
        PageHeader header;
        try {
            header = ParquetThrift.pageHeader(in, chunk.remaining());
        } catch (TException | RuntimeException e) {
            throw new ParquetFault("malformed page header at byte " + start + " of the column chunk ("
                    + ParquetThrift.problem(e) + ")", e);
        }
        chunk.position(start + (int) in.position());
        if (header.getCompressed_page_size() < 0 || header.getCompressed_page_size() > chunk.remaining()) {
            throw new ParquetFault("page " + pageIndex + " declares " + header.getCompressed_page_size()
                    + " bytes but only " + chunk.remaining() + " remain in the column chunk (is the file truncated?)");
        }
        return header;
    }

    private void skip(PageHeader header) {
        chunk.position(chunk.position() + header.getCompressed_page_size());
    }

    private byte[] data(PageHeader header, boolean compressed) {
        return decompress(chunk, header.getCompressed_page_size(), header.getUncompressed_page_size(), compressed);
    }

    /** Takes {@code stored} bytes from {@code in} and returns them decoded to {@code length} bytes. */
    private byte[] decompress(ByteBuffer in, int stored, int length, boolean compressed) {
        ByteBuffer source = in.slice().limit(stored);
        in.position(in.position() + stored);
        if (!compressed || codec == CompressionCodec.UNCOMPRESSED) {
            if (length != stored) {
                throw new ParquetFault("page " + pageIndex + " is stored uncompressed in " + stored
                        + " bytes but declares " + length);
            }
            byte[] copy = new byte[stored];
            source.get(copy);
            return copy;
        }
        long most = Math.min(Integer.MAX_VALUE - 8, stored * ratio(codec) + SLACK);
        if (length < 0 || length > most) {
            throw new ParquetFault("page " + pageIndex + " of " + stored + " compressed bytes declares "
                    + length + " bytes uncompressed, more than " + codec + " can expand it to");
        }
        byte[] out = new byte[length];
        int written;
        try {
            written = decode(source, out);
        } catch (IOException | RuntimeException e) {
            throw new ParquetFault("page " + pageIndex + ": damaged " + codec + " data (" + e.getMessage() + ")", e);
        }
        if (written != length) {
            throw new ParquetFault("page " + pageIndex + ": its " + codec + " data decodes to " + written
                    + " bytes, not the " + length + " its header declares");
        }
        return out;
    }

    private int decode(ByteBuffer source, byte[] out) throws IOException {
        if (codec == CompressionCodec.GZIP) {
            byte[] bytes = new byte[source.remaining()];
            source.get(bytes);
            try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                int n = gzip.readNBytes(out, 0, out.length);
                if (gzip.read() != -1) {
                    throw new IOException("it decodes to more than " + out.length + " bytes");
                }
                return n;
            }
        }
        Decompressor decompressor = codec == CompressionCodec.SNAPPY ? new SnappyDecompressor()
                : codec == CompressionCodec.ZSTD ? new ZstdDecompressor() : new Lz4Decompressor();
        ByteBuffer target = ByteBuffer.wrap(out);
        decompressor.decompress(source, target);
        return target.position();
    }

    /** The most bytes one stored byte can decode to with {@code codec}. */
    private static long ratio(CompressionCodec codec) {
        switch (codec) {
            case SNAPPY:
                return 32; // a 3-byte copy tag yields at most 64 bytes
            case GZIP:
                return 1032; // deflate's limit
            case LZ4_RAW:
                return ArrowBatchLayout.MAX_LZ4_RATIO;
            default:
                return ArrowBatchLayout.MAX_ZSTD_RATIO;
        }
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        if (encoding == null) {
            throw new ParquetFault("a page names no encoding");
        }
        try {
            return Encoding.valueOf(encoding.name());
        } catch (IllegalArgumentException e) {
            throw new ParquetFault("unknown encoding " + encoding, e);
        }
    }
}
