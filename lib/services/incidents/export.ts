import "server-only";
import { getDb } from "@/lib/db";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { postmortemToMarkdown, type ActionItem } from "@/lib/postmortem";
import { getPublishedRevision, readPostmortem, type PostmortemRef } from "./postmortem-read";
import { TIMELINE_ORDER } from "./timeline";

/**
 * The postmortem as deterministic Markdown (lib/postmortem postmortemToMarkdown): YAML front matter,
 * the source template's sections, the starred timeline in UTC, the computed impact table and the action
 * items. With `revision`, the sections are those of that published (immutable) revision.
 */
export async function postmortemMarkdown(
  actor: Actor,
  ref: PostmortemRef,
  opts: { revision?: number } = {},
): Promise<{ markdown: string; filename: string }> {
  assertCanRead(actor);
  const db = await getDb();
  const pm = await db.$transaction((tx) => readPostmortem(tx, actor, ref));
  const published =
    opts.revision !== undefined ? await getPublishedRevision(actor, { id: pm.id }, opts.revision) : null;
  const timeline = await db.timelineEntry.findMany({ where: { incidentId: pm.incidentId }, orderBy: TIMELINE_ORDER });
  const { incident } = pm;
  const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  const sections = published?.sections ?? pm.sections;
  const actionItems: ActionItem[] = pm.actionItems.map((a) => ({
    title: a.title,
    owner: a.owner ? a.owner.name : null,
    priority: a.priority,
    type: a.type,
    status: a.status,
    dueDate: a.dueDate,
    dueTimezone: a.dueDate ? a.dueTimezone : null,
  }));
  const markdown = postmortemToMarkdown({
    title: incident.title,
    incidentId: incident.key,
    severity: incident.severity,
    status: published ? "published" : pm.status,
    revision: published?.number ?? pm.revision,
    authors: pm.author ? [pm.author.name] : [],
    reviewers: pm.reviewers.map((r) => r.name),
    services: incident.services.map((s) => s.slug),
    instants: {
      impactStart: ms(incident.instants.impactStartAt),
      detected: ms(incident.instants.detectedAt),
      acknowledged: ms(incident.instants.acknowledgedAt),
      mitigated: ms(incident.instants.mitigatedAt),
      resolved: ms(incident.instants.resolvedAt),
    },
    publishedAtMs: ms(published?.publishedAt ?? pm.publishedAt),
    summary: sections.summary,
    rootCause: sections.rootCause,
    impact: sections.impact,
    whatWentWell: sections.wentWell,
    whatWentPoorly: sections.wentPoorly,
    timeline: timeline.map((e) => ({
      id: e.id,
      atMs: e.at.getTime(),
      recordedAtMs: e.createdAt.getTime(),
      text: e.text,
      starred: e.starred,
    })),
    actionItems,
    impactTable: pm.impacts.map((s) => ({
      slo: s.sloName,
      service: s.service,
      fromMs: Date.parse(s.from),
      toMs: Date.parse(s.to),
      failed: s.failed,
      total: s.total,
      peakErrorRatio: s.peakErrorRatio,
      budgetConsumed: s.budgetConsumed,
      computedAtMs: Date.parse(s.computedAt),
    })),
  });
  return { markdown, filename: `${incident.key}-postmortem${published ? `-r${published.number}` : ""}.md` };
}
