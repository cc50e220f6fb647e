import { DateTime } from "luxon";

// Instants in check details are written the way the rest of the app writes them: local wall-clock time in
// the team's zone, named ("2026-12-02 14:00 Europe/Berlin"), never raw ISO strings. The zone is passed in;
// this module reads no clock.

function local(ms: number, zone: string): { dt: DateTime; zone: string } {
  const dt = DateTime.fromMillis(ms, { zone });
  // A zone luxon does not know would print "Invalid DateTime"; UTC, named as such, is still true.
  return dt.isValid ? { dt, zone } : { dt: DateTime.fromMillis(ms, { zone: "utc" }), zone: "UTC" };
}

/** "2026-12-02 14:00 Europe/Berlin". */
export function formatInstant(ms: number, zone: string): string {
  const { dt, zone: shown } = local(ms, zone);
  return `${dt.toFormat("yyyy-LL-dd HH:mm")} ${shown}`;
}

/** The local calendar day of an instant: "2026-12-02". */
export function formatLocalDay(ms: number, zone: string): string {
  return local(ms, zone).dt.toFormat("yyyy-LL-dd");
}
