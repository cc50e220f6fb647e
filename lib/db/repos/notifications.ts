import "server-only";
import { z } from "zod";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notify/types";
import { notificationPayloadSchema, type NotificationPayload } from "@/lib/validation/notify";
import { parseColumn } from "./parse-column";

// Notification rows' kind and JSON payload, parsed with the schemas their writers are typed by.

const kindColumn = z.enum(NOTIFICATION_KINDS);

/** Notification.kind: what the message is about (lib/notify/types). */
export const notificationKindOf = (row: { id: string; kind: string }): NotificationKind =>
  parseColumn(kindColumn, row.kind, { table: "Notification", id: row.id, field: "kind" });

/** Notification.payload: the strings a message is rendered from ({} once a verification code is blanked). */
export const notificationPayload = (row: { id: string; payload: unknown }): NotificationPayload =>
  parseColumn(notificationPayloadSchema, row.payload, { table: "Notification", id: row.id, field: "payload" });
