import "server-only";
import { appKeyring } from "@/lib/crypto/keyring";
import { open, seal } from "@/lib/crypto/secret-box";
import { contactKindOf } from "@/lib/db/repos/contact-methods";
import type { Destination } from "@/lib/notify/types";

// Sealing of a contact method's target (address or webhook URL, which may carry a token) and of a
// webhook's signing secret. The purposes bind each ciphertext to its column: a sealed secret pasted
// into targetSealed does not open. Opened only in the delivery worker, never logged.

const TARGET = "contactMethod.target";
const SECRET = "contactMethod.secret";

export const sealTarget = (plain: string) => seal(plain, TARGET, appKeyring());
export const sealMethodSecret = (plain: string) => seal(plain, SECRET, appKeyring());

export function openDestination(row: {
  id: string;
  kind: string;
  targetSealed: string;
  secretSealed: string | null;
}): Destination {
  const ring = appKeyring();
  return {
    kind: contactKindOf(row),
    target: open(row.targetSealed, TARGET, ring),
    secret: row.secretSealed ? open(row.secretSealed, SECRET, ring) : null,
  };
}
