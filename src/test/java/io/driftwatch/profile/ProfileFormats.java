package io.driftwatch.profile;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Profiles as older Driftwatch versions wrote them, for the tests that old files still read:
 * {@link #versionOne} writes format 1 (no dataset facts) exactly as that version's Javadoc describes it.
 */
public final class ProfileFormats {
    private ProfileFormats() {
    }

    /** The bytes a Driftwatch of profile format 1 wrote for {@code profile}'s columns. */
    public static byte[] versionOne(ReferenceProfile profile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("DWPROFIL".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeInt(profile.rowCount());
        out.writeInt(profile.columns().size());
        for (ColumnProfile c : profile.columns()) {
            out.writeByte(c instanceof NumericProfile ? 0 : 1);
            string(out, c.name());
            out.writeByte(c.physicalType().ordinal());
            out.writeInt(c.rows());
            out.writeInt(c.missing());
            if (c instanceof NumericProfile n) {
                out.writeInt(n.infinite());
                out.writeInt(n.sortedValues().length);
                for (double v : n.sortedValues()) {
                    out.writeDouble(v);
                }
            } else {
                CategoricalProfile l = (CategoricalProfile) c;
                out.writeInt(l.size());
                for (int i = 0; i < l.size(); i++) {
                    string(out, l.label(i));
                    out.writeLong(l.count(i));
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
