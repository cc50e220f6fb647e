import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/incidents/markdown";

// The postmortem preview's Markdown renderer (react-markdown + GFM + rehype-sanitize): the common syntax,
// and never raw HTML or unsafe links. Newlines before tags (React output puts them between block elements) are dropped for comparison.
const html = (text: string, headingShift?: number) =>
  renderToStaticMarkup(createElement(Markdown, { text, headingShift }))
    .replace(/\n+</g, "<")
    .replace(/<br\/>\n/g, "<br/>");

describe("safe Markdown renderer", () => {
  it("renders headings (shifted below the page's own), paragraphs with line breaks, emphasis and code", () => {
    expect(html("# Title\nfirst line\nsecond **bold** and *em* and _em2_ and `a<b`")).toBe(
      '<div class="md"><h3 class="md-heading">Title</h3><p>first line<br/>second <strong>bold</strong> and <em>em</em> and <em>em2</em> and <code>a&lt;b</code></p></div>',
    );
    expect(html("# Top", -1)).toBe('<div class="md"><h1 class="md-heading">Top</h1></div>');
  });

  it("renders lists, quotes, rules, fenced code and GFM tables with escaped pipes", () => {
    expect(html("- one\n- two\n\n3. three\n4. four")).toBe(
      '<div class="md"><ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li><li>four</li></ol></div>',
    );
    expect(html("> quoted\n> more\n\n---\n```\n<b>raw</b>\n```")).toBe(
      '<div class="md"><blockquote><p>quoted<br/>more</p></blockquote><hr/><pre class="md-code"><code>&lt;b&gt;raw&lt;/b&gt;</code></pre></div>',
    );
    expect(html("| A | B |\n| --- | --- |\n| x \\| y | 2 |")).toContain(
      "<tbody><tr><td>x | y</td><td>2</td></tr></tbody>",
    );
    expect(html("| L | R |\n|:--|--:|\n| 1 | 2 |")).toContain(
      '<th scope="col" style="text-align:left">L</th><th scope="col" style="text-align:right">R</th>',
    );
  });

  it("shows raw HTML as text and only links http(s), mailto and same-site URLs", () => {
    expect(html('<script>alert("x")</script> <img src=x onerror=alert(1)>')).toBe(
      '<div class="md"><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p></div>',
    );
    expect(html('text <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>')).toBe(
      '<div class="md"><p>text &lt;img src=x onerror=alert(1)&gt; &lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p></div>',
    );
    expect(
      html(
        "[bad](javascript:alert(1)) [good](https://example.com/a) [rel](/incidents/1) see https://grafana.example.com/d/x.",
      ),
    ).toBe(
      '<div class="md"><p>bad <a href="https://example.com/a" target="_blank" rel="noreferrer noopener">good</a> <a href="/incidents/1">rel</a> see <a href="https://grafana.example.com/d/x" target="_blank" rel="noreferrer noopener">https://grafana.example.com/d/x</a>.</p></div>',
    );
    expect(html("[x](//evil.example.com)")).toBe('<div class="md"><p>x</p></div>');
    expect(html("[m](mailto:oncall@example.com) [v](vbscript:x) [d](data:text/html,<b>)")).toBe(
      '<div class="md"><p><a href="mailto:oncall@example.com">m</a> v d</p></div>',
    );
    expect(html("![i](javascript:alert(1))")).toBe('<div class="md"><p><img alt="i"/></p></div>');
  });

  it("decodes the entities the export writes, keeps backslash escapes literal, and says when empty", () => {
    expect(html("error rate &gt; 5% \\*not em\\*")).toBe('<div class="md"><p>error rate &gt; 5% *not em*</p></div>');
    expect(html("   \n")).toBe('<p class="muted md-empty">Nothing written yet.</p>');
  });
});

describe("CommonMark the hand-written renderer got wrong", () => {
  it("nests lists", () => {
    expect(html("- a\n  - b\n    - c\n- d\n\n1. one\n   - sub")).toBe(
      '<div class="md"><ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul><ol><li>one<ul><li>sub</li></ul></li></ol></div>',
    );
  });

  it("keeps a link's title", () => {
    expect(html('[docs](https://example.com/runbook "The runbook")')).toBe(
      '<div class="md"><p><a href="https://example.com/runbook" title="The runbook" target="_blank" rel="noreferrer noopener">docs</a></p></div>',
    );
  });

  it("renders ***x*** as strong inside em", () => {
    expect(html("a ***x*** b")).toBe('<div class="md"><p>a <em><strong>x</strong></em> b</p></div>');
  });

  it("renders setext headings", () => {
    expect(html("Title\n=====\n\nSub\n---")).toBe(
      '<div class="md"><h3 class="md-heading">Title</h3><h4 class="md-heading">Sub</h4></div>',
    );
  });

  it("links <url> autolinks", () => {
    expect(html("see <https://example.com/x?a=1&b=2>")).toBe(
      '<div class="md"><p>see <a href="https://example.com/x?a=1&amp;b=2" target="_blank" rel="noreferrer noopener">https://example.com/x?a=1&amp;b=2</a></p></div>',
    );
  });

  it("renders GFM task lists and strikethrough", () => {
    expect(html("- [x] done\n- [ ] ~~todo~~")).toBe(
      '<div class="md"><ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled="" checked=""/> done</li><li class="task-list-item"><input type="checkbox" disabled=""/> <del>todo</del></li></ul></div>',
    );
  });
});
