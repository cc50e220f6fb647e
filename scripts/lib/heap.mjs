// Default V8 heap limits of the server process by role (SRECP_ROLE), applied by `npm start` (scripts/app.mjs),
// the Docker image and the load bench (issue 17: steady RSS under load ≤ 350 MiB). Without limits V8 lets the
// heap grow towards its default ceiling (gigabytes) under load because nothing presses it to collect: the
// server measured 299 → 710 MiB at 5 SLOs under 100 connections. A small young generation (semi-space) and
// an old-space limit keep the garbage of many concurrent requests from piling up; measurements and the
// reasons for these values: docs/operations.md ("Memory").
// NODE_OPTIONS set by the operator wins flag by flag: a --max-old-space-size there replaces ours.

/** MiB per role: the old-space limit (--max-old-space-size) and the semi-space size (--max-semi-space-size). */
// The same for every role today: at 5 SLOs under load the web server measured the same RSS with 160 and
// 256 MiB of old space (277 and 292 MiB, noise on a loaded machine) against 447 MiB without limits, and 256
// leaves room for the request-path caches at 10,000 SLOs while bounding the heap near the RSS target.
// The worker holds one batch of SLOs at a time (SRECP_REFRESH_BATCH_SLOS); "both" adds it to the web side.
// The worker's young generation is larger: a refresh allocates a batch's queries, answers and statuses
// and drops them within a second, and with 4 MiB of semi-space much of that was promoted and collected
// again as old space (GC was 19 % of the worker's time at rest at 10,000 SLOs). One refresh of 3,000 SLOs
// measured 1.72 s of CPU with 4 MiB, 1.56 s with 16 and 1.3–1.7 s with 32 (docs/operations.md, "Memory").
export const HEAP_DEFAULTS = {
  web: { oldSpaceMiB: 256, semiSpaceMiB: 4 },
  worker: { oldSpaceMiB: 256, semiSpaceMiB: 16 },
  both: { oldSpaceMiB: 256, semiSpaceMiB: 4 },
};

/** NODE_OPTIONS for a server of `role`: the operator's options, plus our heap limits for the flags they do not set. */
export function nodeOptionsWithHeap(role, nodeOptions = "") {
  const limits = HEAP_DEFAULTS[role] ?? HEAP_DEFAULTS.both;
  const given = nodeOptions.trim();
  const has = (flag) => new RegExp(`(^|\\s)--${flag}([=\\s]|$)`).test(given.replaceAll("_", "-"));
  const ours = [
    has("max-old-space-size") ? null : `--max-old-space-size=${limits.oldSpaceMiB}`,
    has("max-semi-space-size") ? null : `--max-semi-space-size=${limits.semiSpaceMiB}`,
  ].filter(Boolean);
  return [...ours, given].filter(Boolean).join(" ");
}
