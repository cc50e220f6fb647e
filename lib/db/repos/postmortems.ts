import "server-only";
import { z } from "zod";
import { REVIEW_STATUSES, type BudgetTrigger, type ReviewStatus } from "@/lib/postmortem";
import { approvalsSchema, sectionsSchema, storedBudgetTriggerSchema, type Approval } from "@/lib/validation/incidents";
import { impactDetailsView } from "@/lib/validation/views/postmortems";
import { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// The postmortem's stored columns, parsed with the schemas they are written with (lib/validation/incidents).
// A value that does not parse is a defect: parseColumn throws naming the table, row and field.

/** Every template section; "" for one not written yet (the column starts as {}). */
const fullSections = sectionsSchema.transform((s) => ({
  summary: s.summary ?? "",
  rootCause: s.rootCause ?? "",
  impact: s.impact ?? "",
  wentWell: s.wentWell ?? "",
  wentPoorly: s.wentPoorly ?? "",
}));
type Sections = z.output<typeof fullSections>;

/** Postmortem.sections, or the immutable copy of a published PostmortemRevision. */
const parseSections = (table: "Postmortem" | "PostmortemRevision", id: string, json: unknown): Sections =>
  parseColumn(fullSections, json, { table, id, field: "sections" });

/** Postmortem.approvals: the approvals of the revision under review. */
const parseApprovals = (id: string, json: unknown): Approval[] =>
  parseColumn(approvalsSchema, json, { table: "Postmortem", id, field: "approvals" });

/** Postmortem.budgetTrigger (null: the budget policy did not trigger); its evaluation instant is dropped. */
export function parseBudgetTriggerColumn(id: string, json: unknown): BudgetTrigger | null {
  const stored = parseColumn(storedBudgetTriggerSchema.nullable(), json, {
    table: "Postmortem",
    id,
    field: "budgetTrigger",
  });
  return stored && { threshold: stored.threshold, slos: stored.slos };
}

/**
 * Stores the budget-policy trigger evaluated at `at` (null: it does not trigger), checked with the schema
 * parseBudgetTriggerColumn reads it with: what is written always reads back.
 */
export async function setBudgetTrigger(
  db: Prisma.TransactionClient,
  id: string,
  trigger: BudgetTrigger | null,
  at: Date,
) {
  const value = trigger
    ? storedBudgetTriggerSchema.parse({ ...trigger, evaluatedAt: at.toISOString() })
    : Prisma.DbNull;
  await db.postmortem.update({ where: { id }, data: { budgetTrigger: value } });
}

// --- impact snapshots (ImpactSnapshot.queries: what each figure was computed from, lib/validation/views/postmortems.ts) ---

type ImpactDetails = z.infer<typeof impactDetailsView>;
export type ImpactSnapshotRow = Omit<Prisma.ImpactSnapshotModel, "queries"> & { queries: ImpactDetails };

const parseSnapshot = (row: Prisma.ImpactSnapshotModel): ImpactSnapshotRow => ({
  ...row,
  queries: parseColumn(impactDetailsView, row.queries, { table: "ImpactSnapshot", id: row.id, field: "queries" }),
});

/** The postmortem's impact snapshots; `draftOnly`: only those not frozen by a publication. */
export async function findImpactSnapshots(
  db: Prisma.TransactionClient,
  postmortemId: string,
  draftOnly = false,
): Promise<ImpactSnapshotRow[]> {
  const rows = await db.impactSnapshot.findMany({ where: { postmortemId, ...(draftOnly ? { frozen: false } : {}) } });
  return rows.map(parseSnapshot);
}

export type NewImpactSnapshot = Omit<Prisma.ImpactSnapshotCreateManyInput, "postmortemId" | "queries" | "frozen"> & {
  queries: ImpactDetails;
};

/**
 * Replaces the draft (not frozen) snapshots of a postmortem with `rows`; each one's details are checked with
 * the schema they are read with first (a NaN or a missing figure fails here, not on every later read).
 */
export async function replaceDraftSnapshots(
  db: Prisma.TransactionClient,
  postmortemId: string,
  rows: NewImpactSnapshot[],
): Promise<void> {
  const data = rows.map((r) => ({ ...r, postmortemId, queries: impactDetailsView.parse(r.queries) }));
  await db.impactSnapshot.deleteMany({ where: { postmortemId, frozen: false } });
  await db.impactSnapshot.createMany({ data });
}

const reviewStatus = z.enum(REVIEW_STATUSES);
export const parseReviewStatus = (id: string, status: string): ReviewStatus =>
  parseColumn(reviewStatus, status, { table: "Postmortem", id, field: "status" });

type ParsedColumns = {
  status: ReviewStatus;
  sections: Sections;
  approvals: Approval[];
  budgetTrigger: BudgetTrigger | null;
};
type PostmortemRow<T extends Prisma.PostmortemModel = Prisma.PostmortemModel> = Omit<T, keyof ParsedColumns> &
  ParsedColumns;

/** A postmortem row with its review status, sections, approvals and budget trigger parsed. */
function parsePostmortem<T extends Prisma.PostmortemModel>(row: T): PostmortemRow<T> {
  return {
    ...row,
    status: parseReviewStatus(row.id, row.status),
    sections: parseSections("Postmortem", row.id, row.sections),
    approvals: parseApprovals(row.id, row.approvals),
    budgetTrigger: parseBudgetTriggerColumn(row.id, row.budgetTrigger),
  };
}

/** The postmortem with its impact snapshots, revisions (by number) and review events (in order): the document's read. */
export async function findPostmortemDocument(db: Prisma.TransactionClient, id: string) {
  const row = await db.postmortem.findUniqueOrThrow({
    where: { id },
    include: {
      impacts: true,
      revisions: { orderBy: { number: "asc" } },
      reviewEvents: { orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  return {
    ...parsePostmortem(row),
    impacts: row.impacts.map(parseSnapshot),
    revisions: row.revisions.map((r) => ({ ...r, sections: parseSections("PostmortemRevision", r.id, r.sections) })),
  };
}

/** The postmortem with the numbers of its published revisions (ascending): what a save or a review action starts from. */
export async function findPostmortemForChange(db: Prisma.TransactionClient, id: string) {
  const row = await db.postmortem.findUniqueOrThrow({
    where: { id },
    include: {
      revisions: { where: { publishedAt: { not: null } }, select: { number: true }, orderBy: { number: "asc" } },
    },
  });
  return parsePostmortem(row);
}

/** Published revision `number` of a postmortem, its sections as published; null when there is none. */
export async function findPublishedRevision(db: Prisma.TransactionClient, postmortemId: string, number: number) {
  const rev = await db.postmortemRevision.findUnique({ where: { postmortemId_number: { postmortemId, number } } });
  return rev && { ...rev, sections: parseSections("PostmortemRevision", rev.id, rev.sections) };
}
