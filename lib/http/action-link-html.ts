import type { LinkView } from "@/lib/validation/views/notify";

// The tiny HTML pages behind one-time action links: they open from a mail client or chat without a
// session, so they are self-contained (no scripts, no app shell). GET only shows a confirm button —
// mail scanners that prefetch links must not acknowledge pages — and the button POSTs the same URL.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const LABEL = { acknowledge: "Acknowledge", resolve: "Resolve", escalate: "Escalate now" } as const;

function html(title: string, body: string, status: number): Response {
  const doc =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;
  return new Response(doc, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

const CODE = { invalid: "NOT_FOUND", expired: "GONE", used: "CONFLICT" } as const;

/** A person's browser (Accept: text/html) gets the page; an API client the JSON answer and error envelope. */
export function linkAnswer(req: Request, view: LinkView, actionPath: string): Response {
  if (req.headers.get("accept")?.includes("text/html")) return linkPage(view, actionPath);
  if (view.state === "ready" || view.state === "done") return Response.json(view);
  return Response.json({ error: { code: CODE[view.state], message: view.message } }, { status: statusOf(view) });
}

const statusOf = (view: LinkView) =>
  view.state === "ready" || view.state === "done"
    ? 200
    : view.state === "invalid"
      ? 404
      : view.state === "expired"
        ? 410
        : 409;

export function linkPage(view: LinkView, actionPath: string): Response {
  if (view.state === "ready") {
    return html(
      `${LABEL[view.action]} page`,
      `<h1>${esc(LABEL[view.action])}: ${esc(view.pageTitle)}</h1><p>As ${esc(view.userName)}. The page is ${esc(view.pageStatus)}.</p>` +
        `<form method="post" action="${esc(actionPath)}"><button type="submit" style="font-size:1.1rem;padding:.5rem 1rem">${esc(LABEL[view.action])}</button></form>`,
      200,
    );
  }
  return html(view.state === "done" ? "Done" : "Link not usable", `<p>${esc(view.message)}</p>`, statusOf(view));
}
