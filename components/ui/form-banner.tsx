import type { ReactNode } from "react";
import { ApiError, errorMessage } from "@/lib/query/api";
import { Alert } from "./alert";
import { Button } from "./button";

type Props = {
  /** The form points at it with aria-describedby. */
  id: string;
  /** A 409 (someone else saved first): a warning with a Reload button instead of an error. */
  conflict: boolean;
  /** Focusable (tabIndex -1), for a form that moves focus to it on a failed submit. */
  focusable?: boolean;
  children: ReactNode;
};

/** The banner above a form's fields saying why it was not saved. */
export function FormBanner({ id, conflict, focusable, children }: Props) {
  return (
    <div id={id} tabIndex={focusable ? -1 : undefined}>
      <Alert tone={conflict ? "warning" : "danger"} title={conflict ? "Changed by someone else" : undefined}>
        {children}
        {conflict ? (
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
        ) : null}
      </Alert>
    </div>
  );
}

/**
 * What a form's banner says: a request to correct the fields when they are invalid (found by the form's own
 * check, or answered 422 by the API, whose messages stand under the fields), else the API's message; null
 * while nothing failed.
 */
export function bannerText(error: unknown, invalidHere?: unknown): string | null {
  if (invalidHere || (error instanceof ApiError && error.code === "VALIDATION"))
    return "Please correct the highlighted fields.";
  return error ? errorMessage(error) : null;
}

/** A 409 about the version the form was opened at: someone else saved in between. */
export const isVersionConflict = (error: unknown) =>
  error instanceof ApiError && error.code === "CONFLICT" && Boolean(error.fields.version);

/** The message of a failure the fields do not explain (anything but a 422, whose messages stand under them). */
export const failureText = (error: unknown) =>
  error instanceof ApiError && error.code !== "VALIDATION" ? errorMessage(error) : null;
