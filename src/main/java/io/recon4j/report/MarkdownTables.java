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

    /** @return pipe tables as tables, other non-blank lines as paragraphs (all text escaped); headings are left out (the page has its own) */
    static String toHtml(String md) {
        StringBuilder sb = new StringBuilder();
        boolean inTable = false;
        int row = 0;
        for (String line : md.split("\\R")) {
            if (isRow(line)) {
                if (!inTable) {
                    sb.append("<table>\n");
                    inTable = true;
                    row = 0;
                }
                row++;
                if (row == 2) {
                    continue; // the |---|---:| separator
                }
                String tag = row == 1 ? "th" : "td";
                sb.append("<tr>");
                for (String c : cells(line)) {
                    sb.append('<').append(tag).append('>').append(HtmlPage.escape(c)).append("</").append(tag).append('>');
                }
                sb.append("</tr>\n");
                continue;
            }
            if (inTable) {
                sb.append("</table>\n");
                inTable = false;
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                sb.append("<p>").append(HtmlPage.escape(line)).append("</p>\n");
            }
        }
        if (inTable) {
            sb.append("</table>\n");
        }
        return sb.toString();
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
