import { publicRoute } from "@/lib/http/api-route";
import { linkAnswer } from "@/lib/http/action-link-html";
import { assertSameOrigin } from "@/lib/http/csrf";
import { inspectActionLink, useActionLink } from "@/lib/services/notify/page-actions";

// One-time action links from notification messages; the token is the credential (no sign-in).
// GET – a confirm page (JSON for API clients); POST (its form) – acknowledge / resolve / escalate now, audited as the recipient.
const path = (token: string) => `/api/v1/page-actions/${encodeURIComponent(token)}`;

export const GET = publicRoute("/api/v1/page-actions/[token]", async ({ req, params }) =>
  linkAnswer(req, await inspectActionLink(params.token!), path(params.token!)),
);

export const POST = publicRoute("/api/v1/page-actions/[token]", async ({ req, params }) => {
  assertSameOrigin(req);
  return linkAnswer(req, await useActionLink(params.token!), path(params.token!));
});
