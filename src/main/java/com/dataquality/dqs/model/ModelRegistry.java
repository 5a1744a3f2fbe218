package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory of versioned model files ({@code <version>.model.json}) and a pointer to the active
 * one ({@code active.json}), with the previously active versions kept for rollback.
 *
 * <p>Versions are semantic ({@link SemanticVersion}): a model added gets the next one, its hash as
 * build metadata; a model whose trees are already registered is not added twice. Every add,
 * promotion, rollback, retirement and automatic decision is appended to the audit log ({@value
 * #AUDIT}): what, which version, who or what did it, why, with what figures.
 *
 * <p>The pointer is replaced atomically (a temporary file renamed over it), so a reader sees the
 * old pointer or the new one, never a torn file. Model files are never deleted by the registry.
 */
public final class ModelRegistry {

    public static final String POINTER = "active.json";
    public static final String AUDIT = "audit-log.jsonl";

    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The pointer file: the active version and, most recent last, the ones it replaced. */
    record Pointer(String active, List<String> previous) {}

    /** One model of the registry. */
    public record Entry(String version, Path file, boolean active) {}

    private final Path dir;

    public ModelRegistry(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The models, oldest version first. */
    public List<Entry> list() {
        if (!Files.isDirectory(dir)) {
            throw new InputException("model registry " + dir + ": no such directory");
        }
        String active = activeVersion().orElse(null);
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ModelFile.SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String version = name.substring(0, name.length() - ModelFile.SUFFIX.length());
                out.add(new Entry(version, f, version.equals(active)));
            }
        } catch (IOException e) {
            throw new InputException(
                    "model registry " + dir + ": cannot list: " + e.getMessage(), e);
        }
        out.sort(ModelRegistry::byVersion);
        return out;
    }

    /** Semantic versions in precedence order, after names from before the registry had them. */
    private static int byVersion(Entry a, Entry b) {
        SemanticVersion x = SemanticVersion.parse(a.version());
        SemanticVersion y = SemanticVersion.parse(b.version());
        if (x == null || y == null) {
            return x == null && y == null ? a.version().compareTo(b.version()) : x == null ? -1 : 1;
        }
        return x.compareTo(y);
    }

    public Optional<String> activeVersion() {
        return Optional.ofNullable(readPointer().active());
    }

    /** The model of a version, validated. */
    public ForecastModel load(String version) {
        return ModelFile.read(fileOf(version));
    }

    public Optional<ForecastModel> loadActive() {
        return activeVersion().map(this::load);
    }

    /**
     * Copies a model into the registry (not active yet) under the next semantic version, and
     * returns that version; a model whose trees are registered already keeps its version. The model
     * is validated first, as a file read from disk would be: a model object may have been built
     * anywhere, and the registry must only ever hold models that load and promote safely.
     *
     * @param by who or what adds it (a user, {@code auto-retrain}), for the audit log
     */
    public String add(ForecastModel model, String by, String reason) {
        ModelFile.validate(model, "model " + model.version());
        try {
            Files.createDirectories(dir); // the first model makes the registry
        } catch (IOException e) {
            throw new InputException(
                    "model registry " + dir + ": cannot create: " + e.getMessage(), e);
        }
        String hash = hash(model);
        SemanticVersion latest = null;
        ForecastModel latestModel = null;
        for (Entry e : list()) {
            SemanticVersion v = SemanticVersion.parse(e.version());
            if (v == null) {
                continue;
            }
            if (hash.equals(v.build())) {
                audit("add", e.version(), by, "already registered: " + reason, null);
                return e.version();
            }
            if (latest == null || v.compareTo(latest) > 0) {
                latest = v;
                latestModel = ModelFile.read(e.file());
            }
        }
        SemanticVersion next =
                latest == null
                        ? new SemanticVersion(1, 0, 0, hash)
                        : latestModel.features().equals(model.features())
                                ? latest.nextMinor(hash)
                                : latest.nextMajor(hash);
        String version = next.toString();
        ForecastModel renamed = withVersion(model, version);
        ModelFile.write(renamed, dir.resolve(checkedVersion(version) + ModelFile.SUFFIX));
        audit("add", version, by, reason + " (trained as " + model.version() + ")", null);
        return version;
    }

    /** Adds a model on behalf of the person running the command. */
    public String add(ForecastModel model) {
        return add(model, user(), "added");
    }

    /** The model under another version (the document is the same but for its version). */
    private static ForecastModel withVersion(ForecastModel model, String version) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc =
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                            JSON.readTree(ModelFile.toBytes(model));
            doc.put("version", version);
            return ModelFile.parse(JSON.writeValueAsBytes(doc), "model " + version);
        } catch (IOException e) {
            throw new IllegalStateException("cannot rename model " + model.version(), e);
        }
    }

    /** A short hash of the model's trees: its build metadata. */
    static String hash(ForecastModel model) {
        try {
            byte[] d =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(
                                    model.lightgbmModel()
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a version of the registry the active one; the current one becomes rollback history. */
    public void promote(String version) {
        promote(version, user(), "promoted", null);
    }

    /**
     * @param figures what the decision rested on (a comparison's numbers), for the audit log; may
     *     be null
     */
    public void promote(String version, String by, String reason, Map<String, Object> figures) {
        ForecastModel model = load(version);
        Pointer p = readPointer();
        if (version.equals(p.active())) {
            audit("promote", version, by, "already active: " + reason, figures);
            return;
        }
        List<String> previous = new ArrayList<>(p.previous());
        if (p.active() != null) {
            previous.add(p.active());
        }
        writePointer(new Pointer(model.version(), previous));
        audit(
                "promote",
                version,
                by,
                reason + (p.active() == null ? "" : " (was " + p.active() + ")"),
                figures);
    }

    /** Records a decision that changes no file (a retirement, a promotion the job made). */
    public void record(
            String action, String version, String by, String reason, Map<String, Object> figures) {
        audit(action, version, by, reason, figures);
    }

    /** The audit log, oldest entry first. */
    public List<Map<String, Object>> audit() {
        Path f = dir.resolve(AUDIT);
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(
                            JSON.readValue(
                                    line,
                                    new com.fasterxml.jackson.core.type.TypeReference<
                                            Map<String, Object>>() {}));
                }
            }
        } catch (IOException e) {
            throw new InputException(
                    "model registry " + dir + ": unreadable " + AUDIT + ": " + e.getMessage());
        }
        return out;
    }

    private void audit(
            String action, String version, String by, String reason, Map<String, Object> figures) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("time", java.time.Instant.now().toString());
        entry.put("action", action);
        entry.put("version", version);
        entry.put("by", by);
        entry.put("reason", reason);
        if (figures != null && !figures.isEmpty()) {
            entry.put("figures", figures);
        }
        try {
            Files.writeString(
                    dir.resolve(AUDIT),
                    JSON.writeValueAsString(entry) + "\n",
                    java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new InputException(
                    "model registry " + dir + ": cannot write " + AUDIT + ": " + e.getMessage(), e);
        }
    }

    /** The person running a command, as the audit log names them. */
    public static String user() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "unknown" : u;
    }

    /**
     * Makes the previously active version active again and returns it.
     *
     * @throws InputException when no version was active before the current one
     */
    public String rollback() {
        return rollback(user(), "rolled back");
    }

    public String rollback(String by, String reason) {
        Pointer p = readPointer();
        if (p.previous().isEmpty()) {
            throw new InputException(
                    "model registry "
                            + dir
                            + ": nothing to roll back to (no earlier active model)");
        }
        List<String> previous = new ArrayList<>(p.previous());
        String back = previous.remove(previous.size() - 1);
        load(back); // the file must still be there and valid
        writePointer(new Pointer(back, previous));
        audit("rollback", back, by, reason + " (was " + p.active() + ")", null);
        return back;
    }

    private Path fileOf(String version) {
        Path f = dir.resolve(checkedVersion(version) + ModelFile.SUFFIX);
        if (!Files.isRegularFile(f)) {
            throw new InputException("model registry " + dir + ": no model version " + version);
        }
        return f;
    }

    private String checkedVersion(String version) {
        if (version == null || !SAFE_VERSION.matcher(version).matches()) {
            throw new InputException(
                    "model registry " + dir + ": invalid model version \"" + version + "\"");
        }
        return version;
    }

    private Pointer readPointer() {
        Path f = dir.resolve(POINTER);
        if (!Files.exists(f)) {
            return new Pointer(null, List.of());
        }
        try {
            Pointer p = JSON.readValue(f.toFile(), Pointer.class);
            if (p == null) {
                throw new IOException("empty file");
            }
            return new Pointer(p.active(), p.previous() == null ? List.of() : p.previous());
        } catch (IOException e) {
            throw new InputException(
                    "model registry pointer " + f + ": unreadable (" + ModelFile.firstLine(e) + ")",
                    e);
        }
    }

    private void writePointer(Pointer p) {
        Path f = dir.resolve(POINTER);
        try {
            Path tmp = Files.createTempFile(dir, ".active-", ".partial");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), p);
                ModelFile.move(tmp, f);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException(
                    "model registry pointer " + f + ": cannot write: " + e.getMessage(), e);
        }
    }
}
