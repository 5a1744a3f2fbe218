package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lightgbm4j unpacks its native library into {@code java.io.tmpdir} under a fixed name; two JVMs
 * sharing a tmpdir (two task managers on one host) rewrote it under each other and one crashed.
 * Four JVMs here share one tmpdir and load and score at the same time: every one succeeds, and the
 * shared tmpdir never holds the library (each JVM unpacked it into a directory of its own).
 */
class PrivateNativeLibraryTest {

    @Test
    void jvmsSharingATmpdirEachLoadTheirOwnCopy(@TempDir Path tmp) throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared-tmp"));
        Path model = tmp.resolve("m.model.json");
        ModelFile.write(TestModels.small(), model);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jvms.add(
                    new ProcessBuilder(
                                    java,
                                    "-Xmx256m",
                                    "-Djava.io.tmpdir=" + shared,
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    NativeLoadProbe.class.getName(),
                                    model.toString(),
                                    "200")
                            .redirectErrorStream(true)
                            .start());
        }
        for (Process p : jvms) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("forecast "), out);
            assertTrue(out.contains("tmpdir-has-library false"), out);
        }
        try (var files = Files.list(shared)) {
            assertFalse(
                    files.anyMatch(f -> f.getFileName().toString().startsWith("lib_lightgbm")),
                    "the shared tmpdir holds no library");
        }
    }
}
