package io.recon4j.report;

import java.util.ArrayList;
import java.util.List;

/** The Markdown recon4j writes for per-class results (a heading, paragraphs, one pipe table) as HTML. */
final class MarkdownTables {

    private MarkdownTables() {
    }

    /** @return the cells of every data row of the first pipe table (header and separator skipped) */
    static List<List<String>> rows(String md) {
        List<List<String>> out = new ArrayList<>();
        int seen = 0;
        for (String line : md.split("\\R")) {
            if (isRow(line)) {
                seen++;
                if (seen > 2) {
                    out.add(cells(line));
                }
            } else if (seen > 0) {
                break;
            }
        }
        return out;
    }

    /**
     * @return pipe tables as tables (columns aligned as the separator row says), {@code ## } headings as headings,
     *     {@code - } lines as a list, other non-blank lines as paragraphs; {@code **bold**} and {@code `code`} inline;
     *     all text escaped; {@code # } headings are left out (the page has its own title)
     */
    static String toHtml(String md) {
        StringBuilder sb = new StringBuilder();
        String open = null;
        int row = 0;
        String[] lines = md.split("\\R");
        boolean[] left = new boolean[0];
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String block = isRow(line) ? "table" : line.startsWith("- ") ? "ul" : null;
            if (open != null && !open.equals(block)) {
                sb.append("</").append(open).append(">\n");
                open = null;
            }
            if (block != null && open == null) {
                sb.append('<').append(block).append(">\n");
                open = block;
                row = 0;
                if (block.equals("table")) {
                    left = i + 1 < lines.length && isRow(lines[i + 1]) ? leftAligned(cells(lines[i + 1])) : new boolean[0];
                }
            }
            if ("table".equals(block)) {
                row++;
                if (row == 2) {
                    continue; // the |---|---:| separator
                }
                String tag = row == 1 ? "th" : "td";
                sb.append("<tr>");
                List<String> cs = cells(line);
                for (int c = 0; c < cs.size(); c++) {
                    sb.append('<').append(tag).append(c > 0 && c < left.length && left[c] ? " class=\"l\"" : "").append('>')
                            .append(inline(cs.get(c))).append("</").append(tag).append('>');
                }
                sb.append("</tr>\n");
            } else if ("ul".equals(block)) {
                sb.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else if (line.startsWith("## ")) {
                sb.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                sb.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (open != null) {
            sb.append("</").append(open).append(">\n");
        }
        return sb.toString();
    }

    /** @return the text escaped, with {@code **bold**} and {@code `code`} as HTML */
    static String inline(String text) {
        return HtmlPage.escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    /** @return per column of a separator row ({@code |---|---:|}), whether it is left-aligned (no colon on the right) */
    private static boolean[] leftAligned(List<String> separator) {
        boolean[] out = new boolean[separator.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = separator.get(c).startsWith("-") && !separator.get(c).endsWith(":");
        }
        return out;
    }

    private static boolean isRow(String line) {
        String t = line.trim();
        return t.startsWith("|") && t.endsWith("|") && t.length() > 1;
    }

    private static List<String> cells(String line) {
        String t = line.trim();
        List<String> out = new ArrayList<>();
        for (String c : t.substring(1, t.length() - 1).split("\\|", -1)) {
            out.add(c.trim());
        }
        return out;
    }
}
