import { apiRoute } from "@/lib/http/api-route";
import { acknowledgeHandoffNote } from "@/lib/services/oncall/handoff-notes";

// POST – the incoming person acknowledges the note.
export const POST = apiRoute("/api/v1/schedules/[id]/handoff-notes/[noteId]/ack", async ({ params, actor }) =>
  acknowledgeHandoffNote(actor, params.id!, params.noteId!),
);
