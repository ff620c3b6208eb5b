package io.driftwatch.io.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.data.Lineage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A file tracked by DVC, resolved to verified content without the {@code dvc} binary, from the
 * documented layout of a DVC repository:
 *
 * <ul>
 *   <li>the pointer: a {@code .dvc} file ({@code outs: [{md5, size, hash, path}]}, paths relative to the
 *       file's folder and its {@code wdir}) or an output of a {@code dvc.lock} (schema 2.0:
 *       {@code stages: {name: {outs: [...]}}}, paths relative to the lock file's folder);</li>
 *   <li>the repository: the nearest folder above the pointer holding {@code .dvc/}; its
 *       {@code .dvc/config} and {@code .dvc/config.local} (INI: {@code [cache] dir},
 *       {@code [core] remote}, {@code ['remote "name"'] url}) say where the cache and the default
 *       remote are;</li>
 *   <li>the content: in the cache or a local remote under {@code files/md5/ab/cdef…} (DVC 3) or
 *       {@code ab/cdef…} (DVC 2), else the checked-out file in the workspace. Its MD5 must be the
 *       recorded one: DVC 3 entries ({@code hash: md5}) hash the bytes; DVC 2 entries hash text files
 *       with CRLF turned into LF, and either form is accepted for them.</li>
 * </ul>
 *
 * <p>A directory output ({@code md5} ending in {@code .dir}) is a listing, not a batch: name a file
 * inside it, and it is found through the listing. A remote that is not a local folder (S3, GCS…) is
 * refused, naming it.
 *
 * <p>Thread-safe: stateless.
 */
public final class DvcReference {
    /** The prefix of a reference named by its tracked path: {@code dvc:data/train.csv}. */
    public static final String PREFIX = "dvc:";
    private static final int BUFFER = 1 << 16;

    private DvcReference() {
    }

    /** Whether {@code name} names a DVC-tracked file: a {@code .dvc} file or {@code dvc:PATH}. */
    public static boolean names(String name) {
        return name.startsWith(PREFIX) || name.endsWith(".dvc");
    }

    /**
     * Resolves {@code name}: a {@code .dvc} file, or {@code dvc:PATH} for the output {@code PATH} of the
     * {@code PATH.dvc} file beside it or of a {@code dvc.lock} in its folder or above (up to the
     * repository's root). Paths are relative to {@code base}.
     *
     * @return the verified file (in the cache, a local remote or the workspace; never copied) and its
     *     lineage
     * @throws UnresolvableReferenceException naming what is missing or wrong
     */
    public static TrackedFile resolve(String name, Path base) {
        return resolve(name, base, ObjectStorage.NONE, null);
    }

    /**
     * As {@link #resolve(String, Path)}, also reading the default remote when it is in object storage
     * {@code storage} reads ({@code s3://bucket/prefix}): the object is copied into {@code scratch},
     * verified, and returned as a temporary file the caller deletes.
     */
    public static TrackedFile resolve(String name, Path base, ObjectStorage storage, Path scratch) {
        Pointer pointer = name.startsWith(PREFIX) ? byOutput(base.resolve(name.substring(PREFIX.length())))
                : byDvcFile(base.resolve(name));
        Repository repo = Repository.above(pointer.file(), storage, scratch);
        return repo.locate(pointer);
    }

    /**
     * What a pointer file says of one output: the pointer, the output's path, its hash, and whether
     * the hash is DVC 3's; for a file inside a directory output, {@code directory} is that output
     * (and {@code md5} the directory listing's), else null.
     */
    record Pointer(Path file, Path output, String md5, boolean dvc3, Path directory) {
    }

    private static Pointer byDvcFile(Path dvcFile) {
        JsonNode root = yaml(dvcFile);
        JsonNode outs = root.path("outs");
        if (!outs.isArray() || outs.isEmpty()) {
            throw new UnresolvableReferenceException(dvcFile + ": 'outs' lists no output; a .dvc file made by"
                    + " 'dvc add' has one (outs: [{md5, size, path}])");
        }
        if (outs.size() > 1) {
            List<String> paths = new ArrayList<>();
            outs.forEach(o -> paths.add(o.path("path").asText()));
            throw new UnresolvableReferenceException(dvcFile + ": 'outs' lists " + outs.size() + " outputs ("
                    + String.join(", ", paths) + "); name the one to check as dvc:PATH");
        }
        Path folder = dvcFile.toAbsolutePath().normalize().getParent();
        String wdir = root.path("wdir").asText(".");
        return pointer(dvcFile, folder.resolve(wdir).normalize(), outs.get(0), "outs[0]");
    }

    private static Pointer byOutput(Path output) {
        Path target = output.toAbsolutePath().normalize();
        Path dvcFile = target.resolveSibling(target.getFileName() + ".dvc");
        if (Files.isRegularFile(dvcFile)) {
            Pointer p = byDvcFile(dvcFile);
            if (p.output().equals(target)) {
                return p;
            }
        }
        Path root = Repository.rootAbove(target.getParent());
        for (Path dir = target.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
                dir = dir.getParent()) {
            Path dirFile = dir.resolveSibling(dir.getFileName() + ".dvc");
            if (Files.isRegularFile(dirFile)) {
                Pointer p = byDvcFile(dirFile);
                if (p.output().equals(dir) && p.md5().endsWith(".dir")) {
                    return new Pointer(dirFile, target, p.md5(), p.dvc3(), dir);
                }
            }
        }
        List<Path> searched = new ArrayList<>();
        for (Path folder = target.getParent(); folder != null && folder.startsWith(root); folder = folder.getParent()) {
            Path lock = folder.resolve("dvc.lock");
            if (!Files.isRegularFile(lock)) {
                continue;
            }
            searched.add(lock);
            JsonNode stages = yaml(lock).path("stages");
            for (Map.Entry<String, JsonNode> stage : stages.properties()) {
                JsonNode outs = stage.getValue().path("outs");
                for (int i = 0; i < outs.size(); i++) {
                    Path path = folder.resolve(outs.get(i).path("path").asText()).normalize();
                    if (path.equals(target)) {
                        return pointer(lock, folder, outs.get(i), "stages." + stage.getKey() + ".outs[" + i + "]");
                    }
                }
            }
            Optional<Pointer> inDirectory = directoryHolding(lock, folder, stages, target);
            if (inDirectory.isPresent()) {
                return inDirectory.get();
            }
        }
        throw new UnresolvableReferenceException("dvc:" + output + ": no " + dvcFile.getFileName() + " beside it"
                + (searched.isEmpty() ? " and no dvc.lock between it and the repository's root " + root
                : " and no output of that path in " + searched));
    }

    /** A directory output of the lock that holds {@code target}, pointing at the file inside it. */
    private static Optional<Pointer> directoryHolding(Path lock, Path folder, JsonNode stages, Path target) {
        for (Map.Entry<String, JsonNode> stage : stages.properties()) {
            JsonNode outs = stage.getValue().path("outs");
            for (int i = 0; i < outs.size(); i++) {
                Path dir = folder.resolve(outs.get(i).path("path").asText()).normalize();
                if (target.startsWith(dir) && outs.get(i).path("md5").asText().endsWith(".dir")) {
                    Pointer listing = pointer(lock, folder, outs.get(i),
                            "stages." + stage.getKey() + ".outs[" + i + "]");
                    return Optional.of(new Pointer(lock, target, listing.md5(), listing.dvc3(), dir));
                }
            }
        }
        return Optional.empty();
    }

    private static Pointer pointer(Path file, Path folder, JsonNode out, String field) {
        String path = out.path("path").asText(null);
        if (path == null || path.isEmpty()) {
            throw new UnresolvableReferenceException(file + ": " + field + ".path is missing");
        }
        String md5 = out.path("md5").asText(null);
        if (md5 == null || !md5.matches("[0-9a-f]{32}(\\.dir)?")) {
            throw new UnresolvableReferenceException(file + ": " + field + ".md5 is " + (md5 == null ? "missing"
                    : "'" + md5 + "', not 32 hexadecimal digits") + " (the output '" + path + "' has not been"
                    + " committed with 'dvc commit' or 'dvc repro'?)");
        }
        boolean dvc3 = "md5".equals(out.path("hash").asText(null));
        return new Pointer(file, folder.resolve(path).normalize(), md5, dvc3, null);
    }

    private static JsonNode yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnresolvableReferenceException(file + ": no such file");
        }
        try {
            JsonNode root = Parsers.YAML.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new UnresolvableReferenceException(file + ": not a DVC file (a YAML mapping with 'outs' or"
                        + " 'stages')");
            }
            return root;
        } catch (IOException e) {
            throw new UnresolvableReferenceException(file + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** A DVC repository: its root, cache and remotes. */
    private record Repository(Path root, Path cache, Map<String, String> remotes, String defaultRemote,
            Path configFolder, ObjectStorage storage, Path scratch) {

        static Path rootAbove(Path from) {
            for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(".dvc"))) {
                    return p;
                }
            }
            throw new UnresolvableReferenceException(from + ": no DVC repository (a folder with .dvc/) above it");
        }

        static Repository above(Path pointerFile, ObjectStorage storage, Path scratch) {
            Path root = rootAbove(pointerFile.toAbsolutePath().normalize().getParent());
            Path dotDvc = root.resolve(".dvc");
            Map<String, Map<String, String>> config = new LinkedHashMap<>();
            Ini.read(dotDvc.resolve("config"), config);
            Ini.read(dotDvc.resolve("config.local"), config);
            String cacheDir = config.getOrDefault("cache", Map.of()).get("dir");
            Path cache = cacheDir == null ? dotDvc.resolve("cache") : dotDvc.resolve(cacheDir).normalize();
            Map<String, String> remotes = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, String>> e : config.entrySet()) {
                String section = e.getKey();
                if (section.startsWith("remote \"") && section.endsWith("\"") && e.getValue().containsKey("url")) {
                    remotes.put(section.substring(8, section.length() - 1), e.getValue().get("url"));
                }
            }
            return new Repository(root, cache, remotes, config.getOrDefault("core", Map.of()).get("remote"), dotDvc,
                    storage, scratch);
        }

        TrackedFile locate(Pointer p) {
            String md5 = p.md5();
            if (md5.endsWith(".dir")) {
                if (p.directory() == null) {
                    throw directory(p);
                }
                return inListing(p);
            }
            List<String> looked = new ArrayList<>();
            Optional<TrackedFile> found = inStorage(p, md5, p.dvc3(), looked);
            if (found.isPresent()) {
                return found.get();
            }
            if (Files.isRegularFile(p.output())) {
                looked.add("the workspace file " + p.output());
                Hashes h = Hashes.of(p.output(), p.dvc3());
                if (h.matches(md5, p.dvc3())) {
                    return new TrackedFile(p.output(), lineage(p, "workspace", h.size()), false);
                }
                throw new UnresolvableReferenceException(pointerName(p) + " records md5 " + md5 + " for "
                        + relative(p.output()) + ", but the workspace file's is " + h.raw() + " (modified since"
                        + " 'dvc add' or 'dvc commit'), and no copy of the recorded version is in "
                        + String.join(" or ", looked.subList(0, looked.size() - 1)));
            }
            throw new UnresolvableReferenceException(pointerName(p) + ": the content of " + relative(p.output())
                    + " (md5 " + md5 + ") is in none of " + String.join(", ", looked) + "; run 'dvc pull' or"
                    + " 'dvc fetch' where the repository is, or name the remote that holds it as the default"
                    + " ('dvc remote default NAME')");
        }

        /** The content with hash {@code md5} in the cache or the default remote, verified. */
        private Optional<TrackedFile> inStorage(Pointer p, String md5, boolean dvc3, List<String> looked) {
            List<Candidate> candidates = new ArrayList<>();
            for (Path layout : layouts(cache, md5, dvc3)) {
                candidates.add(new Candidate(layout, "cache"));
            }
            looked.add("the cache " + cache);
            if (defaultRemote != null) {
                String url = remotes.get(defaultRemote);
                if (url == null) {
                    throw new UnresolvableReferenceException(configFolder.resolve("config") + ": core.remote is '"
                            + defaultRemote + "', and no ['remote \"" + defaultRemote + "\"'] section has a url");
                }
                if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !url.startsWith("file://")) {
                    URI base = URI.create(url.endsWith("/") ? url : url + "/");
                    if (!storage.reads(base)) {
                        looked.add("remote '" + defaultRemote + "' (" + url + ": only remotes in a local folder"
                                + " or S3 are read)");
                    } else {
                        // the cache first: a download is the last resort
                        TrackedFile cached = firstLocal(p, candidates, md5, dvc3);
                        if (cached != null) {
                            return Optional.of(cached);
                        }
                        looked.add("remote '" + defaultRemote + "' " + url);
                        Optional<TrackedFile> fetched = fromObjectStorage(p, base, md5, dvc3);
                        if (fetched.isPresent()) {
                            return fetched;
                        }
                    }
                } else {
                    Path remote = configFolder.resolve(url.startsWith("file://") ? url.substring(7) : url).normalize();
                    for (Path layout : layouts(remote, md5, dvc3)) {
                        candidates.add(new Candidate(layout, "remote " + defaultRemote));
                    }
                    looked.add("remote '" + defaultRemote + "' " + remote);
                }
            }
            return Optional.ofNullable(firstLocal(p, candidates, md5, dvc3));
        }

        /** The first of {@code candidates} that exists, verified; null when none does. */
        private TrackedFile firstLocal(Pointer p, List<Candidate> candidates, String md5, boolean dvc3) {
            for (Candidate c : candidates) {
                if (Files.isRegularFile(c.file())) {
                    Hashes h = Hashes.of(c.file(), dvc3);
                    if (!h.matches(md5, dvc3)) {
                        throw new UnresolvableReferenceException(c.file() + " (" + c.where() + ") should hold md5 "
                                + md5 + " as " + pointerName(p) + " records, but holds " + h.raw() + ": the "
                                + c.where() + " is corrupt");
                    }
                    return new TrackedFile(c.file(), lineage(p, c.where(), h.size()), false);
                }
            }
            return null;
        }

        /** The object with hash {@code md5} in the remote at {@code base}, copied into the scratch folder and verified. */
        private Optional<TrackedFile> fromObjectStorage(Pointer p, URI base, String md5, boolean dvc3) {
            String v3 = "files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2);
            String v2 = md5.substring(0, 2) + "/" + md5.substring(2);
            for (String key : dvc3 ? List.of(v3, v2) : List.of(v2, v3)) {
                URI object = base.resolve(key);
                if (!storage.exists(object)) {
                    continue;
                }
                Path copy;
                try {
                    copy = Files.createTempFile(scratch == null ? Path.of(System.getProperty("java.io.tmpdir"))
                            : scratch, "dvc-remote-", ".data");
                } catch (IOException e) {
                    throw new UnresolvableReferenceException("cannot make a temporary file for " + object + ": "
                            + e.getMessage(), e);
                }
                try {
                    storage.download(object, copy);
                    Hashes h = Hashes.of(copy, dvc3);
                    if (!h.matches(md5, dvc3)) {
                        throw new UnresolvableReferenceException(object + " (remote " + defaultRemote + ") should hold"
                                + " md5 " + md5 + " as " + pointerName(p) + " records, but holds " + h.raw()
                                + ": the remote is corrupt");
                    }
                    return Optional.of(new TrackedFile(copy, lineage(p, "remote " + defaultRemote, h.size()), true));
                } catch (RuntimeException e) {
                    try {
                        Files.deleteIfExists(copy);
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
            return Optional.empty();
        }

        /** A file inside a directory output, found through the directory's listing. */
        private TrackedFile inListing(Pointer p) {
            String dirMd5 = p.md5();
            List<String> looked = new ArrayList<>();
            Optional<TrackedFile> listing = inStorage(p, dirMd5, p.dvc3(), looked);
            if (listing.isEmpty()) {
                throw new UnresolvableReferenceException(pointerName(p) + ": the listing of the directory that holds "
                        + relative(p.output()) + " (md5 " + dirMd5 + ") is in none of " + String.join(", ", looked)
                        + "; run 'dvc pull' or 'dvc fetch' where the repository is");
            }
            JsonNode entries;
            try {
                entries = Parsers.JSON.readTree(listing.get().file().toFile());
            } catch (IOException e) {
                throw new UnresolvableReferenceException(listing.get().file() + ": the directory listing " + dirMd5
                        + " is not JSON: " + firstLine(e.getMessage()), e);
            } finally {
                if (listing.get().temporary()) {
                    try {
                        Files.deleteIfExists(listing.get().file());
                    } catch (IOException e) {
                        listing.get().file().toFile().deleteOnExit();
                    }
                }
            }
            Path inside = p.directory().relativize(p.output());
            for (JsonNode entry : entries) {
                String relpath = entry.path("relpath").asText();
                if (!relpath.isEmpty() && inside.equals(Path.of(relpath).normalize())) {
                    Pointer file = new Pointer(p.file(), p.output(), entry.path("md5").asText(), p.dvc3(), null);
                    TrackedFile t = locate(file);
                    Map<String, String> facts = new LinkedHashMap<>(t.lineage().facts());
                    facts.put("directoryMd5", dirMd5);
                    return new TrackedFile(t.file(), new Lineage("dvc", facts), t.temporary());
                }
            }
            throw new UnresolvableReferenceException(pointerName(p) + ": the directory listing " + dirMd5
                    + " has no file " + relative(p.output()));
        }

        private UnresolvableReferenceException directory(Pointer p) {
            return new UnresolvableReferenceException(pointerName(p) + ": " + relative(p.output()) + " is a"
                    + " directory output (md5 " + p.md5() + "), not a file; name a file inside it as dvc:"
                    + relative(p.output()) + "/FILE");
        }

        private Lineage lineage(Pointer p, String where, long size) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("repository", root.toString());
            facts.put("file", relative(p.file()));
            facts.put("path", relative(p.output()));
            facts.put("md5", p.md5());
            facts.put("hash", p.dvc3() ? "md5" : "md5-dos2unix");
            facts.put("size", Long.toString(size));
            facts.put("from", where);
            GitHead.commit(root).ifPresent(c -> facts.put("gitCommit", c));
            return new Lineage("dvc", facts);
        }

        private String pointerName(Pointer p) {
            return relative(p.file());
        }

        private String relative(Path path) {
            Path abs = path.toAbsolutePath().normalize();
            return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        }

        private static List<Path> layouts(Path storage, String md5, boolean dvc3) {
            Path v3 = storage.resolve("files").resolve("md5").resolve(md5.substring(0, 2)).resolve(md5.substring(2));
            Path v2 = storage.resolve(md5.substring(0, 2)).resolve(md5.substring(2));
            return dvc3 ? List.of(v3, v2) : List.of(v2, v3);
        }
    }

    private record Candidate(Path file, String where) {
    }

    /**
     * A file's MD5 of its bytes and, for a DVC 2 entry of a text file, of its bytes with CRLF turned into
     * LF (DVC 3 entries hash the bytes only, so that second digest is not taken for them).
     */
    record Hashes(String raw, String dos2unix, long size) {
        /** Whether the file has the recorded hash (a directory listing's is recorded with {@code .dir}). */
        boolean matches(String recorded, boolean dvc3) {
            String md5 = recorded.endsWith(".dir") ? recorded.substring(0, recorded.length() - 4) : recorded;
            return md5.equals(raw) || !dvc3 && md5.equals(dos2unix);
        }

        static Hashes of(Path file, boolean dvc3) {
            MessageDigest raw = md5();
            MessageDigest unix = md5();
            byte[] buf = new byte[BUFFER];
            byte[] out = new byte[BUFFER];
            boolean text = true;
            boolean pendingCr = false;
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                boolean first = true;
                while ((n = in.read(buf)) > 0) {
                    raw.update(buf, 0, n);
                    if (first) {
                        text = !dvc3 && looksLikeText(buf, Math.min(n, 512));
                        first = false;
                    }
                    size += n;
                    if (!text) {
                        continue;
                    }
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (pendingCr) {
                            pendingCr = false;
                            if (b != '\n') {
                                out[k++] = '\r';
                            }
                        }
                        if (b == '\r') {
                            pendingCr = true;
                            continue;
                        }
                        out[k++] = b;
                        if (k == out.length) {
                            unix.update(out, 0, k);
                            k = 0;
                        }
                    }
                    unix.update(out, 0, k);
                }
            } catch (IOException e) {
                throw new UnresolvableReferenceException(file + ": cannot be read: " + e.getMessage(), e);
            }
            if (pendingCr) {
                unix.update((byte) '\r');
            }
            String hex = HexFormat.of().formatHex(raw.digest());
            return new Hashes(hex, text ? HexFormat.of().formatHex(unix.digest()) : hex, size);
        }

        /** DVC 2's test: no NUL among the first bytes, and at most 30 % of them non-printable. */
        private static boolean looksLikeText(byte[] head, int n) {
            int odd = 0;
            for (int i = 0; i < n; i++) {
                int b = head[i] & 0xff;
                if (b == 0) {
                    return false;
                }
                if (b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\b') {
                    odd++;
                }
            }
            return n == 0 || odd * 10 <= n * 3;
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no MD5", e);
            }
        }
    }

    /** The minimal INI DVC's config is written in: {@code [section]}, {@code key = value}, comments. */
    private static final class Ini {
        static void read(Path file, Map<String, Map<String, String>> into) {
            if (!Files.isRegularFile(file)) {
                return;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UnresolvableReferenceException(file + ": cannot be read: " + e.getMessage(), e);
            }
            String section = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                    if (section.startsWith("'") && section.endsWith("'") && section.length() > 1) {
                        section = section.substring(1, section.length() - 1);
                    }
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new UnresolvableReferenceException(file + ":" + (i + 1) + ": '" + line + "' is neither"
                            + " [section] nor key = value");
                }
                into.computeIfAbsent(section.toLowerCase(Locale.ROOT).startsWith("remote") ? section
                        : section.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
                        .put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
    }

    /** The commit the repository's Git HEAD is at, read from {@code .git} without the git binary. */
    private static final class GitHead {
        static Optional<String> commit(Path root) {
            for (Path p = root; p != null; p = p.getParent()) {
                Path git = p.resolve(".git");
                if (Files.isDirectory(git)) {
                    return read(git);
                }
            }
            return Optional.empty();
        }

        private static Optional<String> read(Path git) {
            try {
                String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
                if (head.matches("[0-9a-f]{40}")) {
                    return Optional.of(head);
                }
                if (!head.startsWith("ref: ")) {
                    return Optional.empty();
                }
                String ref = head.substring(5).strip();
                Path loose = git.resolve(ref);
                if (Files.isRegularFile(loose)) {
                    String c = Files.readString(loose, StandardCharsets.UTF_8).strip();
                    return c.matches("[0-9a-f]{40}") ? Optional.of(c) : Optional.empty();
                }
                Path packed = git.resolve("packed-refs");
                if (Files.isRegularFile(packed)) {
                    for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                        if (line.endsWith(" " + ref) && line.matches("[0-9a-f]{40} .*")) {
                            return Optional.of(line.substring(0, 40));
                        }
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // lineage without the commit: the data's own hash still says it all
            }
        }
    }

    /**
     * Made on first use: every check asks {@link #names} of its reference, and building the mappers
     * (Jackson's and SnakeYAML's classes) cost a command-line check of a plain file 40 ms of its main
     * thread.
     */
    private static final class Parsers {
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
        static final ObjectMapper JSON = new ObjectMapper();
    }
}
