import "server-only";
import { z } from "zod";
import { appErrorOf } from "@/lib/http/error-policy";
import { fieldErrors } from "@/lib/validation/common";
import type { FormState } from "./form-state";

/**
 * Maps what a server action caught to a FormState: validation problems name their fields,
 * known errors (AppError, and what appErrorOf maps: a unique violation, an outage) keep their message,
 * anything else gets a generic message (details stay in the log).
 */
export function toFormState(err: unknown, values?: Record<string, string>): FormState {
  if (err instanceof z.ZodError) {
    return { status: "error", message: "Please correct the highlighted fields.", fields: fieldErrors(err), values };
  }
  const known = appErrorOf(err);
  if (known) return { status: "error", message: known.message, fields: known.fields, values };
  console.error("server action failed", err);
  return { status: "error", message: "Something went wrong; try again or check the server log.", values };
}
