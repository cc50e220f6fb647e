import "server-only";
import { getDb } from "../client";
import type { Prisma } from "../generated/client";

// Error-budget policies as the precedence needs them: a service with its own policy and its team's.

const withPolicies = { budgetPolicy: true, team: { include: { budgetPolicy: true } } } as const;
export type ServiceWithPolicies = Prisma.ServiceGetPayload<{ include: typeof withPolicies }>;

/** A service by id with its own and its team's policy (each null when not set), or null. */
export async function findServiceWithPolicies(serviceId: string): Promise<ServiceWithPolicies | null> {
  return (await getDb()).service.findUnique({ where: { id: serviceId }, include: withPolicies });
}

/** Many services by id with their policies, in one query (ids that do not exist are left out). */
export async function findServicesWithPolicies(serviceIds: string[]): Promise<ServiceWithPolicies[]> {
  return (await getDb()).service.findMany({ where: { id: { in: serviceIds } }, include: withPolicies });
}
