package org.dina.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dina.train.AtomicFiles;

/**
 * A self-contained HTML page (inline CSS, no JavaScript, no external resources) summarising a run:
 * runs/&lt;name&gt;/report/index.html with a title, a summary table and sections of text, figures and tables.
 * Figures are SVG files in (or below) the report folder, referenced by relative links, each with its PNG and its
 * data (CSV or JSON) beside it and linked from its caption.
 * <pre>
 * HtmlReport report = HtmlReport.forRun(Path.of("runs/v1-demo"), "DINA run v1-demo");
 * report.summary("top-1 accuracy", "0.42 (chance 0.016)");
 * report.section("Retrieval")
 *       .paragraph("Rank of the true image among 64 candidates.")
 *       .figure("ranks.svg", Histogram.titled("Retrieval ranks").x("rank").values(ranks), "Histogram of retrieval ranks");
 * Path index = report.write();
 * </pre>
 */
public final class HtmlReport {
    private static final Pattern NUMBER = Pattern.compile("(?=.*\\d)[-+\u2212]?(\\d[\\d,]*)?(\\.\\d+)?([eE][-+]?\\d+)?%?( ?± ?\\S+)?");

    private final Path dir;
    private final String title;
    private final List<String[]> summary = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private HtmlReport(Path dir, String title) {
        this.dir = Objects.requireNonNull(dir, "report folder").toAbsolutePath().normalize();
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A report in {@code runDir}/report (e.g. runs/&lt;name&gt;/report/index.html). */
    public static HtmlReport forRun(Path runDir, String title) {
        return new HtmlReport(runDir.resolve("report"), title);
    }

    /** A report written to {@code reportDir}/index.html. */
    public static HtmlReport in(Path reportDir, String title) {
        return new HtmlReport(reportDir, title);
    }

    /** The folder index.html and its figures go to. */
    public Path dir() {
        return dir;
    }

    /** Adds a row to the summary table at the top. */
    public HtmlReport summary(String key, String value) {
        summary.add(new String[] {Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")});
        return this;
    }

    /** Starts a new section with a heading; add its content through the returned section. */
    public Section section(String heading) {
        Section s = new Section(Objects.requireNonNull(heading, "heading"), sections.size() + 1);
        sections.add(s);
        return s;
    }

    /** One section: a heading followed by paragraphs, figures and tables in the order they were added. */
    public final class Section {
        private final String heading;
        private final int number;
        private final StringBuilder body = new StringBuilder();

        private Section(String heading, int number) {
            this.heading = heading;
            this.number = number;
        }

        /** A paragraph of plain text (escaped; blank lines start a new paragraph). */
        public Section paragraph(String text) {
            Objects.requireNonNull(text, "text");
            for (String para : text.strip().split("\\n\\s*\\n")) {
                if (!para.isBlank()) body.append("<p>").append(escape(para.strip())).append("</p>\n");
            }
            return this;
        }

        /** Saves {@code figure} as {@code fileName} (.svg) inside the report folder and shows it. */
        public Section figure(String fileName, Figure<?> figure, String alt) {
            return figure(fileName, figure, alt, "");
        }

        /**
         * Saves {@code figure} as {@code fileName} (.svg) inside the report folder, with its PNG and data file beside
         * it, and shows it with a caption and links to those two.
         */
        public Section figure(String fileName, Figure<?> figure, String alt, String caption) {
            Objects.requireNonNull(alt, "alt text");
            Objects.requireNonNull(caption, "caption");
            Figure.Saved files = figure.saveAll(insideReport(fileName));
            body.append("<figure>\n<img src=\"").append(escape(relativeUrl(files.svg()))).append("\" alt=\"")
                    .append(escape(alt)).append("\" width=\"").append(figure.width()).append("\" height=\"").append(figure.height())
                    .append("\">\n<figcaption>");
            if (!caption.isEmpty()) body.append(escape(caption)).append(' ');
            String data = files.data().getFileName().toString();
            body.append("<span class=\"files\"><a href=\"").append(escape(relativeUrl(files.png()))).append("\">PNG</a> \u00b7 ")
                    .append("<a href=\"").append(escape(relativeUrl(files.data()))).append("\">data (")
                    .append(data.substring(data.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT)).append(")</a></span></figcaption>\n</figure>\n");
            return this;
        }

        /** A table whose first row is the header. */
        public Section table(List<List<String>> rows) {
            return table("", rows);
        }

        /** A captioned table whose first row is the header; numeric cells are right-aligned. */
        public Section table(String caption, List<List<String>> rows) {
            return table(caption, rows, null);
        }

        /**
         * A captioned table whose first cell in each body row links to a file or folder: {@code links.get(i)} for body
         * row i (relative paths resolve against the report folder; null: no link), e.g. one row per run, linking to it.
         */
        public Section table(String caption, List<List<String>> rows, List<Path> links) {
            Objects.requireNonNull(rows, "rows");
            if (rows.isEmpty()) throw new IllegalArgumentException("table '" + caption + "' has no rows");
            if (links != null && links.size() != rows.size() - 1) {
                throw new IllegalArgumentException("table '" + caption + "' has " + (rows.size() - 1) + " rows but " + links.size() + " links");
            }
            body.append("<table>\n");
            if (!caption.isEmpty()) body.append("<caption>").append(escape(caption)).append("</caption>\n");
            body.append("<thead><tr>");
            for (String h : rows.get(0)) body.append("<th>").append(escape(String.valueOf(h))).append("</th>");
            body.append("</tr></thead>\n<tbody>\n");
            for (int r = 1; r < rows.size(); r++) {
                body.append("<tr>");
                Path link = links == null ? null : links.get(r - 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String text = String.valueOf(rows.get(r).get(c));
                    body.append(NUMBER.matcher(text.strip()).matches() && !text.isBlank() ? "<td class=\"num\">" : "<td>");
                    if (c == 0 && link != null) {
                        body.append("<a href=\"").append(escape(linkUrl(link))).append("\">").append(escape(text)).append("</a>");
                    } else {
                        body.append(escape(text));
                    }
                    body.append("</td>");
                }
                body.append("</tr>\n");
            }
            body.append("</tbody>\n</table>\n");
            return this;
        }

        private String anchor() {
            return "section-" + number;
        }
    }

    private Path insideReport(String fileName) {
        Objects.requireNonNull(fileName, "file name");
        Path target = dir.resolve(fileName).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw new IllegalArgumentException("figure file '" + fileName + "' must lie inside the report folder " + dir);
        }
        return target;
    }

    /** A relative URL to {@code target} (resolved against the report folder); a folder's ends in '/'. */
    private String linkUrl(Path target) {
        Path file = dir.resolve(target).toAbsolutePath().normalize();
        String url = relativeUrl(file);
        return Files.isDirectory(file) && !url.endsWith("/") ? url + "/" : url;
    }

    /** A relative URL from the report folder to {@code file}, '/'-separated and percent-encoded. */
    private String relativeUrl(Path file) {
        Path rel = dir.relativize(file);
        StringBuilder path = new StringBuilder();
        for (Path part : rel) {
            if (!path.isEmpty()) path.append('/');
            path.append(part);
        }
        try {
            return new URI(null, null, path.toString(), null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The whole page. */
    public String html() {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // belt and braces: even a page edited by hand cannot run scripts or fetch from elsewhere
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        if (!summary.isEmpty()) {
            b.append("<table class=\"summary\">\n<tbody>\n");
            for (String[] row : summary) {
                b.append("<tr><th scope=\"row\">").append(escape(row[0])).append("</th><td>").append(escape(row[1])).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        if (sections.size() > 1) {
            b.append("<nav>\n<h2>Contents</h2>\n<ol>\n");
            for (Section s : sections) {
                b.append("<li><a href=\"#").append(s.anchor()).append("\">").append(escape(s.heading)).append("</a></li>\n");
            }
            b.append("</ol>\n</nav>\n");
        }
        for (Section s : sections) {
            b.append("<section id=\"").append(s.anchor()).append("\">\n<h2>").append(escape(s.heading)).append("</h2>\n")
                    .append(s.body).append("</section>\n");
        }
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** Writes index.html atomically into {@link #dir()} and returns its path. */
    public Path write() {
        return AtomicFiles.writeBytesOrFail(dir.resolve("index.html"), html().getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes {@code & < > " '} and drops control characters but tab and newline: safe as text and in a quoted attribute. */
    static String escape(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B-\\x1F]", "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; background: #fff; color: #222; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
            main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
            h1 { font-size: 1.8em; margin: 0.2em 0 0.6em; }
            h2 { font-size: 1.35em; margin: 1.6em 0 0.4em; padding-bottom: 0.2em; border-bottom: 1px solid #ddd; }
            nav h2 { font-size: 1.05em; border: 0; margin: 1em 0 0.2em; }
            nav ol { margin: 0; padding-left: 1.4em; }
            a { color: #0072b2; }
            p { margin: 0.5em 0 0.9em; max-width: 48em; }
            figure { margin: 1em 0 1.4em; }
            img { display: block; max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
            figcaption { font-size: 0.9em; color: #555; margin-top: 0.35em; }
            .files { white-space: nowrap; }
            table { border-collapse: collapse; margin: 0.8em 0 1.4em; font-size: 0.95em; }
            caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
            th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid #999; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #f7f7f7; }
            table.summary th { font-weight: 600; color: #444; }
            """;
}
