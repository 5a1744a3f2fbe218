package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.features.FeatureExtractor;
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
 * format for this build's features is rejected with one {@link InputException} naming the file and
 * the first problem found, whatever is wrong with it.
 */
public final class ModelFile {

    /** The format tag; bump it when the document's meaning changes. */
    public static final String FORMAT = "dqs-model/1";

    public static final String SUFFIX = ".model.json";

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
     * Parses and validates a model document.
     *
     * @param origin what the bytes came from (a path, a topic), for the error message
     */
    public static ForecastModel parse(byte[] bytes, String origin) {
        ForecastModel m;
        try {
            m = JSON.readValue(bytes, ForecastModel.class);
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    "model file " + origin + ": not a dqs model file (" + firstLine(e) + ")", e);
        }
        if (m == null) {
            throw new InputException("model file " + origin + ": empty document");
        }
        String problem = problem(m);
        if (problem != null) {
            throw new InputException("model file " + origin + ": " + problem);
        }
        return m;
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
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".partial");
            try {
                Files.write(tmp, toBytes(model));
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

    private static String problem(ForecastModel m) {
        if (!FORMAT.equals(m.format())) {
            return "format is " + quoted(m.format()) + ", expected \"" + FORMAT + "\"";
        }
        if (blank(m.version())) {
            return "no version";
        }
        if (!UnicodeText.isWellFormed(m.version())) {
            return "its version holds an unpaired UTF-16 surrogate, which is not text";
        }
        if (blank(m.createdAt())) {
            return "no createdAt";
        }
        if (!FeatureExtractor.FEATURE_NAMES.equals(m.features())) {
            return "its features "
                    + m.features()
                    + " are not this build's "
                    + FeatureExtractor.FEATURE_NAMES;
        }
        List<String> categorical =
                FeatureExtractor.CATEGORICAL.stream()
                        .map(FeatureExtractor.FEATURE_NAMES::get)
                        .toList();
        if (!categorical.equals(m.categoricalFeatures())) {
            return "categorical features " + m.categoricalFeatures() + ", expected " + categorical;
        }
        if (m.vocabularies() == null) {
            return "no vocabularies";
        }
        if (m.training() == null) {
            return "no training section";
        }
        if (m.holdoutMetrics() == null || !m.holdoutMetrics().containsKey("model")) {
            return "no holdout metrics of the model";
        }
        if (m.driftReference() == null
                || m.driftReference().features() == null
                || m.driftReference().holdoutAbsError() == null) {
            return "no drift reference";
        }
        if (blank(m.lightgbmModel())) {
            return "no LightGBM model text";
        }
        return boosterProblem(m.lightgbmModel());
    }

    private static String boosterProblem(String text) {
        try (LGBMBooster booster = NativeLightGbm.boosterFromText(text)) {
            int n = booster.getNumFeature();
            if (n != FeatureExtractor.NUM_FEATURES) {
                return "its LightGBM model has "
                        + n
                        + " features, expected "
                        + FeatureExtractor.NUM_FEATURES;
            }
            return null;
        } catch (LGBMException | RuntimeException e) {
            return "LightGBM cannot load its model text (" + firstLine(e) + ")";
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }

    static String firstLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }
}
