package com.dataquality.dqs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Chrome DevTools Protocol client: starts headless Chromium with a fresh profile and the
 * flags this machine needs (no network of its own), and talks to one page over the browser's
 * WebSocket with flattened sessions. JDK only (java.net.http) and Jackson; no npm, no driver.
 */
final class Cdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> browserLog = new CopyOnWriteArrayList<>();
    private String session;

    private Cdp(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium and opens one blank page, attached. */
    static Cdp start(String chromium, Path profile, int width, int height) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                chromium,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--disable-extensions",
                                "--disable-dev-shm-usage",
                                "--hide-scrollbars",
                                "--user-data-dir=" + profile,
                                "--remote-debugging-port=0",
                                "--window-size=" + width + "," + height,
                                "about:blank"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> log = new CopyOnWriteArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    p.getErrorStream(), StandardCharsets.UTF_8))) {
                                for (String line = in.readLine();
                                        line != null;
                                        line = in.readLine()) {
                                    log.add(line);
                                    Matcher m = LISTENING.matcher(line);
                                    if (m.find()) {
                                        url.complete(m.group(1));
                                    }
                                }
                            } catch (IOException e) {
                                // The process ended.
                            }
                            url.completeExceptionally(
                                    new IllegalStateException(
                                            "chromium exited: " + String.join(" | ", log)));
                        },
                        "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws;
        try {
            ws = url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        Listener listener = new Listener();
        WebSocket socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .buildAsync(URI.create(ws), listener)
                        .get(30, TimeUnit.SECONDS);
        Cdp cdp = new Cdp(p, socket);
        listener.cdp = cdp;
        cdp.browserLog.addAll(log);
        ObjectNode target = JSON.createObjectNode().put("url", "about:blank");
        String targetId = cdp.call("Target.createTarget", target).get("targetId").asText();
        cdp.session =
                cdp.call(
                                "Target.attachToTarget",
                                JSON.createObjectNode()
                                        .put("targetId", targetId)
                                        .put("flatten", true))
                        .get("sessionId")
                        .asText();
        cdp.send("Page.enable", null);
        cdp.send("Runtime.enable", null);
        cdp.send("Log.enable", null);
        cdp.send("Network.enable", null);
        cdp.send(
                "Emulation.setDeviceMetricsOverride",
                JSON.createObjectNode()
                        .put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false));
        return cdp;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** A browser-level call. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        return request(method, params, null);
    }

    /** A call on the page. */
    JsonNode send(String method, ObjectNode params) throws Exception {
        return request(method, params, session);
    }

    private JsonNode request(String method, ObjectNode params, String sessionId) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        }
        JsonNode r = reply.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    /** Evaluates an expression in the page; its value, awaited when it is a promise. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r =
                send(
                        "Runtime.evaluate",
                        params().put("expression", expression)
                                .put("returnByValue", true)
                                .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(
                    "page script failed: " + r.get("exceptionDetails").toString());
        }
        return r.path("result").path("value");
    }

    /** Polls an expression until it is true, or fails after {@code timeout}. */
    void waitFor(String expression, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (eval(expression).asBoolean(false)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting for " + expression);
    }

    /** Every event received so far (console, exceptions, log entries, requests). */
    List<JsonNode> events() {
        return events;
    }

    void clearEvents() {
        events.clear();
    }

    /** The console errors, uncaught exceptions and error log entries seen so far. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            if (m.equals("Runtime.exceptionThrown")) {
                out.add("exception: " + p.path("exceptionDetails"));
            } else if (m.equals("Runtime.consoleAPICalled")
                    && (p.path("type").asText().equals("error")
                            || p.path("type").asText().equals("assert"))) {
                out.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (m.equals("Log.entryAdded")
                    && p.path("entry").path("level").asText().equals("error")) {
                out.add("log: " + p.path("entry").path("text").asText());
            }
        }
        return out;
    }

    /** The URLs the page requested that are not part of the file itself. */
    List<String> networkRequests() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("method").asText().equals("Network.requestWillBeSent")) {
                String url = e.path("params").path("request").path("url").asText();
                if (!url.startsWith("file:")
                        && !url.startsWith("data:")
                        && !url.startsWith("about:")) {
                    out.add(url);
                }
            }
        }
        return out;
    }

    void click(double x, double y) throws Exception {
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode p = params().put("type", type).put("x", x).put("y", y);
            if (!type.equals("mouseMoved")) {
                p.put("button", "left").put("clickCount", 1);
            }
            send("Input.dispatchMouseEvent", p);
        }
    }

    void type(String text) throws Exception {
        send("Input.insertText", params().put("text", text));
    }

    /** A PNG of the page from {@code y} down, {@code width} by {@code height} CSS pixels. */
    byte[] screenshot(double y, double width, double height) throws Exception {
        ObjectNode p = params().put("format", "png").put("captureBeyondViewport", true);
        p.putObject("clip")
                .put("x", 0)
                .put("y", y)
                .put("width", width)
                .put("height", height)
                .put("scale", 1);
        String data = send("Page.captureScreenshot", p).get("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Routes replies to their callers and keeps events. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile Cdp cdp;
        private final List<String> early = new ArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (cdp == null) {
                    early.add(text);
                } else {
                    for (String e : early) {
                        dispatch(e);
                    }
                    early.clear();
                    dispatch(text);
                }
            }
            ws.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode n = JSON.readTree(text);
                if (n.has("id")) {
                    CompletableFuture<JsonNode> f = cdp.pending.remove(n.get("id").asInt());
                    if (f != null) {
                        f.complete(n);
                    }
                } else {
                    cdp.events.add(n);
                }
            } catch (IOException e) {
                // Not JSON: not from the protocol.
            }
        }
    }
}
