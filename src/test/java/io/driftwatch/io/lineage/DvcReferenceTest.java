package io.driftwatch.io.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DVC-tracked references resolved from a repository laid out as DVC writes one (the test makes it:
 * no {@code dvc} binary), for each documented place the content can be: the cache in DVC 3's layout
 * and DVC 2's (whose MD5 of a text file is taken with CRLF as LF), the default local remote, the
 * workspace, a {@code dvc.lock} output, and a file inside a directory output; and each way it can go
 * wrong, with a message that names the pointer, the field or the places searched.
 */
class DvcReferenceTest {
    private static final String CSV = "a,b\n1,x\n2,y\n";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path repo;

    @Test
    void aDvc3PointerResolvesToTheVerifiedCacheCopyWithItsLineage() throws IOException {
        init();
        String md5 = md5(CSV);
        write("data/train.csv.dvc", "outs:\n- md5: " + md5 + "\n  size: 12\n  hash: md5\n  path: train.csv\n");
        Path cached = write(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2), CSV);
        write(".git/HEAD", "ref: refs/heads/main\n");
        write(".git/refs/heads/main", COMMIT + "\n");

        TrackedFile t = DvcReference.resolve("data/train.csv.dvc", repo);

        assertThat(t.file()).isEqualTo(cached);
        assertThat(t.lineage().system()).isEqualTo("dvc");
        assertThat(t.lineage().facts()).containsExactly(
                java.util.Map.entry("repository", repo.toAbsolutePath().normalize().toString()),
                java.util.Map.entry("file", "data/train.csv.dvc"), java.util.Map.entry("path", "data/train.csv"),
                java.util.Map.entry("md5", md5), java.util.Map.entry("hash", "md5"),
                java.util.Map.entry("size", "12"), java.util.Map.entry("from", "cache"),
                java.util.Map.entry("gitCommit", COMMIT));
        assertThat(DvcReference.resolve("dvc:data/train.csv", repo).file()).as("by the tracked path").isEqualTo(cached);
    }

    @Test
    void aDvc2PointerOfATextFileWithCrlfMatchesItsDos2unixHashInTheLegacyLayout() throws IOException {
        init();
        String crlf = CSV.replace("\n", "\r\n");
        String md5 = md5(CSV); // DVC 2 hashed the text as if its lines ended in LF
        write("train.csv.dvc", "outs:\n- md5: " + md5 + "\n  size: 16\n  path: train.csv\n");
        Path cached = write(".dvc/cache/" + md5.substring(0, 2) + "/" + md5.substring(2), crlf);

        TrackedFile t = DvcReference.resolve("train.csv.dvc", repo);

        assertThat(t.file()).isEqualTo(cached);
        assertThat(t.lineage().fact("hash")).isEqualTo("md5-dos2unix");
        assertThat(t.lineage().fact("gitCommit")).as("no .git").isNull();
    }

    @Test
    void contentOnlyInTheDefaultLocalRemoteIsReadFromThere() throws IOException {
        init();
        write(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = ../../dvc-storage\n");
        String md5 = md5(CSV);
        write("data/train.csv.dvc", "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: train.csv\n");
        Path stored = repo.resolve("../dvc-storage/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
        Files.createDirectories(stored.getParent());
        Files.writeString(stored, CSV);

        TrackedFile t = DvcReference.resolve("data/train.csv.dvc", repo);

        assertThat(t.file()).isEqualTo(stored.normalize());
        assertThat(t.lineage().fact("from")).isEqualTo("remote storage");
    }

    @Test
    void theCacheDirectoryOfTheConfigAndTheLocalConfigAreHonoured() throws IOException {
        init();
        write(".dvc/config", "[cache]\n    dir = /nonexistent\n");
        write(".dvc/config.local", "[cache]\n    dir = ../shared-cache\n");
        String md5 = md5(CSV);
        write("t.csv.dvc", "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: t.csv\n");
        Path cached = write("shared-cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2), CSV);

        assertThat(DvcReference.resolve("t.csv.dvc", repo).file()).isEqualTo(cached);
    }

    @Test
    void aCheckedOutFileWithTheRecordedHashIsUsedWhenNoStorageHasIt() throws IOException {
        init();
        write("data/train.csv.dvc", "outs:\n- md5: " + md5(CSV) + "\n  hash: md5\n  path: train.csv\n");
        Path workspace = write("data/train.csv", CSV);

        TrackedFile t = DvcReference.resolve("dvc:data/train.csv", repo);

        assertThat(t.file()).isEqualTo(workspace);
        assertThat(t.lineage().fact("from")).isEqualTo("workspace");
    }

    @Test
    void aDvcLockOutputIsFoundByItsPathRelativeToTheLockFile() throws IOException {
        init();
        String md5 = md5(CSV);
        write("pipeline/dvc.lock", "schema: '2.0'\nstages:\n  prepare:\n    cmd: python prepare.py\n    deps:\n"
                + "    - path: raw.csv\n      hash: md5\n      md5: " + md5("raw") + "\n    outs:\n"
                + "    - path: out/train.csv\n      hash: md5\n      md5: " + md5 + "\n      size: 13\n");
        write(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2), CSV);

        TrackedFile t = DvcReference.resolve("dvc:pipeline/out/train.csv", repo);

        assertThat(t.lineage().fact("file")).isEqualTo("pipeline/dvc.lock");
        assertThat(t.lineage().fact("path")).isEqualTo("pipeline/out/train.csv");
    }

    @Test
    void aFileInsideADirectoryOutputIsFoundThroughTheListing() throws IOException {
        init();
        String a = md5(CSV);
        String b = md5("a,b\n3,z\n");
        String listing = "[{\"md5\": \"" + a + "\", \"relpath\": \"a.csv\"}, {\"md5\": \"" + b
                + "\", \"relpath\": \"sub/b.csv\"}]";
        String dir = md5(listing) + ".dir";
        write("data/batches.dvc", "outs:\n- md5: " + dir + "\n  size: 21\n  nfiles: 2\n  hash: md5\n  path: batches\n");
        write(".dvc/cache/files/md5/" + dir.substring(0, 2) + "/" + dir.substring(2), listing);
        Path cachedB = write(".dvc/cache/files/md5/" + b.substring(0, 2) + "/" + b.substring(2), "a,b\n3,z\n");

        TrackedFile t = DvcReference.resolve("dvc:data/batches/sub/b.csv", repo);

        assertThat(t.file()).isEqualTo(cachedB);
        assertThat(t.lineage().fact("md5")).isEqualTo(b);
        assertThat(t.lineage().fact("directoryMd5")).isEqualTo(dir);
        assertThatThrownBy(() -> DvcReference.resolve("data/batches.dvc", repo))
                .isInstanceOf(UnresolvableReferenceException.class)
                .hasMessage("data/batches.dvc: data/batches is a directory output (md5 " + dir + "), not a file;"
                        + " name a file inside it as dvc:data/batches/FILE");
        assertThatThrownBy(() -> DvcReference.resolve("dvc:data/batches/c.csv", repo))
                .hasMessage("data/batches.dvc: the directory listing " + dir + " has no file data/batches/c.csv");
    }

    @Test
    void contentInNoStorageNamesEveryPlaceSearched() throws IOException {
        init();
        write(".dvc/config", "[core]\nremote = s3store\n['remote \"s3store\"']\nurl = s3://bucket/dvc\n");
        String md5 = md5(CSV);
        write("train.csv.dvc", "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: train.csv\n");

        assertThatThrownBy(() -> DvcReference.resolve("train.csv.dvc", repo))
                .isInstanceOf(UnresolvableReferenceException.class)
                .hasMessage("train.csv.dvc: the content of train.csv (md5 " + md5 + ") is in none of the cache "
                        + repo.resolve(".dvc/cache").toAbsolutePath().normalize() + ", remote 's3store' (s3://bucket/dvc:"
                        + " only remotes in a local folder or S3 are read); run 'dvc pull' or 'dvc fetch' where the"
                        + " repository is, or name the remote that holds it as the default ('dvc remote default NAME')");
    }

    @Test
    void aCacheCopyWithAnotherHashIsCorruptAndSaysSo() throws IOException {
        init();
        String md5 = md5(CSV);
        write("train.csv.dvc", "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: train.csv\n");
        Path cached = write(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2), CSV + "3,z\n");

        assertThatThrownBy(() -> DvcReference.resolve("train.csv.dvc", repo))
                .hasMessage(cached + " (cache) should hold md5 " + md5 + " as train.csv.dvc records, but holds "
                        + md5(CSV + "3,z\n") + ": the cache is corrupt");
    }

    @Test
    void aModifiedWorkspaceFileIsNotTakenForTheRecordedVersion() throws IOException {
        init();
        String md5 = md5(CSV);
        write("train.csv.dvc", "outs:\n- md5: " + md5 + "\n  hash: md5\n  path: train.csv\n");
        write("train.csv", CSV + "3,z\n");

        assertThatThrownBy(() -> DvcReference.resolve("train.csv.dvc", repo))
                .hasMessageStartingWith("train.csv.dvc records md5 " + md5 + " for train.csv, but the workspace"
                        + " file's is " + md5(CSV + "3,z\n") + " (modified since 'dvc add' or 'dvc commit')");
    }

    @Test
    void malformedPointersNameTheFileAndField() throws IOException {
        init();
        write("none.dvc", "outs: []\n");
        write("two.dvc", "outs:\n- md5: " + md5("1") + "\n  path: a.csv\n- md5: " + md5("2") + "\n  path: b.csv\n");
        write("nomd5.dvc", "outs:\n- path: a.csv\n");
        write("badmd5.dvc", "outs:\n- md5: xyz\n  path: a.csv\n");
        write("nopath.dvc", "outs:\n- md5: " + md5("1") + "\n");
        write("broken.dvc", "outs: [\n");
        write("list.dvc", "- a\n- b\n");

        assertThatThrownBy(() -> DvcReference.resolve("none.dvc", repo)).hasMessageEndingWith(
                "none.dvc: 'outs' lists no output; a .dvc file made by 'dvc add' has one (outs: [{md5, size, path}])");
        assertThatThrownBy(() -> DvcReference.resolve("two.dvc", repo)).hasMessageEndingWith(
                "two.dvc: 'outs' lists 2 outputs (a.csv, b.csv); name the one to check as dvc:PATH");
        assertThatThrownBy(() -> DvcReference.resolve("nomd5.dvc", repo)).hasMessageContaining(
                "nomd5.dvc: outs[0].md5 is missing (the output 'a.csv' has not been committed");
        assertThatThrownBy(() -> DvcReference.resolve("badmd5.dvc", repo)).hasMessageContaining(
                "badmd5.dvc: outs[0].md5 is 'xyz', not 32 hexadecimal digits");
        assertThatThrownBy(() -> DvcReference.resolve("nopath.dvc", repo)).hasMessageEndingWith(
                "nopath.dvc: outs[0].path is missing");
        assertThatThrownBy(() -> DvcReference.resolve("broken.dvc", repo)).hasMessageContaining(
                "broken.dvc: not valid YAML: ");
        assertThatThrownBy(() -> DvcReference.resolve("list.dvc", repo)).hasMessageContaining(
                "list.dvc: not a DVC file");
        assertThatThrownBy(() -> DvcReference.resolve("missing.dvc", repo)).hasMessageEndingWith(
                "missing.dvc: no such file");
        assertThatThrownBy(() -> DvcReference.resolve("dvc:data/nothing.csv", repo)).hasMessageContaining(
                "no nothing.csv.dvc beside it and no dvc.lock between it and the repository's root");
    }

    @Test
    void outsideARepositoryOrWithABrokenConfigTheMessageSaysWhere() throws IOException {
        Path lone = write("lone/t.csv.dvc", "outs:\n- md5: " + md5(CSV) + "\n  path: t.csv\n");
        assertThatThrownBy(() -> DvcReference.resolve("lone/t.csv.dvc", repo))
                .hasMessageContaining(lone.getParent().toAbsolutePath().normalize()
                        + ": no DVC repository (a folder with .dvc/) above it");

        init();
        write(".dvc/config", "[core]\nremote\n");
        write("t.csv.dvc", "outs:\n- md5: " + md5(CSV) + "\n  path: t.csv\n");
        assertThatThrownBy(() -> DvcReference.resolve("t.csv.dvc", repo))
                .hasMessageEndingWith(".dvc/config:2: 'remote' is neither [section] nor key = value");
        write(".dvc/config", "[core]\nremote = gone\n");
        assertThatThrownBy(() -> DvcReference.resolve("t.csv.dvc", repo))
                .hasMessageEndingWith("config: core.remote is 'gone', and no ['remote \"gone\"'] section has a url");
    }

    private void init() throws IOException {
        Files.createDirectories(repo.resolve(".dvc"));
    }

    private Path write(String path, String content) throws IOException {
        Path p = repo.resolve(path).toAbsolutePath().normalize();
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
