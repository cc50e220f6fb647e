import "server-only";
/**
 * Prisma's `contains`/`startsWith`/`endsWith` become SQL LIKE/ILIKE with the value pasted into the
 * pattern unescaped (prisma/orm#19506), so a user's `_` or `%` would act as wildcards. PostgreSQL's
 * default LIKE escape character is the backslash; escaping it, `%` and `_` makes the text literal.
 */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
