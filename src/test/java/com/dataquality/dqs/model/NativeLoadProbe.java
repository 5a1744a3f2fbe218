package com.dataquality.dqs.model;

import com.dataquality.dqs.scoring.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link PrivateNativeLibraryTest}: loads LightGBM, scores with a model
 * many times, and prints the forecast, so that several of them can share one {@code java.io.tmpdir}
 * as task managers on one host do.
 */
public final class NativeLoadProbe {
    private NativeLoadProbe() {}

    public static void main(String[] args) throws Exception {
        ForecastModel model = ModelFile.read(Path.of(args[0]));
        double p = 0;
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            try (Scorer s = new Scorer(model)) {
                p = s.predict(new double[s.extractor().width()]);
            }
        }
        System.out.println("forecast " + p);
        System.out.println("tmpdir-has-library " + hasLibrary());
    }

    private static boolean hasLibrary() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("lib_lightgbm"));
        }
    }
}
