package io.driftwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The hex SHA-256 of a file's bytes, computed by the system's NSS library through the JDK's own
 * PKCS#11 provider when the file is large and the library is there, otherwise by the JDK's own
 * code. The digest is the same either way; only the speed differs.
 *
 * <p>Why: NSS uses the processor's SHA instructions (about 1.3 GB/s on the benchmark machine). The
 * JDK's optimising compiler does too, but a command-line check of files up to 128 MiB runs with the
 * quick compiler only (the launcher's choice), whose SHA-256 does about 120 MB/s: for the kit's
 * 100,000-row pair that was 0.75 s of the check's 3.4 s of CPU. Starting NSS costs about 70 ms once
 * per process, so files below {@value #NATIVE_FROM_BYTES} bytes keep the JDK's code. Debian's and
 * Fedora's JDK packages depend on NSS; where it is missing (or the runtime has no
 * {@code jdk.crypto.cryptoki} module), the JDK's code is used.
 *
 * <p>Thread-safe: stateless; NSS is started at most once.
 */
final class FileSha256 {

    /** The file size from which NSS is worth starting. */
    static final long NATIVE_FROM_BYTES = 16L << 20;

    private static final int NATIVE_BUFFER = 1 << 20;
    private static final int HEAP_BUFFER = 1 << 16;

    private FileSha256() {
    }

    /**
     * Hex SHA-256 of the bytes of {@code path}.
     *
     * @throws UnreadableDatasetException naming the file when it cannot be read
     */
    static String of(Path path) {
        try {
            MessageDigest digest = Files.size(path) >= NATIVE_FROM_BYTES ? nssDigest() : null;
            return of(path, digest != null ? digest : jdk());
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(path + ": no such file");
        } catch (IOException e) {
            throw new UnreadableDatasetException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The NSS provider this process uses for large files, or null when there is none. */
    static Provider nss() {
        return Nss.PROVIDER;
    }

    static String of(Path path, MessageDigest digest) throws IOException {
        // NSS reads a direct buffer in place, where it would copy a heap array on every call; the
        // JDK's code reads a heap array in place, where it would copy a direct buffer
        ByteBuffer buffer = "SUN".equals(digest.getProvider().getName()) ? ByteBuffer.allocate(HEAP_BUFFER)
                : ByteBuffer.allocateDirect(NATIVE_BUFFER);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest nssDigest() {
        Provider nss = Nss.PROVIDER;
        if (nss == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256", nss);
        } catch (NoSuchAlgorithmException e) {
            return null; // cannot happen with NSS's soft token; the JDK's code then
        }
    }

    private static MessageDigest jdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * NSS's soft token as a provider, from the first directory of {@code directories} that has both
     * of its libraries, or null when none has or it does not start.
     */
    static Provider startNss(List<Path> directories) {
        for (Path directory : directories) {
            if (!Files.isRegularFile(directory.resolve(System.mapLibraryName("nss3")))
                    || !Files.isRegularFile(directory.resolve(System.mapLibraryName("softokn3")))) {
                continue;
            }
            try {
                // the provider's class is found without instantiating every other provider on the way
                Provider unconfigured = ServiceLoader.load(Provider.class).stream()
                        .filter(p -> p.type().getName().equals("sun.security.pkcs11.SunPKCS11"))
                        .findFirst().map(ServiceLoader.Provider::get).orElse(null);
                if (unconfigured == null) {
                    return null;
                }
                // no key database: only the digests and ciphers of the soft token are needed
                return unconfigured.configure("--name=DriftwatchNSS\nnssLibraryDirectory=" + directory
                        + "\nnssDbMode=noDb\nattributes=compatibility\n");
            } catch (RuntimeException | ServiceConfigurationError e) {
                return null;
            }
        }
        return null;
    }

    /** The library path's directories, where the JDK itself looks for native libraries. */
    static List<Path> libraryDirectories() {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.library.path", "").split(java.io.File.pathSeparator)) {
            try {
                if (!entry.isEmpty()) {
                    out.add(Path.of(entry));
                }
            } catch (InvalidPathException e) {
                // not a directory the JDK could load from either
            }
        }
        return out;
    }

    /** Started on first use: a check of small files never pays for it. */
    private static final class Nss {
        static final Provider PROVIDER = startNss(libraryDirectories());
    }
}
