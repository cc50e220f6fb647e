import "server-only";
import { z } from "zod";
import { CONTACT_KINDS, type ContactKind } from "@/lib/validation/notify";
import { parseColumn } from "./parse-column";

// Contact methods' stored columns, parsed with the schemas they are written with (lib/validation/notify).

const kindColumn = z.enum(CONTACT_KINDS);

/** ContactMethod.kind: one of the delivery channels (lib/notify/types CHANNEL_KINDS lists the same four). */
export const contactKindOf = (row: { id: string; kind: string }): ContactKind =>
  parseColumn(kindColumn, row.kind, { table: "ContactMethod", id: row.id, field: "kind" });
