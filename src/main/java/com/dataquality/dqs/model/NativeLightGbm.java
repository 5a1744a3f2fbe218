package com.dataquality.dqs.model;

import com.dataquality.dqs.features.FeatureExtractor;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;

/** Loads LightGBM's native library once per JVM, with a message a user can act on. */
public final class NativeLightGbm {
    private NativeLightGbm() {}

    public static void ensureLoaded() {
        if (LGBMBooster.isNativeLoaded()) {
            return;
        }
        try {
            LGBMBooster.loadNative();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "cannot load LightGBM's native library (it needs libgomp1 and a writable "
                            + "java.io.tmpdir): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Builds a booster from model text; the caller owns it and must close it.
     *
     * <p>This is the one door to LightGBM's loader, and the loader trusts its input: a crafted text
     * crashes the JVM. So the text is checked here too ({@link LightGbmTextCheck}, against this
     * build's features), whatever the caller already did: {@link ModelFile#parse} checks first to
     * name the problem in its message, and this check keeps a model object built any other way from
     * reaching native code unchecked. It costs about a millisecond per load.
     *
     * @throws LGBMException when the text fails the check or LightGBM refuses it
     */
    public static LGBMBooster boosterFromText(String modelText) throws LGBMException {
        try {
            LightGbmTextCheck.check(modelText, FeatureExtractor.FEATURE_NAMES);
        } catch (InvalidModel e) {
            throw new LGBMException(e.getMessage());
        }
        ensureLoaded();
        return LGBMBooster.loadModelFromString(modelText);
    }
}
