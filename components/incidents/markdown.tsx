import type { ComponentProps, ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";

// Postmortem previews and the print view: CommonMark + GFM (tables, task lists, strikethrough, autolink
// literals) through react-markdown, which builds React elements, never an HTML string. Safety, in layers:
// - raw HTML the author writes is shown as text (rawAsText runs before the sanitizer, which would
//   otherwise drop it silently);
// - rehype-sanitize (GitHub's schema) strips anything that is not plain Markdown output;
// - only http(s), mailto, same-site paths and #fragments become links (safeUrl); other links keep their
//   text without an anchor.
// Single line breaks are kept (remark-breaks), as people write postmortems like chat messages.

type HastNode = { type: string; value?: string; tagName?: string; properties?: object; children?: HastNode[] };

/**
 * rehype plugin: turns raw HTML nodes into text nodes, so `<script>` reads as the characters typed; an
 * HTML block (raw at the top level) becomes a paragraph of that text.
 */
function rawAsText() {
  const walk = (node: HastNode, top: boolean): HastNode => {
    if (!node.children) return node;
    node.children = node.children.map((child) => {
      if (child.type !== "raw") return walk(child, false);
      const text = { type: "text", value: child.value ?? "" };
      return top ? { type: "element", tagName: "p", properties: {}, children: [text] } : text;
    });
    return node;
  };
  return (tree: HastNode) => void walk(tree, true);
}

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** react-markdown urlTransform: unsafe URLs become null, which removes the attribute. */
const safeUrl = (url: string): string | null => (SAFE_HREF.test(url) ? url : null);

type Level = 1 | 2 | 3 | 4 | 5 | 6;

function componentsFor(headingShift: number): Components {
  const heading = (level: Level) => {
    const Tag = `h${Math.max(1, Math.min(6, level + headingShift))}` as "h1";
    const H = ({ children }: { children?: ReactNode }) => <Tag className="md-heading">{children}</Tag>;
    H.displayName = `MarkdownH${level}`;
    return H;
  };
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    a: ({ href, title, children }: ComponentProps<"a">) => {
      if (!href) return <>{children}</>;
      const external = /^https?:/i.test(href);
      return (
        <a href={href} title={title} {...(external ? { target: "_blank", rel: "noreferrer noopener" } : {})}>
          {children}
        </a>
      );
    },
    pre: ({ children }: ComponentProps<"pre">) => <pre className="md-code">{children}</pre>,
    table: ({ children }: ComponentProps<"table">) => (
      <div className="table-wrap">
        <table className="table md-table">{children}</table>
      </div>
    ),
    th: ({ children, style }: ComponentProps<"th">) => (
      <th scope="col" style={style}>
        {children}
      </th>
    ),
  };
}

const SHIFTED = new Map<number, Components>();
const componentsCache = (shift: number) => SHIFTED.get(shift) ?? SHIFTED.set(shift, componentsFor(shift)).get(shift)!;

/**
 * Rendered Markdown in a `.md` container; an empty text shows `empty` instead. Headings are shifted by
 * `headingShift` levels (default 2: the page owns h1–h2), clamped to h1–h6.
 */
export function Markdown({
  text,
  empty = "Nothing written yet.",
  headingShift = 2,
}: {
  text: string;
  empty?: string;
  headingShift?: number;
}) {
  if (text.trim() === "") return <p className="muted md-empty">{empty}</p>;
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkBreaks]}
        rehypePlugins={[rawAsText, rehypeSanitize]}
        urlTransform={safeUrl}
        components={componentsCache(headingShift)}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
