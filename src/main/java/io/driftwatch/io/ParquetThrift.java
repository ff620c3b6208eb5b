package io.driftwatch.io;

import java.io.InputStream;
import java.util.regex.Pattern;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import shaded.parquet.org.apache.thrift.TConfiguration;
import shaded.parquet.org.apache.thrift.TException;
import shaded.parquet.org.apache.thrift.protocol.TCompactProtocol;
import shaded.parquet.org.apache.thrift.transport.TIOStreamTransport;

/**
 * Reads Parquet's Thrift structures (the footer, page headers) with every length bounded by the
 * bytes there are: parquet-format's {@code Util} reads them with Thrift's defaults, which allocate a
 * binary or list field of up to 100 MB on a length taken from the input before finding out the
 * bytes are not there (a 6.7 KB file made the reader allocate 134 MB; the Parquet fuzz test found it).
 * Thrift's own messages name its classes; {@link #problem} words them for users.
 *
 * <p>Thread-safe: stateless.
 */
final class ParquetThrift {
    private static final Pattern CLASS_PREFIX = Pattern.compile("^can ?not read class [\\w.$]+: ");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*)");

    private ParquetThrift() {
    }

    /** The file footer held in {@code in}, which has {@code available} bytes. */
    static FileMetaData footer(InputStream in, long available) throws TException {
        FileMetaData footer = new FileMetaData();
        footer.read(protocol(in, available));
        return footer;
    }

    /** The page header at the start of {@code in}, which has at most {@code available} bytes. */
    static PageHeader pageHeader(InputStream in, long available) throws TException {
        PageHeader header = new PageHeader();
        header.read(protocol(in, available));
        return header;
    }

    /**
     * Thrift's compact protocol where no string, binary or container may declare more than
     * {@code available} (each takes at least a byte per element), so nothing larger is allocated.
     */
    private static TCompactProtocol protocol(InputStream in, long available) throws TException {
        int limit = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 8, available));
        // the transport refuses a binary longer than the bytes left, the protocol a longer string or list
        TConfiguration bounded = new TConfiguration(limit, limit, TConfiguration.DEFAULT_RECURSION_DEPTH);
        return new TCompactProtocol(new TIOStreamTransport(bounded, in), limit, limit);
    }

    /**
     * What Thrift said, for a user: without the class it was reading or a struct's {@code toString},
     * fully qualified names cut to their simple name.
     */
    static String problem(Throwable e) {
        if (e instanceof NullPointerException || e.getMessage() == null || e.getMessage().isBlank()) {
            // Thrift fails this way on a negative binary length, for one
            return "a length or a field in it is damaged";
        }
        String message = e.getMessage();
        message = CLASS_PREFIX.matcher(message).replaceFirst("");
        int struct = message.indexOf(" Struct: ");
        if (struct >= 0) {
            message = message.substring(0, struct);
        }
        message = QUALIFIED.matcher(message).replaceAll("$1");
        return message.endsWith("!") ? message.substring(0, message.length() - 1) : message;
    }
}
