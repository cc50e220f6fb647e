import { POSTMORTEM_SECTION_TITLES, POSTMORTEM_SECTIONS, type PostmortemSectionKey } from "./incidents";

// The submit checklist answers with field keys (`sections.rootCause`, `reviewers`, `actionItems`) so
// clients can mark fields; people read the same problems once, as one list in the words of the form.
// The service builds its message and the review panel its list from here, so both say the same thing.

const OTHER_LABELS: Record<string, string> = {
  reviewers: "Reviewers",
  actionItems: "Action items",
  comment: "Comment",
  revision: "Revision",
};

/** The form's label for a review field key; unknown keys are returned as they are. */
export function reviewFieldLabel(key: string): string {
  const section = key.startsWith("sections.") ? key.slice("sections.".length) : null;
  if (section !== null && (POSTMORTEM_SECTIONS as readonly string[]).includes(section))
    return POSTMORTEM_SECTION_TITLES[section as PostmortemSectionKey];
  return OTHER_LABELS[key] ?? key;
}

/** "Label: message" for each problem, in the order given, leaving out keys shown next to their own input. */
export function reviewProblems(fields: Record<string, string>, shownInline: readonly string[] = []): string[] {
  return Object.entries(fields)
    .filter(([key]) => !shownInline.includes(key))
    .map(([key, message]) => `${reviewFieldLabel(key)}: ${message}`);
}
