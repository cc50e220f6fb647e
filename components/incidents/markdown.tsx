import { Fragment, type ReactNode } from "react";

// A small, safe Markdown renderer for postmortem previews and the print view. It builds React elements
// (never HTML strings), so anything the author writes, including raw HTML, is shown as text. Supported:
// headings, paragraphs (single line breaks kept), - / * / 1. lists, > quotes, fenced code, inline code,
// **bold**, *italic* / _italic_, [links](https://…) and bare http(s) URLs (only http, https, mailto and
// same-site links become anchors), GFM tables, horizontal rules and backslash escapes.

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);

const INLINE = new RegExp(
  [
    /\\([\\`*_[\]()#+\-.!|>~])/.source, // 1 escaped char
    /`([^`\n]+)`/.source, // 2 code
    /\*\*([^*\n]+?)\*\*/.source, // 3 bold
    /__([^_\n]+?)__/.source, // 4 bold
    /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/.source, // 5 text, 6 href (one level of parentheses)
    /\*([^*\s][^*\n]*?)\*/.source, // 7 em
    /(?<![\w])_([^_\s][^_\n]*?)_(?![\w])/.source, // 8 em
    /(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/.source, // 9 bare URL
  ].join("|"),
  "g",
);

/** Inline Markdown → React nodes. */
export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  const key = () => `${keyPrefix}-${n++}`;
  const pushText = (s: string) => {
    if (!s) return;
    const lines = decode(s).split("\n");
    lines.forEach((line, i) => {
      if (i > 0) out.push(<br key={key()} />);
      if (line) out.push(line);
    });
  };
  for (const m of text.matchAll(INLINE)) {
    pushText(text.slice(last, m.index));
    last = m.index + m[0].length;
    const k = key();
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(<code key={k}>{m[2]}</code>);
    else if (m[3] !== undefined || m[4] !== undefined) out.push(<strong key={k}>{renderInline(m[3] ?? m[4]!, k)}</strong>);
    else if (m[5] !== undefined) {
      const href = m[6]!;
      out.push(
        SAFE_HREF.test(href) ? (
          <a key={k} href={href} {...(/^https?:/i.test(href) ? { target: "_blank", rel: "noreferrer noopener" } : {})}>
            {renderInline(m[5], k)}
          </a>
        ) : (
          <Fragment key={k}>{renderInline(m[5], k)}</Fragment>
        ),
      );
    } else if (m[7] !== undefined || m[8] !== undefined) out.push(<em key={k}>{renderInline(m[7] ?? m[8]!, k)}</em>);
    else if (m[9] !== undefined) out.push(<a key={k} href={m[9]} target="_blank" rel="noreferrer noopener">{m[9]}</a>);
  }
  pushText(text.slice(last));
  return out;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

const isBlockStart = (line: string, next?: string) =>
  FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line) || (line.includes("|") && next !== undefined && TABLE_SEP.test(next));

/** Splits a GFM table row into cells, honouring escaped pipes. */
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/**
 * Block-level Markdown → React nodes. Headings are shifted by `headingShift` levels (default 2: the page
 * owns h1–h2), clamped to h1–h6.
 */
export function renderMarkdown(source: string, keyPrefix = "b", headingShift = 2): ReactNode[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const out: ReactNode[] = [];
  let i = 0;
  let n = 0;
  const key = () => `${keyPrefix}-${n++}`;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i += 1;
      out.push(<pre key={key()} className="md-code"><code>{body.join("\n")}</code></pre>);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.max(1, Math.min(6, heading[1]!.length + headingShift));
      const k = key();
      const Tag = `h${level}` as "h1" | "h2" | "h3" | "h4" | "h5" | "h6";
      out.push(<Tag key={k} className="md-heading">{renderInline(heading[2]!, k)}</Tag>);
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      out.push(<hr key={key()} />);
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(lines[i++]!.replace(QUOTE, ""));
      const k = key();
      out.push(<blockquote key={k}>{renderMarkdown(body.join("\n"), k, headingShift)}</blockquote>);
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1]!)) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.includes("|") && lines[i]!.trim() !== "") rows.push(cells(lines[i++]!));
      const k = key();
      out.push(
        <div key={k} className="table-wrap">
          <table className="table md-table">
            <thead>
              <tr>{head.map((c, j) => <th key={j} scope="col">{renderInline(c, `${k}-h${j}`)}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r, ri) => (
                <tr key={ri}>{head.map((_, j) => <td key={j}>{renderInline(r[j] ?? "", `${k}-${ri}-${j}`)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      const items: string[] = [];
      while (i < lines.length) {
        const m = ITEM.exec(lines[i]!);
        if (m && /\d/.test(m[2]!) === ordered) {
          items.push(m[3]!);
          i += 1;
        } else if (lines[i]!.trim() !== "" && /^\s{2,}/.test(lines[i]!) && items.length) {
          items[items.length - 1] += `\n${lines[i]!.trim()}`;
          i += 1;
        } else break;
      }
      const k = key();
      const children = items.map((t, j) => <li key={j}>{renderInline(t, `${k}-${j}`)}</li>);
      const start = ordered ? Number.parseInt(item[2]!, 10) : 1;
      out.push(ordered ? <ol key={k} start={start === 1 ? undefined : start}>{children}</ol> : <ul key={k}>{children}</ul>);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && (para.length === 0 || !isBlockStart(lines[i]!, lines[i + 1]))) para.push(lines[i++]!);
    const k = key();
    out.push(<p key={k}>{renderInline(para.join("\n"), k)}</p>);
  }
  return out;
}

/** Rendered Markdown in a `.md` container; an empty text shows `empty` instead. */
export function Markdown({ text, empty = "Nothing written yet.", headingShift = 2 }: { text: string; empty?: string; headingShift?: number }) {
  if (text.trim() === "") return <p className="muted md-empty">{empty}</p>;
  return <div className="md">{renderMarkdown(text, "b", headingShift)}</div>;
}
