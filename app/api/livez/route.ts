// GET /api/livez – the barest liveness answer: a plain Next route handler without our request wrapper
// (no logging, metrics or auth). Also the framework's own ceiling in bench/load.mjs, measured side by
// side with /api/healthz to show what our per-request work costs.
export const dynamic = "force-dynamic";
export const GET = () =>
  new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
