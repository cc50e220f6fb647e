import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { parseColumn } from "@/lib/db/repos/parse-column";
import { AppError } from "@/lib/errors";
import { actorForUserId } from "../users";
import { acknowledgePage, escalatePageNow, resolvePage } from "../oncall/pages";
import { LINK_ACTIONS, type LinkAction, type LinkView } from "@/lib/validation/views/notify";
import { tokenHash } from "./action-links";

// Using a one-time link from a message (issue 13 item 4): no sign-in — the link itself, bound to the page
// and the recipient, is the credential, and the action is performed and audited as that recipient
// through the same services as the buttons in the app (their permission checks included). A link
// works once; the page's state makes a repeat harmless anyway. Every answer is a sentence for a person.

const VERB: Record<LinkAction, string> = { acknowledge: "acknowledged", resolve: "resolved", escalate: "escalated" };

const actionColumn = z.enum(LINK_ACTIONS);

async function load(token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const link = await db.pageActionLink.findUnique({ where: { tokenHash: tokenHash(token) }, include: { page: true } });
  return (
    link && {
      ...link,
      action: parseColumn(actionColumn, link.action, { table: "PageActionLink", id: link.id, field: "action" }),
    }
  );
}

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

/** What the page already is, in words: "already acknowledged by Dana" / "already resolved by …". */
async function stateSentence(link: Loaded): Promise<string | null> {
  const p = link.page;
  if (p.status === "resolved") return `This page was already resolved by ${p.resolvedBy ?? "someone"}.`;
  if (p.status === "acknowledged" && link.action === "acknowledge") {
    const db = await getDb();
    const by = p.acknowledgedById
      ? await db.user.findUnique({ where: { id: p.acknowledgedById }, select: { name: true, email: true } })
      : null;
    return `This page was already acknowledged by ${by?.name || by?.email || "someone"}.`;
  }
  if (p.status !== "triggered" && link.action === "escalate")
    return `This page is ${p.status}; there is nothing to escalate.`;
  return null;
}

async function verdict(link: Loaded | null, nowMs: number): Promise<LinkView | null> {
  if (!link) return { state: "invalid", message: "This link is not valid. Open the page in the app instead." };
  const already = await stateSentence(link);
  if (link.usedAt) return { state: "used", message: already ?? `This link was already used (${VERB[link.action]}).` };
  if (already) return { state: "used", message: already };
  if (link.expiresAt.getTime() <= nowMs)
    return { state: "expired", message: "This link expired. Open the page in the app instead." };
  return null;
}

export async function inspectActionLink(token: string, nowMs = Date.now()): Promise<LinkView> {
  const link = await load(token);
  const v = await verdict(link, nowMs);
  if (v) return v;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: link!.userId }, select: { name: true, email: true } });
  return {
    state: "ready",
    action: link!.action,
    pageTitle: link!.page.title,
    pageStatus: link!.page.status,
    userName: user?.name || user?.email || "",
  };
}

export async function useActionLink(token: string, nowMs = Date.now()): Promise<LinkView> {
  const link = await load(token);
  const v = await verdict(link, nowMs);
  if (v) return v;
  const db = await getDb();
  const actor = await actorForUserId(link!.userId);
  if (!actor)
    return { state: "invalid", message: "This link is not valid any more: its recipient's account is deactivated." };
  // Single use: only the request that flips usedAt performs the action.
  const taken = await db.pageActionLink.updateMany({
    where: { id: link!.id, usedAt: null },
    data: { usedAt: new Date(nowMs) },
  });
  if (taken.count === 0)
    return (await verdict(await load(token), nowMs)) ?? { state: "used", message: "This link was already used." };
  const action = link!.action;
  try {
    if (action === "acknowledge") await acknowledgePage(actor, link!.pageId, nowMs);
    else if (action === "resolve") await resolvePage(actor, link!.pageId, nowMs);
    else await escalatePageNow(actor, link!.pageId, nowMs);
  } catch (err) {
    if (err instanceof AppError && (err.code === "INVALID_STATE" || err.code === "FORBIDDEN"))
      return { state: "used", message: err.message };
    throw err;
  }
  return { state: "done", message: `Done: you ${VERB[action]} "${link!.page.title}".` };
}
