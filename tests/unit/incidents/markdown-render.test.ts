import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/incidents/markdown";

// The postmortem preview's Markdown renderer: the common syntax, and never raw HTML or unsafe links.
const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("safe Markdown renderer", () => {
  it("renders headings (shifted below the page's own), paragraphs with line breaks, emphasis and code", () => {
    expect(html("# Title\nfirst line\nsecond **bold** and *em* and _em2_ and `a<b`")).toBe(
      '<div class="md"><h3 class="md-heading">Title</h3><p>first line<br/>second <strong>bold</strong> and <em>em</em> and <em>em2</em> and <code>a&lt;b</code></p></div>',
    );
  });

  it("renders lists, quotes, rules, fenced code and GFM tables with escaped pipes", () => {
    expect(html("- one\n- two\n\n3. three\n4. four")).toBe('<div class="md"><ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li><li>four</li></ol></div>');
    expect(html("> quoted\n> more\n\n---\n```\n<b>raw</b>\n```")).toBe(
      '<div class="md"><blockquote><p>quoted<br/>more</p></blockquote><hr/><pre class="md-code"><code>&lt;b&gt;raw&lt;/b&gt;</code></pre></div>',
    );
    expect(html("| A | B |\n| --- | --- |\n| x \\| y | 2 |")).toContain("<tbody><tr><td>x | y</td><td>2</td></tr></tbody>");
  });

  it("shows raw HTML as text and only links http(s), mailto and same-site URLs", () => {
    expect(html('<script>alert("x")</script> <img src=x onerror=alert(1)>')).toBe(
      '<div class="md"><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p></div>',
    );
    expect(html("[bad](javascript:alert(1)) [good](https://example.com/a) [rel](/incidents/1) see https://grafana.example.com/d/x.")).toBe(
      '<div class="md"><p>bad <a href="https://example.com/a" target="_blank" rel="noreferrer noopener">good</a> <a href="/incidents/1">rel</a> see <a href="https://grafana.example.com/d/x" target="_blank" rel="noreferrer noopener">https://grafana.example.com/d/x</a>.</p></div>',
    );
    expect(html("[x](//evil.example.com)")).toBe('<div class="md"><p>x</p></div>');
  });

  it("decodes the entities the export writes, keeps backslash escapes literal, and says when empty", () => {
    expect(html("error rate &gt; 5% \\*not em\\*")).toBe('<div class="md"><p>error rate &gt; 5% *not em*</p></div>');
    expect(html("   \n")).toBe('<p class="muted md-empty">Nothing written yet.</p>');
  });
});
