package io.driftwatch.monitor.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
    private static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"));
    private static final Duration SETTLE = Duration.ofMinutes(1);

    @TempDir
    Path folder;
    @TempDir
    Path temporary;

    /** What a monitor remembers: name and SHA-256 of every batch it was given. */
    private final Set<String> remembered = new HashSet<>();
    private final Source.SeenFiles seen = (name, sha256) -> remembered.contains(name + " " + sha256);

    @Test
    void readsEachNewFileOnceInModificationOrder() throws IOException {
        write("b.csv", "x\n2\n", minutesAgo(30));
        write("a.csv", "x\n1\n", minutesAgo(20));
        write("c.csv", "x\n3\n", minutesAgo(40));
        write("d.csv", "x\n4\n", minutesAgo(20)); // same time as a.csv: by name
        Source source = source("*.csv", SETTLE);

        List<SourceBatch> first = readAndRemember(source);
        assertThat(first).extracting(b -> b.read().name()).containsExactly("c.csv", "b.csv", "a.csv", "d.csv");
        assertThat(first).extracting(b -> content(b.file())).containsExactly("x\n3\n", "x\n2\n", "x\n1\n", "x\n4\n");

        assertThat(readAndRemember(source)).isEmpty();

        write("e.csv", "x\n5\n", minutesAgo(5));
        assertThat(readAndRemember(source)).extracting(b -> b.read().name()).containsExactly("e.csv");
    }

    @Test
    void recordsTheFileItsDigestAndTheWindow() throws IOException, NoSuchAlgorithmException {
        byte[] bytes = new byte[200_000]; // bigger than the copy buffer
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Path file = folder.resolve("batch.arrow");
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, minutesAgo(10));

        List<SourceBatch> batches = source("*", SETTLE).read(WINDOW, Source.SeenFiles.NONE);

        assertThat(batches).hasSize(1);
        SourceBatch batch = batches.get(0);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(batch.read()).isEqualTo(new SourceRead("directory", file.toAbsolutePath().toString(), WINDOW,
                "batch.arrow", sha256, bytes.length,
                Files.getLastModifiedTime(file).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        assertThat(batch.file().getParent()).isEqualTo(temporary);
        assertThat(Files.readAllBytes(batch.file())).isEqualTo(bytes);
        assertThat(file).exists(); // the source file is left where it is
    }

    @Test
    void skipsFilesThatWereSeen() throws IOException {
        write("old.csv", "x\n1\n", minutesAgo(20));
        write("new.csv", "x\n2\n", minutesAgo(10));
        remembered.add("old.csv " + sha256("x\n1\n"));

        List<SourceBatch> batches = source("*.csv", SETTLE).read(WINDOW, seen);

        assertThat(batches).extracting(b -> b.read().name()).containsExactly("new.csv");
        assertThat(filesIn(temporary)).containsExactly(batches.get(0).file()); // the seen file's copy is gone
    }

    @Test
    void skipsAFileWhoseNameSizeAndTimeWereReadWithoutReadingItAgain() throws IOException {
        write("kept.csv", "x\n1\n", minutesAgo(20));
        write("other.csv", "x\n22\n", minutesAgo(10));
        Path kept = folder.resolve("kept.csv");
        java.time.Instant keptModified = Files.getLastModifiedTime(kept).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<String> hashed = new java.util.ArrayList<>();
        Source.SeenFiles byAttributes = new Source.SeenFiles() {
            @Override
            public boolean seen(String name, String sha256) {
                hashed.add(name);
                return false;
            }

            @Override
            public boolean unchanged(String name, long bytes, java.time.Instant modified) {
                return name.equals("kept.csv") && bytes == 4 && modified.equals(keptModified);
            }
        };

        List<SourceBatch> batches = source("*.csv", SETTLE).read(WINDOW, byAttributes);

        assertThat(batches).extracting(b -> b.read().name()).containsExactly("other.csv");
        assertThat(hashed).containsExactly("other.csv"); // kept.csv was never read
        assertThat(filesIn(temporary)).containsExactly(batches.get(0).file());
    }

    @Test
    void readsAFileAgainWhenItIsRewrittenWithNewContent() throws IOException {
        write("daily.csv", "x\n1\n", minutesAgo(20));
        Source source = source("*.csv", SETTLE);
        assertThat(readAndRemember(source)).hasSize(1);

        write("daily.csv", "x\n1\n", minutesAgo(15)); // touched, same content
        assertThat(readAndRemember(source)).isEmpty();

        write("daily.csv", "x\n2\n", minutesAgo(10));
        List<SourceBatch> again = readAndRemember(source);
        assertThat(again).extracting(b -> content(b.file())).containsExactly("x\n2\n");
        assertThat(again.get(0).read().sha256()).isEqualTo(sha256("x\n2\n"));
    }

    @Test
    void ignoresHiddenAndPartlyWrittenNamesAndSubFolders() throws IOException {
        write("data.csv", "x\n1\n", minutesAgo(10));
        for (String name : List.of(".hidden.csv", "upload.csv.part", "a.tmp", "b.partial", "c.crdownload")) {
            write(name, "x\n9\n", minutesAgo(10));
        }
        Files.createDirectory(folder.resolve("sub"));
        write("sub/nested.csv", "x\n9\n", minutesAgo(10));

        assertThat(source("*", SETTLE).read(WINDOW, Source.SeenFiles.NONE))
                .extracting(b -> b.read().name()).containsExactly("data.csv");
    }

    @Test
    void readsOnlyNamesMatchingTheGlob() throws IOException {
        write("sales-2024-03-01.csv", "x\n1\n", minutesAgo(10));
        write("sales-2024-03-01.csv.gz", "x\n2\n", minutesAgo(10));
        write("notes.txt", "x\n3\n", minutesAgo(10));
        write("returns-2024-03-01.csv", "x\n4\n", minutesAgo(10));

        assertThat(source("sales-*.{csv,csv.gz}", SETTLE).read(WINDOW, Source.SeenFiles.NONE))
                .extracting(b -> b.read().name())
                .containsExactly("sales-2024-03-01.csv", "sales-2024-03-01.csv.gz");
    }

    @Test
    void doesNotReadAFileModifiedLessThanSettleAgo() throws IOException {
        Instant now = Instant.parse("2024-03-02T00:10:00Z");
        Path file = folder.resolve("late.csv");
        Files.writeString(file, "x\n1\n");
        Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(9 * 60)));
        Duration settle = Duration.ofMinutes(10);

        assertThat(source("*.csv", settle, Clock.fixed(now, ZoneOffset.UTC))
                .read(WINDOW, Source.SeenFiles.NONE)).isEmpty();
        assertThat(filesIn(temporary)).isEmpty();

        Instant later = now.plusSeconds(60);
        assertThat(source("*.csv", settle, Clock.fixed(later, ZoneOffset.UTC))
                .read(WINDOW, Source.SeenFiles.NONE)).extracting(b -> b.read().name()).containsExactly("late.csv");
    }

    @Test
    void skipsAFileWrittenToWhileTheRunReadsAndReadsItNextRun() throws IOException {
        write("a.csv", "x\n1\n", minutesAgo(30));
        write("b.csv", "x\n2\n", minutesAgo(20));
        Source source = source("*.csv", SETTLE);
        // b.csv is appended to after the listing, while a.csv is being read (the monitor is asked about a.csv)
        List<SourceBatch> first = source.read(WINDOW, (name, sha256) -> {
            if (name.equals("a.csv")) {
                write("b.csv", "x\n2\n3\n", minutesAgo(2));
            }
            return false;
        });

        assertThat(first).extracting(b -> b.read().name()).containsExactly("a.csv");
        assertThat(filesIn(temporary)).containsExactly(first.get(0).file());
        assertThat(source.read(WINDOW, (name, sha256) -> name.equals("a.csv")))
                .extracting(b -> content(b.file())).containsExactly("x\n2\n3\n");
    }

    @Test
    void aMissingFolderIsASourceExceptionNamingIt() {
        Path missing = folder.resolve("incoming");
        Source source = new DirectorySource(new SourceSpec.Directory(missing, "*", SETTLE), temporary);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the folder " + missing + " does not exist");
    }

    @Test
    void aFileInsteadOfAFolderIsASourceExceptionNamingIt() throws IOException {
        Path file = write("data.csv", "x\n1\n", minutesAgo(10));
        Source source = new DirectorySource(new SourceSpec.Directory(file, "*", SETTLE), temporary);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage(file + " is not a folder");
    }

    @Test
    void aFolderThatCannotBeListedIsASourceExceptionNamingIt() throws IOException {
        // a link to itself: neither missing nor a folder, and listing it fails (as root, permissions would not)
        Path loop = Files.createSymbolicLink(folder.resolve("loop"), folder.resolve("loop"));
        Source source = new DirectorySource(new SourceSpec.Directory(loop, "*", SETTLE), temporary);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the folder " + loop + " cannot be read: ");
    }

    @Test
    void aFileThatCannotBeReadIsSkippedWhileOthersAreRead() throws IOException {
        Files.createSymbolicLink(folder.resolve("broken.csv"), folder.resolve("broken.csv"));
        write("good.csv", "x\n1\n", minutesAgo(10));

        assertThat(source("*.csv", SETTLE).read(WINDOW, Source.SeenFiles.NONE))
                .extracting(b -> b.read().name()).containsExactly("good.csv");
    }

    @Test
    void aFileThatCannotBeReadIsASourceExceptionWhenNothingElseIsRead() throws IOException {
        Path broken = Files.createSymbolicLink(folder.resolve("broken.csv"), folder.resolve("broken.csv"));
        write("good.csv", "x\n1\n", minutesAgo(10));
        remembered.add("good.csv " + sha256("x\n1\n"));

        assertThatThrownBy(() -> source("*.csv", SETTLE).read(WINDOW, seen))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("the file " + broken + " cannot be read: ");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aFileThatVanishedIsNotAnError() throws IOException {
        Files.createSymbolicLink(folder.resolve("dangling.csv"), folder.resolve("nowhere.csv"));

        assertThat(source("*.csv", SETTLE).read(WINDOW, Source.SeenFiles.NONE)).isEmpty();
    }

    @Test
    void doesNotReadALinkToAFileOutsideTheAllowedFoldersAndSaysWhy(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.csv"), "x\n42\n");
        Files.setLastModifiedTime(secret, minutesAgo(10));
        Files.createSymbolicLink(folder.resolve("evil.csv"), secret);
        write("good.csv", "x\n1\n", minutesAgo(10));
        List<String> refused = new ArrayList<>();

        List<SourceBatch> batches = source("*.csv", SETTLE).read(WINDOW, new Source.SeenFiles() {
            @Override
            public boolean seen(String name, String sha256) {
                return false;
            }

            @Override
            public void refused(String name, String reason) {
                refused.add(name + ": " + reason);
            }
        });

        assertThat(batches).extracting(b -> b.read().name()).containsExactly("good.csv");
        assertThat(refused).containsExactly("evil.csv: a symbolic link to a file outside the folders this service may"
                + " read (sources.directories)");
        assertThat(filesIn(temporary)).hasSize(1);
    }

    @Test
    void aLinkOutOfTheAllowedFoldersIsASourceExceptionWhenNothingElseIsRead(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.csv"), "x\n42\n");
        Files.setLastModifiedTime(secret, minutesAgo(10));
        Path link = Files.createSymbolicLink(folder.resolve("evil.csv"), secret);

        assertThatThrownBy(() -> source("*.csv", SETTLE).read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the file " + link + " is a symbolic link to a file outside the folders this service may"
                        + " read (sources.directories), so it is not read");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void readsALinkToAFileInAnotherAllowedFolder(@TempDir Path archive) throws IOException {
        Path kept = Files.writeString(archive.resolve("kept.csv"), "x\n7\n");
        Files.setLastModifiedTime(kept, minutesAgo(10));
        Files.createSymbolicLink(folder.resolve("kept.csv"), kept);
        Source source = new DirectorySource(new SourceSpec.Directory(folder, "*.csv", SETTLE), List.of(folder, archive),
                temporary);

        assertThat(source.read(WINDOW, Source.SeenFiles.NONE)).singleElement().satisfies(b -> {
            assertThat(b.read().name()).isEqualTo("kept.csv");
            assertThat(content(b.file())).isEqualTo("x\n7\n");
        });
    }

    @Test
    void aFolderThatIsALinkOutOfTheAllowedFoldersIsASourceException(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.csv"), "x\n42\n");
        Files.setLastModifiedTime(secret, minutesAgo(10));
        Path linked = Files.createSymbolicLink(folder.resolve("elsewhere"), outside);
        Source source = new DirectorySource(new SourceSpec.Directory(linked, "*.csv", SETTLE), List.of(folder),
                temporary);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessage("the folder " + linked + " leads out of the folders this service may read"
                        + " (sources.directories) through a symbolic link, so it is not read");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void aTemporaryFolderThatIsMissingIsASourceExceptionNamingIt() throws IOException {
        write("a.csv", "x\n1\n", minutesAgo(10));
        Path missing = temporary.resolve("gone");
        Source source = new DirectorySource(new SourceSpec.Directory(folder, "*", SETTLE), missing);

        assertThatThrownBy(() -> source.read(WINDOW, Source.SeenFiles.NONE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("cannot make a file in the temporary folder " + missing + ": ");
    }

    @Test
    void deletesItsCopiesWhenTheRunFails() throws IOException {
        write("a.csv", "x\n1\n", minutesAgo(20));
        write("b.csv", "x\n2\n", minutesAgo(10));
        Source source = source("*.csv", SETTLE);

        assertThatThrownBy(() -> source.read(WINDOW, (name, sha256) -> {
            if (name.equals("b.csv")) {
                throw new IllegalStateException("the store is down");
            }
            return false;
        })).hasMessage("the store is down");
        assertThat(filesIn(temporary)).isEmpty();
    }

    @Test
    void skipsTemporaryNames() {
        assertThat(DirectorySource.temporary("data.csv")).isFalse();
        assertThat(DirectorySource.temporary("data.csv.gz")).isFalse();
        assertThat(DirectorySource.temporary(".data.csv")).isTrue();
        assertThat(DirectorySource.temporary("data.csv.tmp")).isTrue();
        assertThat(DirectorySource.temporary("data.csv.part")).isTrue();
        assertThat(DirectorySource.temporary("data.csv.partial")).isTrue();
        assertThat(DirectorySource.temporary("data.csv.crdownload")).isTrue();
    }

    private List<SourceBatch> readAndRemember(Source source) {
        List<SourceBatch> batches = source.read(WINDOW, seen);
        for (SourceBatch batch : batches) {
            remembered.add(batch.read().name() + " " + batch.read().sha256());
        }
        return batches;
    }

    private Source source(String glob, Duration settle) {
        return new DirectorySource(new SourceSpec.Directory(folder, glob, settle), temporary);
    }

    private Source source(String glob, Duration settle, Clock clock) {
        return new DirectorySource(new SourceSpec.Directory(folder, glob, settle), temporary, clock);
    }

    private Path write(String name, String content, FileTime lastModified) {
        try {
            Path file = folder.resolve(name);
            Files.writeString(file, content);
            Files.setLastModifiedTime(file, lastModified);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime minutesAgo(int minutes) {
        return FileTime.from(Instant.now().minus(Duration.ofMinutes(minutes)));
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.toList());
        }
    }
}
