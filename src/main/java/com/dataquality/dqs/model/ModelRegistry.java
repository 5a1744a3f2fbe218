package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory of versioned model files ({@code <version>.model.json}) and a pointer to the active
 * one ({@code active.json}), with the previously active versions kept for rollback.
 *
 * <p>The pointer is replaced atomically (a temporary file renamed over it), so a reader sees the
 * old pointer or the new one, never a torn file. Model files are never deleted by the registry.
 */
public final class ModelRegistry {

    public static final String POINTER = "active.json";

    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
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
        out.sort((a, b) -> a.version().compareTo(b.version()));
        return out;
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
     * Copies a model into the registry (not active yet); returns its version. The model is
     * validated first, as a file read from disk would be: a model object may have been built
     * anywhere, and the registry must only ever hold models that load and promote safely.
     */
    public String add(ForecastModel model) {
        Path file = dir.resolve(checkedVersion(model.version()) + ModelFile.SUFFIX);
        ModelFile.validate(model, file.toString());
        ModelFile.write(model, file);
        return model.version();
    }

    /** Makes a version of the registry the active one; the current one becomes rollback history. */
    public void promote(String version) {
        ForecastModel model = load(version);
        Pointer p = readPointer();
        if (version.equals(p.active())) {
            return;
        }
        List<String> previous = new ArrayList<>(p.previous());
        if (p.active() != null) {
            previous.add(p.active());
        }
        writePointer(new Pointer(model.version(), previous));
    }

    /**
     * Makes the previously active version active again and returns it.
     *
     * @throws InputException when no version was active before the current one
     */
    public String rollback() {
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
