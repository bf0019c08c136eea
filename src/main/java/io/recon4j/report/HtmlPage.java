package io.recon4j.report;

import com.google.gson.Gson;
import io.recon4j.render.Colormap;
import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: text, tables, SVG charts and {@link CloudView}s, with three.js and the viewer code
 * inline, so the file opens offline in any browser with WebGL. Add parts in reading order, then {@link #write}.
 */
public final class HtmlPage {

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<Map<String, Object>> viewers = new ArrayList<>();

    private HtmlPage(String title) {
        this.title = title;
    }

    /** @return an empty page with this title (also its first heading) */
    public static HtmlPage titled(String title) {
        return new HtmlPage(title);
    }

    /** Adds a heading. */
    public HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Adds a paragraph of plain text. */
    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Adds trusted HTML as it is (tables, SVG built by this package). */
    HtmlPage html(String html) {
        body.append(html).append('\n');
        return this;
    }

    /** Adds a row of viewers (wrapping on narrow screens). */
    public HtmlPage viewers(List<CloudView> views) {
        body.append("<div class=\"viewers\">\n");
        for (CloudView v : views) {
            String id = "viewer-" + viewers.size();
            viewers.add(v.toJson(id));
            body.append("<div class=\"card\"><div class=\"viewer\" id=\"").append(id).append("\"></div></div>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** @return the whole page */
    public String render() throws IOException {
        StringBuilder gradient = new StringBuilder();
        for (int i = 0; i <= 10; i++) {
            gradient.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "#%06x", Colormap.rgb(i / 10.0)));
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n"
                + "<script>\n" + ThreeJs.own("errors.js") + "</script>\n"
                + "<style>\n" + ThreeJs.own("report.css").replace("/*GRADIENT*/", gradient) + "</style>\n</head>\n<body>\n<h1>"
                + escape(title) + "</h1>\n" + body
                + "<script>\n" + ThreeJs.sourcesScript() + "\n</script>\n"
                + "<script>\nwindow.RECON_CLOUDS = " + new Gson().toJson(viewers) + ";\n</script>\n"
                + "<script>\n" + ThreeJs.own("viewer.js") + "</script>\n</body>\n</html>\n";
    }

    /** Writes the page (atomically). */
    public void write(Path file) throws IOException {
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** @return {@code text} with the five HTML special characters escaped */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
