import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createHandoffNote, listHandoffNotes } from "@/lib/services/oncall/handoff-notes";
import { handoffNoteInputSchema, listHandoffNotesSchema } from "@/lib/validation/oncall";

// GET ?from=&to= / POST – the outgoing person writes the handoff note of their shift change.
const route = "/api/v1/schedules/[id]/handoff-notes";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listHandoffNotes(actor, params.id!, parseQuery(req, listHandoffNotesSchema)),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createHandoffNote(actor, params.id!, await parseBody(req, handoffNoteInputSchema))),
);
