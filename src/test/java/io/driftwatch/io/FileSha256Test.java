package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file digest is the same whichever code computes it: NSS's (this machine's Debian JDK depends
 * on it) or the JDK's, at every length around their read buffers'.
 */
class FileSha256Test {
    @TempDir
    Path dir;

    @Test
    void nssStartsFromTheLibraryPathOfADebianJdk() {
        // a JDK package that depends on NSS puts it on its own library path; elsewhere the JDK's code
        // is used, and this states why
        boolean installed = FileSha256.libraryDirectories().stream()
                .anyMatch(d -> Files.isRegularFile(d.resolve(System.mapLibraryName("nss3")))
                        && Files.isRegularFile(d.resolve(System.mapLibraryName("softokn3"))));
        assertThat(FileSha256.nss() != null).as("NSS started (its libraries are on the library path: %s)", installed)
                .isEqualTo(installed);
    }

    @Test
    void nssAndTheJdkGiveTheSameDigestAtEveryLengthAroundTheBuffer() throws Exception {
        Provider nss = FileSha256.nss();
        SplittableRandom random = new SplittableRandom(14);
        int heap = 1 << 16; // the buffers the JDK's code and NSS read through
        int direct = 1 << 20;
        for (int length : new int[] {0, 1, 55, 56, 64, heap - 1, heap, heap + 1, direct - 1, direct, direct + 1,
            3 * direct + 17}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("f" + length), bytes);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(FileSha256.of(file, MessageDigest.getInstance("SHA-256"))).as("JDK, %d bytes", length)
                    .isEqualTo(expected);
            if (nss != null) {
                assertThat(FileSha256.of(file, MessageDigest.getInstance("SHA-256", nss))).as("NSS, %d bytes", length)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aMillionAsGiveTheStandardsDigest() throws IOException {
        byte[] as = new byte[1_000_000];
        Arrays.fill(as, (byte) 'a');
        Path file = Files.write(dir.resolve("a"), as);
        // FIPS 180-2, appendix B.3
        String expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
        assertThat(FileSha256.of(file)).isEqualTo(expected);
        Provider nss = FileSha256.nss();
        if (nss != null) {
            assertThat(digestWith(file, nss)).isEqualTo(expected);
        }
    }

    @Test
    void aFileLargeEnoughForNssHasTheJdksDigest() throws Exception {
        byte[] bytes = new byte[(int) FileSha256.NATIVE_FROM_BYTES + 4099];
        new SplittableRandom(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("large.csv"), bytes);
        assertThat(FileSha256.of(file))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void noNssWhereTheLibrariesAreNot() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("lib"));
        Files.writeString(empty.resolve(System.mapLibraryName("nss3")), "not a library");
        assertThat(FileSha256.startNss(List.of())).isNull();
        assertThat(FileSha256.startNss(List.of(empty, dir.resolve("absent")))).isNull();
        Files.writeString(empty.resolve(System.mapLibraryName("softokn3")), "not a library either");
        assertThat(FileSha256.startNss(List.of(empty))).as("libraries that do not load").isNull();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> FileSha256.of(missing))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessage(missing + ": no such file");
    }

    private static String digestWith(Path file, Provider provider) throws IOException {
        try {
            return FileSha256.of(file, MessageDigest.getInstance("SHA-256", provider));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
