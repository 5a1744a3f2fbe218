package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Reads, validates and writes model files. A file that is not a complete, loadable model of this
 * format, whose features are all ones this build computes, is rejected with one {@link
 * InputException} naming the file and the first problem found, whatever is wrong with it.
 */
public final class ModelFile {

    /** The format tag; bump it when the document's meaning changes. */
    public static final String FORMAT = "dqs-model/1";

    public static final String SUFFIX = ".model.json";

    /**
     * Largest document: the models topic's message limit, so a model that could not travel on the
     * topic is not accepted from a file either. Ours are tens of kilobytes.
     */
    public static final int MAX_BYTES = 16 << 20;

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {}

    public static ForecastModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException("model file " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException("model file " + file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses and validates a model document. Every path a model takes into a scorer (the CLI's
     * {@code --model}, the watched directory, the models topic, the registry) comes through here,
     * so nothing unchecked reaches LightGBM's native loader: the document's fields are checked
     * ({@link ModelFieldsCheck}), then its LightGBM text in plain Java ({@link LightGbmTextCheck}),
     * and only then does LightGBM load it once to confirm.
     *
     * @param origin what the bytes came from (a path, a topic), for the error message
     * @throws InputException for every way the bytes can be wrong, and no other exception
     */
    public static ForecastModel parse(byte[] bytes, String origin) {
        if (bytes.length > MAX_BYTES) {
            throw new InputException(
                    oneLine(
                            "model file "
                                    + origin
                                    + ": "
                                    + bytes.length
                                    + " bytes, more than the "
                                    + MAX_BYTES
                                    + " a model may have"));
        }
        ForecastModel m;
        try {
            m = JSON.readValue(bytes, ForecastModel.class);
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    oneLine(
                            "model file "
                                    + origin
                                    + ": not a dqs model file ("
                                    + firstLine(e)
                                    + ")"),
                    e);
        }
        if (m == null) {
            throw new InputException(oneLine("model file " + origin + ": empty document"));
        }
        validate(m, origin);
        return m;
    }

    /**
     * Validates a model held in memory, as {@link #parse} does: for models that did not come from
     * bytes (a freshly trained candidate added to the registry).
     *
     * @throws InputException naming {@code origin} and the first problem, and no other exception
     */
    public static void validate(ForecastModel model, String origin) {
        try {
            ModelFieldsCheck.check(model);
            LightGbmTextCheck.check(model.lightgbmModel(), model.features());
            nativeCheck(model.lightgbmModel(), model.features());
        } catch (InvalidModel e) {
            throw new InputException(oneLine("model file " + origin + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            // A rule none of the checks foresaw: still a rejected model, never a failed caller
            // (the job counts rejections; an escaping exception would fail and restart it).
            throw new InputException(
                    oneLine("model file " + origin + ": invalid (" + firstLine(e) + ")"), e);
        }
    }

    /** The document's bytes (UTF-8 JSON), as written to files and broadcast to the job. */
    public static byte[] toBytes(ForecastModel model) {
        try {
            return JSON.writeValueAsBytes(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize model " + model.version(), e);
        }
    }

    /**
     * Writes the model atomically (a temporary file renamed into place), so that a watcher of the
     * directory never reads half a model.
     */
    public static void write(ForecastModel model, Path file) {
        writeBytes(toBytes(model), file);
    }

    /**
     * Writes a model (or serving) document whole or not at all: under a hidden temporary name in
     * the same directory, then renamed, so a watcher of the directory never reads half a file.
     */
    public static void writeBytes(byte[] bytes, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".partial");
            try {
                Files.write(tmp, bytes);
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException("model file " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Loads the checked text once in LightGBM: what it still refuses is refused here. */
    private static void nativeCheck(String text, List<String> features) throws InvalidModel {
        try (LGBMBooster booster = NativeLightGbm.boosterFromText(text, features)) {
            int n = booster.getNumFeature();
            if (n != features.size()) {
                throw new InvalidModel(
                        "its LightGBM model has " + n + " features, expected " + features.size());
            }
        } catch (LGBMException e) {
            throw new InvalidModel("LightGBM cannot load its model text (" + firstLine(e) + ")");
        }
    }

    /**
     * The message on one printable line: the origin (a file name) and quoted values come from
     * outside, and a control character in them would split or garble the line users see.
     */
    static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            int type = Character.getType(cp);
            boolean printable =
                    type != Character.CONTROL
                            && type != Character.FORMAT
                            && type != Character.SURROGATE
                            && type != Character.LINE_SEPARATOR
                            && type != Character.PARAGRAPH_SEPARATOR;
            out.appendCodePoint(printable ? cp : '?');
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    static String firstLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }
}
