import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dropCached } from "@/lib/cache/shared-cache";
import { assertCanEditTeam, type Actor } from "@/lib/auth/permissions";
import type { SaveRunbookInput } from "@/lib/validation/runbooks";
import type { RunbookView } from "@/lib/validation/views/runbooks";
import { recordAudit } from "../audit";
import { readRunbook, requireSlo } from "./read";

/**
 * A save based on a stale version: another author saved first. Carries the runbook as it is now so the
 * editor can show both texts; nothing is overwritten. `viaIfMatch`: answered 412 instead of 409.
 */
export class RunbookConflict extends AppError {
  readonly current: RunbookView;
  readonly viaIfMatch: boolean;
  constructor(current: RunbookView, expected: number, viaIfMatch: boolean) {
    super(
      "CONFLICT",
      `The runbook was changed by someone else since version ${expected} (now version ${current.version}); your text is kept: compare it with the current version and save again`,
      { version: "stale" },
    );
    this.current = current;
    this.viaIfMatch = viaIfMatch;
  }
}

/**
 * Saves a new version of the (SLO, tier) runbook, based on `expected` (body version or If-Match). Editors
 * of the SLO's team may write. The SLO row is locked first (an UPDATE of updatedAt, which also tells every
 * process's SLO-definition cache to drop it: the alerts' runbook_url depends on it), so of two concurrent
 * saves on the same version exactly one wins and the other gets RunbookConflict. Audited on the SLO.
 */
export async function saveRunbook(
  actor: Actor,
  sloId: string,
  input: SaveRunbookInput,
  ifMatch?: number,
): Promise<RunbookView> {
  const expected = ifMatch ?? input.version;
  if (expected === undefined)
    throw new AppError("VALIDATION", "Send the version your edit is based on (body version or If-Match)", {
      version: "is required: the version your edit is based on (0 for the first)",
    });
  if (ifMatch !== undefined && input.version !== undefined && ifMatch !== input.version) {
    throw new AppError("VALIDATION", "If-Match and body version disagree", {
      version: `If-Match says ${ifMatch}, the body ${input.version}`,
    });
  }
  const db = await getDb();
  const slo = await requireSlo(db, sloId);
  assertCanEditTeam(actor, slo.service.teamId, `the runbook of SLO "${slo.name}"`);
  const outcome = await db.$transaction(async (tx) => {
    await tx.slo.update({ where: { id: sloId }, data: { updatedAt: new Date() } });
    const head = await tx.runbookVersion.findFirst({
      where: { sloId, tier: input.tier },
      orderBy: { version: "desc" },
      select: { version: true, body: true },
    });
    const current = head?.version ?? 0;
    if (current !== expected) return { stale: true as const };
    const row = await tx.runbookVersion.create({
      data: {
        sloId,
        tier: input.tier,
        body: input.body,
        version: current + 1,
        authorId: actor.userId === "system" ? null : actor.userId,
        authorLabel: actor.email,
      },
    });
    await recordAudit(tx, actor, {
      action: "slo.runbook.save",
      entityType: "slo",
      entityId: sloId,
      before: head ? { tier: input.tier, version: head.version, chars: head.body.length } : null,
      after: { tier: input.tier, version: row.version, chars: row.body.length },
    });
    return { view: await readRunbook(tx, sloId, input.tier) };
  });
  if ("stale" in outcome)
    throw new RunbookConflict(await readRunbook(db, sloId, input.tier), expected, ifMatch !== undefined);
  dropCached("slos");
  return outcome.view;
}
