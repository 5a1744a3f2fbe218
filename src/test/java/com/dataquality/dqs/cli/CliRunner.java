package com.dataquality.dqs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

/** Runs {@code dqs} in-process for tests and keeps what it printed. */
final class CliRunner {
    private CliRunner() {}

    record Run(int exitCode, String out, String err) {}

    static Run dqs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dqs.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
