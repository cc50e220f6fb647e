import "server-only";
import type { Actor } from "@/lib/auth/permissions";

/** The actor of the CLI and background jobs: admin rights, audited as "system". */
export const SYSTEM_ACTOR: Actor = {
  userId: "system",
  email: "system",
  name: "system",
  role: "admin",
  teamIds: [],
  tokenScopes: null,
};
