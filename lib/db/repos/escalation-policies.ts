import "server-only";
import { z } from "zod";
import type { EscalationTarget } from "@/lib/oncall";
import { escalationTargetSchema } from "@/lib/validation/oncall";
import { parseColumn } from "./parse-column";

// Escalation steps as the services use them: the targets JSON column parsed with the schema that
// validates it on write.

const targetsSchema = z.array(escalationTargetSchema);

/** The targets of a stored step: users and schedules, in the order they are paged. */
export const stepTargets = (step: { id: string; targets: unknown }): EscalationTarget[] =>
  parseColumn(targetsSchema, step.targets, { table: "EscalationStep", id: step.id, field: "targets" });
