package com.dataquality.dqs.model;

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

    /** Builds a booster from model text; the caller owns it and must close it. */
    public static LGBMBooster boosterFromText(String modelText) throws LGBMException {
        ensureLoaded();
        return LGBMBooster.loadModelFromString(modelText);
    }
}
