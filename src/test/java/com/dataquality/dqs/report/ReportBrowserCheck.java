package com.dataquality.dqs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Opens reports in headless Chromium and checks that they work as a user sees them: no console
 * error, no network request, charts drawn (pixels on their canvases and in a screenshot), a search
 * typed into the box narrows the table, a click on a row draws that series, anomalies are marked,
 * hostile names stay text, and a report of summaries only says what is absent. Run by {@code
 * scripts/browser-test.sh} on a report made from real {@code dqs generate → train-model → run}
 * outputs; prints one line per check and {@code browser: N passed, M failed}.
 *
 * <pre>
 * java -cp target/test-classes:target/dq-summarizer-*.jar com.dataquality.dqs.report.ReportBrowserCheck \
 *     --report run/report.html --run-dir run --work /tmp/w [--screenshot docs/images/report.png]
 * </pre>
 */
public final class ReportBrowserCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;

    private final List<String> failures = new ArrayList<>();
    private int passed;
    private final String chromium;
    private final Path work;

    private ReportBrowserCheck(String chromium, Path work) {
        this.chromium = chromium;
        this.work = work;
    }

    interface Check {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String chromium = "/usr/bin/chromium";
        Path report = null;
        Path runDir = null;
        Path work = null;
        Path screenshot = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chromium" -> chromium = args[++i];
                case "--report" -> report = Path.of(args[++i]);
                case "--run-dir" -> runDir = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--screenshot" -> screenshot = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (report == null || runDir == null || work == null) {
            throw new IllegalArgumentException("--report, --run-dir and --work are required");
        }
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        ReportBrowserCheck c = new ReportBrowserCheck(chromium, work);
        try (Cdp b = c.browser()) {
            c.realReport(b, report, screenshot);
            c.hostileReport(b);
            c.summariesOnly(b, runDir);
        }
        System.out.printf("browser checks took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.printf("browser: %d passed, %d failed%n", c.passed, c.failures.size());
        System.exit(c.failures.isEmpty() ? 0 : 1);
    }

    private void check(String name, Check body) {
        long t0 = System.nanoTime();
        try {
            body.run();
            passed++;
            System.out.printf("ok   %s (%d ms)%n", name, (System.nanoTime() - t0) / 1_000_000);
        } catch (Throwable e) {
            failures.add(name);
            System.out.printf("FAIL %s: %s%n", name, e.getMessage());
        }
        System.out.flush();
    }

    /** One browser with a fresh profile for every check; each report gets a fresh load. */
    private Cdp browser() throws Exception {
        return Cdp.start(chromium, Files.createTempDirectory(work, "profile-"), WIDTH, HEIGHT);
    }

    private static void open(Cdp b, Path html, String hash) throws Exception {
        b.send("Page.navigate", Cdp.params().put("url", "about:blank"));
        b.waitFor("location.href === 'about:blank'", WAIT);
        b.clearEvents();
        b.send(
                "Page.navigate",
                Cdp.params()
                        .put("url", html.toAbsolutePath().toUri() + (hash == null ? "" : hash)));
        b.waitFor("document.body && document.body.dataset.ready === '1'", WAIT);
    }

    private static void clean(Cdp b) {
        List<String> errors = b.errors();
        if (!errors.isEmpty()) {
            throw new AssertionError("console errors: " + errors);
        }
        List<String> requests = b.networkRequests();
        if (!requests.isEmpty()) {
            throw new AssertionError("network requests: " + requests);
        }
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** Painted pixels of the chart canvas under {@code selector}, and how many are anomaly red. */
    private static int[] pixels(Cdp b, String selector) throws Exception {
        JsonNode r =
                b.eval(
                        "(function(){var c=document.querySelector("
                                + JSON.writeValueAsString(selector + " canvas")
                                + ");if(!c)return [-1,-1];var d=c.getContext('2d')"
                                + ".getImageData(0,0,c.width,c.height).data;var n=0,red=0;"
                                + "for(var i=0;i<d.length;i+=4){if(d[i+3]>0)n++;"
                                + "if(d[i+3]>200&&d[i]>180&&d[i+1]<90&&d[i+2]<90)red++;}"
                                + "return [n,red];})()");
        return new int[] {r.get(0).asInt(), r.get(1).asInt()};
    }

    private static int rows(Cdp b) throws Exception {
        return b.eval("document.querySelectorAll('#series-rows tr[data-key]').length").asInt();
    }

    /** Clicks the table row of a series, as a user would (a real mouse event at its centre). */
    private static void clickRow(Cdp b, String key) throws Exception {
        JsonNode rect =
                b.eval(
                        "(function(){var k="
                                + JSON.writeValueAsString(key)
                                + ";var tr=[].slice.call(document.querySelectorAll("
                                + "'#series-rows tr')).filter(function(t){return t.dataset.key===k;})[0];"
                                + "if(!tr)return null;tr.scrollIntoView({block:'center'});"
                                + "var r=tr.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];})()");
        expect(rect.isArray(), "no table row for the series " + key);
        b.click(rect.get(0).asDouble(), rect.get(1).asDouble());
        b.waitFor(
                "document.getElementById('detail').dataset.key===" + JSON.writeValueAsString(key),
                WAIT);
    }

    private static void search(Cdp b, String text) throws Exception {
        b.eval("(function(){var s=document.getElementById('search');s.value='';s.focus();})()");
        b.type(text);
        b.waitFor(
                "document.getElementById('match-count').textContent.indexOf('"
                        + "of') > 0 && document.getElementById('search').value==="
                        + JSON.writeValueAsString(text),
                WAIT);
        Thread.sleep(400); // the search waits 120 ms for more keys
    }

    // ---- the report of a real run

    private void realReport(Cdp b, Path report, Path screenshot) throws Exception {
        check(
                "real run: the report loads with no console error and no network request",
                () -> {
                    open(b, report, null);
                    clean(b);
                });
        check(
                "real run: overview numbers and chart drawn",
                () -> {
                    int kpis = b.eval("document.querySelectorAll('.kpi').length").asInt();
                    expect(kpis >= 10, "KPI cards: " + kpis);
                    int[] px = pixels(b, "#overview-chart");
                    expect(px[0] > 5000, "overview chart pixels: " + px[0]);
                    int canvases =
                            b.eval("document.querySelectorAll('.uplot canvas').length").asInt();
                    expect(canvases == 2, "charts on the page: " + canvases + ", expected 2");
                });
        int[] total = new int[1];
        check(
                "real run: the table shows one page and the worst series is drawn",
                () -> {
                    total[0] =
                            b.eval(
                                            "JSON.parse(document.getElementById('dqs-data').textContent).series.length")
                                    .asInt();
                    expect(
                            rows(b) == Math.min(25, total[0]),
                            "rows " + rows(b) + " of " + total[0]);
                    int[] px = pixels(b, "#series-chart");
                    expect(px[0] > 5000, "series chart pixels: " + px[0]);
                });
        JsonNode pick =
                b.eval(
                        "(function(){var d=JSON.parse(document.getElementById('dqs-data').textContent);"
                                + "var s=d.series.filter(function(x){return x.an&&x.an.length&&x.n;})"
                                + ".sort(function(a,b){return b.an.length-a.an.length;})[0]"
                                + "||d.series[d.series.length-1];"
                                + "return {n:s.n||s.u,key:s.u+'\\u0000'+s.r,an:s.an?s.an.length:0};})()");
        String name = pick.get("n").asText();
        String key = pick.get("key").asText();
        check(
                "real run: typing a dataset name into the search narrows the table",
                () -> {
                    search(b, name);
                    int n = rows(b);
                    expect(
                            n >= 1 && n < Math.min(25, total[0]) || total[0] == 1,
                            "rows after search: " + n);
                    boolean all =
                            b.eval(
                                            "[].slice.call(document.querySelectorAll('#series-rows tr[data-key] td:first-child'))"
                                                    + ".every(function(td){return td.textContent.toLowerCase().indexOf("
                                                    + JSON.writeValueAsString(name.toLowerCase())
                                                    + ")>=0;})")
                                    .asBoolean();
                    expect(all, "a row that does not match '" + name + "' is shown");
                });
        check(
                "real run: clicking a row draws that series, with its anomalies marked",
                () -> {
                    clickRow(b, key);
                    String title =
                            b.eval("document.getElementById('detail-title').textContent").asText();
                    expect(title.startsWith(name), "detail title: " + title);
                    int[] px = pixels(b, "#series-chart");
                    expect(px[0] > 5000, "series chart pixels: " + px[0]);
                    if (pick.get("an").asInt() > 0) {
                        expect(px[1] > 20, "anomaly red pixels: " + px[1]);
                        int listed =
                                b.eval(
                                                "document.querySelectorAll('#detail table.anomalies tbody tr').length")
                                        .asInt();
                        expect(listed == pick.get("an").asInt(), "anomalies listed: " + listed);
                    }
                    clean(b);
                });
        check(
                "real run: a screenshot shows the drawn page (not blank)",
                () -> {
                    // The overview and the series explorer with the clicked series, as one picture.
                    JsonNode box =
                            b.eval(
                                    "(function(){var o=document.getElementById('overview')"
                                            + ".getBoundingClientRect(),s=document.getElementById('series')"
                                            + ".getBoundingClientRect(),y=window.scrollY;"
                                            + "return [o.top+y-8,Math.min(s.bottom-o.top+16,2400)];})()");
                    byte[] png = b.screenshot(box.get(0).asDouble(), WIDTH, box.get(1).asDouble());
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                    int ink = 0;
                    Set<Integer> colours = new HashSet<>();
                    for (int y = 0; y < img.getHeight(); y++) {
                        for (int x = 0; x < img.getWidth(); x++) {
                            int rgb = img.getRGB(x, y) & 0xffffff;
                            colours.add(rgb);
                            if (rgb != 0xffffff && rgb != 0xf6f7f9) {
                                ink++;
                            }
                        }
                    }
                    double share = (double) ink / (img.getWidth() * img.getHeight());
                    expect(share > 0.05, "painted share of the screenshot: " + share);
                    expect(colours.size() > 50, "colours in the screenshot: " + colours.size());
                    if (screenshot != null) {
                        Files.createDirectories(screenshot.toAbsolutePath().getParent());
                        Files.write(screenshot, png);
                    }
                });
    }

    // ---- hostile names

    private void hostileReport(Cdp b) throws Exception {
        Path dir = ReportFixtures.hostileRun(work.resolve("hostile-run"));
        Path html = work.resolve("hostile.html");
        Report.write(new ReportSources(List.of(dir), null, null), html, l -> {});
        check(
                "hostile names: no script runs, no markup appears, names are shown as text",
                () -> {
                    open(b, html, null);
                    clean(b);
                    expect(
                            b.eval("typeof window.__pwned").asText().equals("undefined"),
                            "injected script ran");
                    int tags =
                            b.eval(
                                            "document.querySelectorAll('img,svg,iframe,object,embed,b').length")
                                    .asInt();
                    expect(tags == 0, "markup from the data became elements: " + tags);
                    String body = b.eval("document.body.textContent").asText();
                    expect(
                            body.contains(ReportFixtures.FORMULA_NAME),
                            "formula name not shown as it is");
                    expect(
                            body.contains(ReportFixtures.UNICODE_NAME),
                            "non-ASCII name not shown as it is");
                });
        check(
                "hostile names: a search for \"</script>…\" finds its series, a click shows its anomalies",
                () -> {
                    search(b, ReportFixtures.SCRIPT_NAME);
                    expect(rows(b) == 1, "rows: " + rows(b));
                    clickRow(b, ReportFixtures.MAIN_UUID + "\u0000101");
                    String title =
                            b.eval("document.getElementById('detail-title').textContent").asText();
                    expect(title.startsWith(ReportFixtures.SCRIPT_NAME), "title: " + title);
                    int[] px = pixels(b, "#series-chart");
                    expect(px[1] > 20, "anomaly red pixels: " + px[1]);
                    String severities =
                            b.eval("document.querySelector('#detail table.anomalies').textContent")
                                    .asText();
                    expect(severities.contains("<b>critical</b>"), "severity text: " + severities);
                    clean(b);
                });
        check(
                "hostile names: a link to a series with a hostile id opens it",
                () -> {
                    String hash =
                            "#s="
                                    + java.net.URLEncoder.encode(
                                                    ReportFixtures.HOSTILE_UUID, "UTF-8")
                                            .replace("+", "%20")
                                    + "/105";
                    open(b, html, hash);
                    String title =
                            b.eval("document.getElementById('detail-title').textContent").asText();
                    expect(title.startsWith(ReportFixtures.SEPARATOR_NAME), "title: " + title);
                    expect(
                            b.eval("typeof window.__pwned").asText().equals("undefined"),
                            "injected script ran");
                    clean(b);
                });
    }

    // ---- summaries only

    private void summariesOnly(Cdp b, Path runDir) throws Exception {
        Path dir = ReportFixtures.summarizeOnly(runDir, work.resolve("summary-only"));
        Path html = work.resolve("summary-only.html");
        Report.write(new ReportSources(List.of(dir), null, null), html, l -> {});
        check(
                "summaries only: the report names the absent files and draws windows",
                () -> {
                    open(b, html, null);
                    clean(b);
                    String about = b.eval("document.getElementById('about').textContent").asText();
                    expect(about.contains("No daily values"), "no 'No daily values' note");
                    expect(about.contains("predictions.csv"), "predictions.csv not named absent");
                    expect(pixels(b, "#overview-chart")[0] > 2000, "overview histogram not drawn");
                    expect(pixels(b, "#series-chart")[0] > 2000, "window bars not drawn");
                });
    }
}
