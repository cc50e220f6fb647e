import "server-only";
import { notificationPayloadSchema, type NotificationPayload } from "@/lib/validation/notify";
import { parseColumn } from "./parse-column";

// Notification rows' JSON column, parsed with the schema its writers are typed by.

/** Notification.payload: the strings a message is rendered from ({} once a verification code is blanked). */
export const notificationPayload = (row: { id: string; payload: unknown }): NotificationPayload =>
  parseColumn(notificationPayloadSchema, row.payload, { table: "Notification", id: row.id, field: "payload" });
