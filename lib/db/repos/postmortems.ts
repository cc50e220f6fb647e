import "server-only";
import { z } from "zod";
import { REVIEW_STATUSES, type BudgetTrigger, type ReviewStatus } from "@/lib/postmortem";
import { approvalsSchema, sectionsSchema, storedBudgetTriggerSchema, type Approval } from "@/lib/validation/incidents";
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
export const parseSections = (table: "Postmortem" | "PostmortemRevision", id: string, json: unknown): Sections =>
  parseColumn(fullSections, json, { table, id, field: "sections" });

/** Postmortem.approvals: the approvals of the revision under review. */
export const parseApprovals = (id: string, json: unknown): Approval[] =>
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

/** The postmortem with its impact snapshots, revisions (by number) and review events (in order): the document's read. */
export const findPostmortemDocument = (db: Prisma.TransactionClient, id: string) =>
  db.postmortem.findUniqueOrThrow({
    where: { id },
    include: {
      impacts: true,
      revisions: { orderBy: { number: "asc" } },
      reviewEvents: { orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });

/** The postmortem with the numbers of its published revisions (ascending): what a save or a review action starts from. */
export const findPostmortemForChange = (db: Prisma.TransactionClient, id: string) =>
  db.postmortem.findUniqueOrThrow({
    where: { id },
    include: {
      revisions: { where: { publishedAt: { not: null } }, select: { number: true }, orderBy: { number: "asc" } },
    },
  });

const reviewStatus = z.enum(REVIEW_STATUSES);
export const parseReviewStatus = (id: string, status: string): ReviewStatus =>
  parseColumn(reviewStatus, status, { table: "Postmortem", id, field: "status" });
