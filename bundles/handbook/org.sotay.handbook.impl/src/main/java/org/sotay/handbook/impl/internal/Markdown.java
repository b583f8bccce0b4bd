package org.sotay.handbook.impl.internal;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Markdown (CommonMark) to the HTML readers get, through an allow-list sanitizer (jsoup's {@link Cleaner}):
 * no script, no style, no event handler, no {@code javascript:} link, links {@code rel="noopener noreferrer"}
 * opening outside the app. The Markdown itself is stored clean too: each raw HTML fragment in it is
 * replaced by what the sanitizer keeps of it, so an editor who pasted {@code <script>} finds it gone.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();
    private static final Safelist SAFE = Safelist.relaxed().addTags("hr", "del", "s", "figure", "figcaption")
            .removeTags("div", "span").addEnforcedAttribute("a", "rel", "noopener noreferrer").addEnforcedAttribute("a", "target", "_blank")
            .addProtocols("a", "href", "tel");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private Markdown() {
    }

    /** The Markdown with every raw HTML fragment replaced by its sanitized form. */
    static String clean(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return markdown;
        }
        Node doc = PARSER.parse(markdown);
        List<int[]> spans = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock block) {
                add(block.getSourceSpans());
            }

            @Override
            public void visit(HtmlInline inline) {
                add(inline.getSourceSpans());
            }

            private void add(List<SourceSpan> s) {
                if (!s.isEmpty()) {
                    SourceSpan last = s.get(s.size() - 1);
                    spans.add(new int[] { s.get(0).getInputIndex(), last.getInputIndex() + last.getLength() });
                }
            }
        });
        if (spans.isEmpty()) {
            return markdown;
        }
        StringBuilder out = new StringBuilder(markdown.length());
        int at = 0;
        for (int[] span : spans) {
            if (span[0] < at) {
                continue;
            }
            out.append(markdown, at, span[0]);
            out.append(sanitize(markdown.substring(span[0], span[1])));
            at = span[1];
        }
        out.append(markdown.substring(at));
        return out.toString();
    }

    /** The sanitized HTML of {@code markdown}. */
    static String html(String markdown) {
        return sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }

    /** HTML through the allow-list. */
    static String sanitize(String html) {
        Document dirty = Jsoup.parseBodyFragment(html);
        Document clean = new Cleaner(SAFE).clean(dirty);
        clean.outputSettings(COMPACT);
        return clean.body().html().strip();
    }

    /** The words a person reads in sanitized HTML (for the search index). */
    static String text(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }
}
