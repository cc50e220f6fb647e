/** "2026-11-27 14:03:09 UTC" from an ISO string: sortable, unambiguous, same on server and client. */
export const formatUtc = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
