package org.textclf.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a rendered report in headless Chromium: the DOM Chromium builds must contain the metrics table and every
 * chart, and the screenshot must actually show the charts (pixels in the series and heatmap colours). Skips when
 * Chromium is not installed. The screenshot is kept at {@code target/report-screenshot.png} (the one committed as
 * {@code docs/report-screenshot.png} comes from here).
 */
class HtmlReportChromiumTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("textclf.chromium", "/usr/bin/chromium"));

    @Test
    void chromiumRendersTableAndCharts(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "chromium not found at " + CHROMIUM + ": skipping the headless browser check of the HTML report");
        Path report = dir.resolve("report.html");
        HtmlReport.write(DemoEvaluations.multiClassWithComparison(), DemoEvaluations.context(), report);

        String dom = chromium(dir, "--dump-dom", report.toUri().toString());
        assertTrue(dom.contains("<table class=\"metrics\""), "metrics table missing from DOM");
        assertTrue(dom.contains("<td>sports</td>"), "per-label row missing from DOM");
        for (String chart : List.of("confusion-counts", "confusion-normalised", "roc", "pr", "training")) {
            assertTrue(dom.contains("data-chart=\"" + chart + "\""), chart + " chart missing from DOM");
        }
        assertTrue(dom.contains("<path class=\"series\""), "no curve paths in DOM");

        Path png = dir.resolve("report.png");
        chromium(dir, "--screenshot=" + png, "--window-size=1280,2000", report.toUri().toString());
        assertTrue(Files.size(png) > 10_000, "screenshot suspiciously small");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(2000, image.getHeight());
        // The first two series colours (ROC/PR curves) and the darkest heatmap blue must be on screen.
        assertTrue(countNear(image, 0x4e79a7) > 150, "no blue series pixels: curves not drawn");
        assertTrue(countNear(image, 0xf28e2b) > 150, "no orange series pixels: curves not drawn");
        assertTrue(countNear(image, 0x08306b) + countNear(image, 0x1b4a80) > 300, "no dark heatmap cells drawn");
        Path keep = Path.of("target", "report-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(report, Path.of("target", "report-demo.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int countNear(BufferedImage image, int rgb) {
        int r0 = (rgb >> 16) & 0xff;
        int g0 = (rgb >> 8) & 0xff;
        int b0 = rgb & 0xff;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - r0;
                int dg = ((p >> 8) & 0xff) - g0;
                int db = (p & 0xff) - b0;
                if (dr * dr + dg * dg + db * db < 24 * 24) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(err, StandardCharsets.UTF_8));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
