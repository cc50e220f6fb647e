import { z } from "zod";
import { instant } from "./common";

/** Response views of the in-app runbooks (GET/PUT /slos/{id}/runbook, GET …/runbook/versions). */

const author = z.object({
  id: z.string().nullable().describe("null when the author's account is gone or a system actor wrote it"),
  label: z.string(),
});
const tier = z.string().nullable().describe("alert tier; null = the runbook of all tiers");

export const runbookVersionView = z.object({
  version: z.number().int(),
  tier,
  body: z.string(),
  author,
  createdAt: instant(),
});
export type RunbookVersionView = z.infer<typeof runbookVersionView>;

/** The runbook of (SLO, tier): version 0 and an empty body when none was written yet. */
export const runbookView = z.object({
  sloId: z.string(),
  tier,
  version: z.number().int(),
  body: z.string(),
  author: author.nullable(),
  createdAt: instant().nullable(),
  externalUrl: z
    .string()
    .nullable()
    .describe("the SLO's external runbook URL, kept possible next to the in-app runbook"),
  pages: z
    .record(z.string(), z.string())
    .describe(
      "each tier's runbook page in the app (the generated alerts' runbook_url when an in-app runbook covers it)",
    ),
});
export type RunbookView = z.infer<typeof runbookView>;

/** Every version of one runbook, newest first (at most 200). */
export const runbookVersionsView = z.object({ sloId: z.string(), tier, items: z.array(runbookVersionView) });
export type RunbookVersionsView = z.infer<typeof runbookVersionsView>;
