package io.recon4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports in a real browser (a fine-tuning run's and the quickstart's): headless Chromium opens the file
 * (offline, software WebGL), the viewers come up, the screenshot's canvas is not blank and the page logged no error.
 */
@Tag("browser")
@Tag("train")
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 3200;

    /** Chromium's output and exit status. */
    private record Browser(int code, String stdout, String stderr) {
    }

    private static Browser chromium(Path profile, Path page, String... mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
                "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT,
                "--virtual-time-budget=20000"));
        cmd.addAll(List.of(mode));
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(err));
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void viewersDrawTheCloudsWithoutErrors(@TempDir Path dir) throws Exception {
        assumeChromium();
        Path run = TinyRun.create(dir.resolve("run"));
        assertDrawnWithoutErrors(RunReport.write(run, TinyRun.test(), 2), 2, dir);
    }

    @Test
    void quickstartPageDrawsWithoutErrors(@TempDir Path dir) throws Exception {
        assumeChromium();
        TinyQuickstart.Run run = TinyQuickstart.get();
        assertDrawnWithoutErrors(run.page(), run.result().figures().shapes().size(), dir);
    }

    private static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": browser test skipped (apt-get install -y chromium; .ci/run installs it)");
    }

    /** Opens {@code page} headless: every viewer drew, no page or console error, the first canvas is not blank. */
    private static void assertDrawnWithoutErrors(Path page, int viewers, Path dir) throws Exception {
        Browser dom = chromium(Files.createDirectories(dir.resolve("profile-dom")), page, "--dump-dom");
        assertEquals(0, dom.code(), dom.stderr());
        String html = dom.stdout();
        // The state the page keeps on its <html> and <body> tags (the script texts in the dump mention the names too).
        String tags = tag(html, "html") + tag(html, "body");
        assertFalse(tags.contains("data-viewer-error"), "viewer error: " + attribute(tags, "data-viewer-error"));
        assertFalse(tags.contains("data-errors="), "page errors: " + attribute(tags, "data-errors"));
        assertEquals(String.valueOf(viewers), attribute(tags, "data-viewers-ready"), "every viewer drew");
        String[] rect = attribute(html, "data-canvas-rect").split(",");

        Path png = dir.resolve("report.png");
        Browser shot = chromium(Files.createDirectories(dir.resolve("profile-shot")), page, "--screenshot=" + png);
        assertEquals(0, shot.code(), shot.stderr());
        for (Browser b : List.of(dom, shot)) {
            for (String line : b.stderr().split("\\R")) {
                // Console messages; the GPU's own performance notes (ReadPixels stalls of software GL) are not page errors.
                if (line.contains(":CONSOLE") && !line.contains("GL Driver Message")) {
                    assertFalse(line.contains("Uncaught") || line.toLowerCase(java.util.Locale.ROOT).contains("error"), line);
                }
            }
        }
        BufferedImage img = ImageIO.read(png.toFile());
        int x0 = Integer.parseInt(rect[0]);
        int y0 = Integer.parseInt(rect[1]);
        int w = Integer.parseInt(rect[2]);
        int h = Integer.parseInt(rect[3]);
        assertTrue(y0 + h <= img.getHeight(), "the first viewer lies inside the screenshot (" + img.getHeight() + " px)");
        double sum = 0;
        double sq = 0;
        int coloured = 0;
        for (int y = y0 + 2; y < y0 + h - 2; y++) {
            for (int x = x0 + 2; x < x0 + w - 2; x++) {
                int rgb = img.getRGB(x, y);
                double lum = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                sum += lum;
                sq += lum * lum;
                if (lum < 200) {
                    coloured++;
                }
            }
        }
        int n = (w - 4) * (h - 4);
        double std = Math.sqrt(Math.max(0, sq / n - (sum / n) * (sum / n)));
        assertTrue(std > 8, "the canvas is blank: luminance std " + std);
        assertTrue(coloured > n / 200, "too few drawn pixels: " + coloured + " of " + n);
    }

    private static String tag(String html, String name) {
        Matcher m = Pattern.compile("<" + name + "(\\s[^>]*)?>").matcher(html);
        return m.find() ? m.group() : "";
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }
}
