package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile.InvalidProfileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reference profile that keeps rows ({@link ReferenceProfile#keepingRows}, format version 3): the
 * rows read back bit for bit (NaN, −0.0, infinities, categorical codes and dictionaries, missing
 * cells), a profile without kept rows keeps format 2's bytes, and corrupt or truncated files are
 * refused with {@link InvalidProfileException}, never a runtime error or an allocation of what a
 * corrupt size claims.
 */
class ProfileRowsTest {
    private static final double NAN_WITH_PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_0000_00abL);
    private static final Table REFERENCE = Table.of(List.of(
            NumericColumn.wrap("y", PhysicalType.FLOAT,
                    new double[] {1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 0.1 + 0.2, NAN_WITH_PAYLOAD}, 6),
            NumericColumn.wrap("flag", PhysicalType.BOOLEAN, new double[] {1, 0, 0, 1, Double.NaN, 1}, 6),
            CategoricalColumn.of("label", "yes", null, "no", "yes", "ünïcode, \"quoted\"", "no"),
            NumericColumn.wrap("feature", PhysicalType.INTEGER, new double[] {3, 1, 4, 1, 5, 9}, 6)));

    /**
     * SHA-256 of the profile {@link #REFERENCE} wrote with Driftwatch of commit 2889d67, before format 3
     * existed (format 2: columns and dataset facts); a profile that keeps no rows must still write these
     * bytes, so stored profiles and their hashes stay valid.
     */
    private static final String FORMAT_TWO_SHA256 = "e60590429baa76c05b1802b60457810a6e151cc0417664fe4527f630a20120d8";

    @Test
    void keptRowsReadBackBitForBit() throws IOException {
        ReferenceProfile kept = ReferenceProfile.of(REFERENCE).keepingRows(REFERENCE, List.of("label", "y", "flag"));

        ReferenceProfile back = roundTrip(kept);

        Table rows = back.rows().orElseThrow();
        assertThat(rows.columns()).extracting(Column::name).as("the reference's column order")
                .containsExactly("y", "flag", "label");
        assertThat(rows.rowCount()).isEqualTo(6);
        NumericColumn y = (NumericColumn) rows.column("y").orElseThrow();
        NumericColumn original = (NumericColumn) REFERENCE.column("y").orElseThrow();
        assertThat(y.physicalType()).isEqualTo(PhysicalType.FLOAT);
        for (int i = 0; i < 6; i++) {
            assertThat(Double.doubleToRawLongBits(y.value(i))).as("row %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(original.value(i)));
        }
        assertThat(rows.column("flag").orElseThrow().physicalType()).isEqualTo(PhysicalType.BOOLEAN);
        assertThat(rows.column("flag").orElseThrow().missingCount()).isEqualTo(1);
        CategoricalColumn label = (CategoricalColumn) rows.column("label").orElseThrow();
        CategoricalColumn originalLabel = (CategoricalColumn) REFERENCE.column("label").orElseThrow();
        assertThat(label.codes()).containsExactly(originalLabel.codes());
        assertThat(label.dictionary()).containsExactly(originalLabel.dictionary());
        assertThat(label.isMissing(1)).isTrue();
        assertThat(label.labelAt(4)).isEqualTo("ünïcode, \"quoted\"");
        assertThat(back.facts()).isEqualTo(kept.facts());
        assertThat(back.columns()).hasSize(4);
        assertThat(bytes(back)).as("written again, the same bytes").isEqualTo(bytes(kept));
    }

    @Test
    void aColumnsOnlyProfileKeepsRowsWithoutFacts() throws IOException {
        ReferenceProfile kept = ReferenceProfile.columnsOnly(REFERENCE).keepingRows(REFERENCE, List.of("y"));

        ReferenceProfile back = roundTrip(kept);

        assertThat(bytes(kept)[11]).as("format version").isEqualTo((byte) 3);
        assertThat(back.facts()).isEmpty();
        assertThat(back.rows().orElseThrow().columns()).extracting(Column::name).containsExactly("y");
    }

    @Test
    void aProfileWithoutKeptRowsWritesFormatTwosBytes() throws IOException, NoSuchAlgorithmException {
        ReferenceProfile plain = ReferenceProfile.of(REFERENCE);
        ReferenceProfile noneKept = plain.keepingRows(REFERENCE, List.of("no such column"));

        assertThat(noneKept.rows()).isEmpty();
        assertThat(bytes(plain)[11]).as("format version").isEqualTo((byte) 2);
        assertThat(bytes(noneKept)).isEqualTo(bytes(plain));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(plain))))
                .isEqualTo(FORMAT_TWO_SHA256);
        assertThat(roundTrip(plain).rows()).isEmpty();
    }

    @Test
    void keepingRowsOfAnotherTableIsRefused() {
        Table shorter = Table.of(List.of(NumericColumn.wrap("y", PhysicalType.FLOAT, new double[] {1, 2}, 2)));

        assertThatThrownBy(() -> ReferenceProfile.of(REFERENCE).keepingRows(shorter, List.of("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the reference has 2 rows, its profile 6");
    }

    @Test
    void everyTruncationOfAFormatThreeProfileIsRefusedAsTruncated() throws IOException {
        byte[] full = bytes(ReferenceProfile.of(REFERENCE).keepingRows(REFERENCE, List.of("y", "label")));

        for (int length = 12; length < full.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(full, length);
            assertThatThrownBy(() -> read(cut)).as("cut at %d of %d bytes", length, full.length)
                    .isInstanceOf(InvalidProfileException.class);
        }
    }

    @Test
    void aKeptCodeOutsideItsDictionaryIsRefused() throws IOException {
        Table labels = Table.of(List.of(CategoricalColumn.of("label", "a", "b")));
        byte[] b = bytes(ReferenceProfile.columnsOnly(labels).keepingRows(labels, List.of("label")));
        // the file ends with the kept column's two codes (0, 1): make the last one 7
        ByteBuffer.wrap(b).putInt(b.length - 4, 7);

        assertThatThrownBy(() -> read(b)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("test.profile: kept column 'label' has code 7 outside its 2 labels");
    }

    @Test
    void keptRowsWhoseCountDisagreesWithTheProfileAreRefusedBeforeTheyAreRead() throws IOException {
        Table one = Table.of(List.of(NumericColumn.wrap("y", PhysicalType.FLOAT, new double[] {0.5}, 1)));
        byte[] b = bytes(ReferenceProfile.columnsOnly(one).keepingRows(one, List.of("y")));
        // the kept rows' header (row count, column count) sits before the name "y" and 8 + 1 + 1 bytes
        int header = b.length - 8 - 1 - 1 - (4 + 1) - 8;
        assertThat(ByteBuffer.wrap(b).getInt(header)).as("the kept row count where expected").isEqualTo(1);
        ByteBuffer.wrap(b).putInt(header, Integer.MAX_VALUE);

        assertThatThrownBy(() -> read(b)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("kept rows number 2147483647, the reference 1");
    }

    @Test
    void aHugeKeptDictionaryInATruncatedFileIsRefusedWithoutAllocatingIt() throws IOException {
        Table labels = Table.of(List.of(CategoricalColumn.of("label", "a", "b")));
        byte[] b = bytes(ReferenceProfile.columnsOnly(labels).keepingRows(labels, List.of("label")));
        // after the kept column's name "label", type and kind: the dictionary size (2), then "a" and "b"
        int size = b.length - 4 * 2 - (4 + 1) * 2 - 4;
        assertThat(ByteBuffer.wrap(b).getInt(size)).as("the dictionary size where expected").isEqualTo(2);
        ByteBuffer.wrap(b).putInt(size, Integer.MAX_VALUE - 8);

        assertThatThrownBy(() -> read(b)).isInstanceOf(InvalidProfileException.class);
    }

    @Test
    void anUnknownKeptKindIsRefused() throws IOException {
        Table one = Table.of(List.of(NumericColumn.wrap("y", PhysicalType.FLOAT, new double[] {0.5}, 1)));
        byte[] b = bytes(ReferenceProfile.columnsOnly(one).keepingRows(one, List.of("y")));
        b[b.length - 8 - 1] = 9; // the kind byte before the one value

        assertThatThrownBy(() -> read(b)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("test.profile: kept column 'y' has an unknown kind 9");
    }

    @Test
    void aFutureFormatVersionIsRefusedNamingTheReadableOnes() throws IOException {
        byte[] b = bytes(ReferenceProfile.columnsOnly(REFERENCE));
        ByteBuffer.wrap(b).putInt(8, 4);

        assertThatThrownBy(() -> read(b)).isInstanceOf(InvalidProfileException.class)
                .hasMessage("test.profile is a profile of format version 4; this Driftwatch reads versions 1 to 3");
    }

    private static ReferenceProfile roundTrip(ReferenceProfile profile) throws IOException {
        return read(bytes(profile));
    }

    private static ReferenceProfile read(byte[] bytes) throws IOException {
        return ReferenceProfile.readFrom(new ByteArrayInputStream(bytes), "test.profile");
    }

    private static byte[] bytes(ReferenceProfile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        profile.writeTo(out);
        return out.toByteArray();
    }
}
