package com.dataquality.dqs.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive of the dqs jar ({@code scripts/cds-archive.sh}, used by {@code
 * scripts/dqs}) is an optimization that must never break a command: without an archive, with one
 * older than its jar, or with one the JVM cannot use (the jar changed after the archive was made, a
 * copy from elsewhere), the command runs as without it and prints nothing more.
 */
class ClassDataSharingArchiveTest {
    private static final Path SCRIPT = Path.of("scripts", "cds-archive.sh").toAbsolutePath();
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A main class that every JDK has, so the test needs no jar of ours. */
    private static final String MAIN = "com.sun.tools.javac.Main";

    @TempDir Path tmp;

    @Test
    void noArchiveGivesNoOptions() throws Exception {
        Path jar = jar("a.jar", "one");
        Run r = run(List.of("bash", SCRIPT.toString(), "options", jar.toString()));
        assertEquals(0, r.exit);
        assertEquals("", r.output.strip());
    }

    @Test
    void anArchiveOlderThanItsJarIsLeftOut() throws Exception {
        Path jar = jar("a.jar", "one");
        Path archive = Files.writeString(tmp.resolve("a.jsa"), "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals("", options(jar));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(options(jar).contains("-XX:SharedArchiveFile=" + archive), options(jar));
    }

    @Test
    void aBrokenArchiveFallsBackSilently() throws Exception {
        Path jar = jar("a.jar", "one");
        Path archive = Files.writeString(tmp.resolve("a.jsa"), "not an archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertRunsAsWithout(jar);
    }

    @Test
    void anArchiveOfAnotherJarFallsBackSilently() throws Exception {
        Path jar = jar("a.jar", "one");
        Path archive = tmp.resolve("a.jsa");
        Run dump =
                run(
                        List.of(
                                JAVA,
                                "-XX:ArchiveClassesAtExit=" + archive,
                                "-Xlog:cds=off",
                                "-Xlog:cds+dynamic=off",
                                "-cp",
                                jar.toString(),
                                MAIN,
                                "-version"));
        assumeTrue(dump.exit == 0 && Files.size(archive) > 0, "this JVM cannot dump archives");
        // The jar is rebuilt (another size) after its archive: the JVM must notice and ignore it,
        // even when the archive looks newer (clock skew, files copied out of order).
        jar("a.jar", "two, longer than one");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertRunsAsWithout(jar);
    }

    @Test
    void badArgumentsAreOneLineAndNonZero() throws Exception {
        Run r = run(List.of("bash", SCRIPT.toString(), "frobnicate", "x.jar"));
        assertEquals(2, r.exit);
        assertEquals(1, r.output.strip().lines().count(), r.output);
        assertTrue(r.output.startsWith("cds-archive: "), r.output);
    }

    private void assertRunsAsWithout(Path jar) throws Exception {
        String options = options(jar);
        assertFalse(options.isEmpty());
        Run without = run(List.of(JAVA, "-cp", jar.toString(), MAIN, "-version"));
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-cp", jar.toString(), MAIN, "-version"));
        Run with = run(command);
        assertEquals(0, without.exit, without.output);
        assertEquals(without.exit, with.exit, with.output);
        assertEquals(without.output, with.output);
    }

    private String options(Path jar) throws Exception {
        Run r = run(List.of("bash", SCRIPT.toString(), "options", jar.toString()));
        assertEquals(0, r.exit, r.output);
        return r.output.strip();
    }

    /** A jar with one entry; rewriting it with other content changes its size. */
    private Path jar(String name, String content) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry("content.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private record Run(int exit, String output) {}

    private Run run(List<String> command) throws Exception {
        Path log = tmp.resolve("process.log");
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        int exit = p.waitFor();
        return new Run(exit, Files.readString(log));
    }
}
