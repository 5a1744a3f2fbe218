package com.dataquality.dqs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

/**
 * The report page: one HTML file holding its style, the chart library (uPlot, from its WebJar), the
 * data and the script, so that it opens offline from a file, e-mail or a shared drive. A
 * Content-Security-Policy forbids every request the page could make.
 */
final class HtmlPage {
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** No fetch, no image, no font from anywhere: everything the page needs is in it. */
    static final String CSP =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                    + " img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlPage() {}

    static void write(Writer out, ReportJson data, Instant generated) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<meta name=\"generator\" content=\"dqs report\">\n");
        out.write("<title>Data quality report</title>\n<style>\n");
        out.write(inline(Library.CSS));
        out.write('\n');
        out.write(inline(resource("report.css")));
        out.write("\n</style>\n</head>\n<body>\n");
        out.write(
                "<div id=\"app\"><p id=\"loading\">Loading the report… (it needs JavaScript)</p>"
                        + "</div>\n");
        out.write("<script type=\"application/json\" id=\"dqs-data\">");
        data.write(out, generated);
        out.write("</script>\n<script>\n/* uPlot ");
        out.write(Library.VERSION);
        out.write(", MIT licence: https://github.com/leeoniya/uPlot */\n");
        out.write(inline(Library.JS));
        out.write("\n</script>\n<script>\n");
        out.write(inline(resource("report.js")));
        out.write("\n</script>\n</body>\n</html>\n");
    }

    /**
     * Code or style made safe to sit in an HTML element: in valid script or style, {@code </script}
     * and {@code <!--} can only appear in strings, regular expressions and comments, where {@code
     * <\/script} and {@code <\!--} mean the same.
     */
    static String inline(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (!lower.contains("</script") && !lower.contains("</style") && !code.contains("<!--")) {
            return code;
        }
        StringBuilder out = new StringBuilder(code.length() + 16);
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            out.append(ch);
            if (ch == '<'
                    && i + 1 < code.length()
                    && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '!')) {
                out.append('\\');
            }
        }
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** uPlot, read once from the WebJar on the class path. */
    static final class Library {
        static final String VERSION = version();
        static final String JS = webjar("dist/uPlot.iife.min.js");
        static final String CSS = webjar("dist/uPlot.min.css");

        private Library() {}

        private static String version() {
            try (InputStream in = HtmlPage.class.getResourceAsStream(UPLOT_POM)) {
                if (in == null) {
                    throw new IllegalStateException("the uPlot WebJar is not on the class path");
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String webjar(String file) {
            return resource("/META-INF/resources/webjars/uplot/" + VERSION + "/" + file);
        }
    }
}
