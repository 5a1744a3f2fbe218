package com.dataquality.dqs.cli;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the CLI's logs go. Flink logs a lot at INFO; users of a command line want their terminal
 * for progress and results, so the log goes to a file and the console only gets errors. The file is
 * also what the embedded web dashboard shows under "Logs".
 */
final class Logging {
    private static final String LOG_FILE_PROPERTY = "log.file";

    private Logging() {}

    /** Must run before the first logger is created. */
    static void init() {
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            String dir =
                    System.getenv()
                            .getOrDefault("DQS_LOG_DIR", System.getProperty("java.io.tmpdir"));
            System.setProperty(LOG_FILE_PROPERTY, Path.of(dir, "dqs.log").toString());
        }
    }

    static String logFile() {
        String f = System.getProperty(LOG_FILE_PROPERTY);
        return f == null ? "the log" : f;
    }

    static void logUnexpected(Throwable t) {
        // Not under com.dataquality: the stack trace goes to the log file only, the console gets
        // the one line the CLI prints.
        Logger log = LoggerFactory.getLogger("dqs.unexpected");
        log.error("Command failed", t);
        if (System.getenv("DQS_DEBUG") != null) {
            t.printStackTrace();
        }
    }
}
