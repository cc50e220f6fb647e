import "server-only";
import { getDb } from "../client";
import type { Prisma } from "../generated/client";

// Exceptions to a frozen release gate: time-boxed [startsAt, endsAt), ended early by revokedAt. "Active at
// t" is the one rule the gate, the list and the revocation share.

type Client = Prisma.TransactionClient;
export type GateExceptionRow = Prisma.GateExceptionModel;

const activeAt = (t: Date) => ({
  startsAt: { lte: t },
  endsAt: { gt: t },
  OR: [{ revokedAt: null }, { revokedAt: { gt: t } }],
});

/** The exception of a service active at `at` that lasts longest, or null. */
export async function findActiveException(serviceId: string, at: Date): Promise<GateExceptionRow | null> {
  return (await getDb()).gateException.findFirst({
    where: { serviceId, ...activeAt(at) },
    orderBy: { endsAt: "desc" },
  });
}

/** A service's exceptions, newest first (at most 200): those active at `at`, or all when `at` is null. */
export async function listExceptions(serviceId: string, at: Date | null): Promise<GateExceptionRow[]> {
  return (await getDb()).gateException.findMany({
    where: { serviceId, ...(at ? activeAt(at) : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

/** One exception of the service (`id`), or every one not revoked and not yet over at `now`. */
export async function findRevocable(serviceId: string, now: Date, id?: string): Promise<GateExceptionRow[]> {
  const db = await getDb();
  return id
    ? db.gateException.findMany({ where: { id, serviceId } })
    : db.gateException.findMany({ where: { serviceId, revokedAt: null, endsAt: { gt: now } } });
}

export const createException = (
  tx: Client,
  data: {
    serviceId: string;
    reason: string;
    grantedById: string | null;
    grantedBy: string;
    startsAt: Date;
    endsAt: Date;
  },
) => tx.gateException.create({ data });

export const revokeException = (tx: Client, id: string, at: Date) =>
  tx.gateException.update({ where: { id }, data: { revokedAt: at } });
