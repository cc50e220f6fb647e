import { z } from "zod";
import { slugSchema, timezoneSchema } from "./common";

// Query schemas of the home page, the readiness scorecard and the manager report (routes, pages, CLI).

export const scorecardQuerySchema = z.object({
  team: slugSchema.optional().describe("slug of one team; default: your teams (admins and people in no team: all)"),
});
export type ScorecardQuery = z.infer<typeof scorecardQuerySchema>;

export const REPORT_FORMATS = ["json", "csv", "md"] as const;

export const periodSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/, "must be a month like 2027-03 or a quarter like 2027-Q1")
  .refine((v) => Number(v.slice(0, 4)) >= 2000, "must be in the year 2000 or later");

export const teamReportQuerySchema = z.object({
  period: periodSchema.describe("calendar month (2027-03) or quarter (2027-Q1)"),
  tz: timezoneSchema.optional().describe("IANA zone of the period's boundaries; default: the team's"),
  format: z.enum(REPORT_FORMATS, { error: "must be json, csv or md" }).default("json"),
});
export type TeamReportQuery = z.infer<typeof teamReportQuerySchema>;
