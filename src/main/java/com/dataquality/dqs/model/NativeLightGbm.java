package com.dataquality.dqs.model;

import com.dataquality.dqs.features.FeatureExtractor;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads LightGBM's native library once per JVM, into a directory of this JVM's own, with a message
 * a user can act on.
 *
 * <p>lightgbm4j unpacks its libraries into {@code java.io.tmpdir} under fixed names every time its
 * classes initialize, and loads them from there. Two JVMs on one host (two task managers, a task
 * manager and a {@code flink run} client, two {@code java -jar}) would then rewrite the file under
 * each other, and a JVM whose mapped library was truncated dies in the dynamic linker. So the
 * classes are first initialized here, with {@code java.io.tmpdir} pointing at a fresh directory for
 * the moment, whatever launched the JVM; the unpacked files are deleted once loaded (the mapping
 * stays valid). Every use of lightgbm4j goes through this class first.
 */
public final class NativeLightGbm {
    private static volatile boolean loaded;

    private NativeLightGbm() {}

    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (NativeLightGbm.class) {
            if (!loaded) {
                load();
                loaded = true;
            }
        }
    }

    private static void load() {
        Path dir;
        try {
            dir = Files.createTempDirectory("dqs-lightgbm-");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot load LightGBM's native library: java.io.tmpdir is not writable: "
                            + e.getMessage(),
                    e);
        }
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            // Initializing the class unpacks and loads the libraries (its static initializer).
            Class.forName(
                    "io.github.metarank.lightgbm4j.LGBMBooster",
                    true,
                    NativeLightGbm.class.getClassLoader());
            if (!LGBMBooster.isNativeLoaded()) {
                LGBMBooster.loadNative();
            }
        } catch (ClassNotFoundException | IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "cannot load LightGBM's native library (it needs libgomp1): " + e.getMessage(),
                    e);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
            deleteQuietly(dir);
        }
    }

    /** The directory the libraries were unpacked into, now that they are loaded. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /**
     * Builds a booster from model text; the caller owns it and must close it.
     *
     * <p>This is the one door to LightGBM's loader, and the loader trusts its input: a crafted text
     * crashes the JVM. So the text is checked here too ({@link LightGbmTextCheck}, against the
     * model's feature list, whose names must all be ones this build computes), whatever the caller
     * already did: {@link ModelFile#parse} checks first to name the problem in its message, and
     * this check keeps a model object built any other way from reaching native code unchecked. It
     * costs about a millisecond per load.
     *
     * @param features the model's feature names, in vector order
     * @throws LGBMException when the text fails the check or LightGBM refuses it
     */
    public static LGBMBooster boosterFromText(String modelText, List<String> features)
            throws LGBMException {
        try {
            if (features == null || features.isEmpty()) {
                throw new InvalidModel("no feature list");
            }
            String unknown = FeatureExtractor.firstUnknown(features);
            if (unknown != null) {
                throw new InvalidModel("feature '" + unknown + "' is not one this build knows");
            }
            LightGbmTextCheck.check(modelText, features);
        } catch (InvalidModel e) {
            throw new LGBMException(e.getMessage());
        }
        ensureLoaded();
        return LGBMBooster.loadModelFromString(modelText);
    }
}
