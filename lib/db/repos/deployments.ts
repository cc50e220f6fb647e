import "server-only";
import { z } from "zod";
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from "@/lib/validation/deployments";
import { getDb } from "../client";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// Deployment events with their service's slug and name, the status column parsed with its enumeration.

type Client = Prisma.TransactionClient;
const include = { service: { select: { slug: true, name: true, teamId: true } } } as const;
type Raw = Prisma.DeploymentGetPayload<{ include: typeof include }>;
export type DeploymentRow = Omit<Raw, "status"> & { status: DeploymentStatus };

const statusSchema = z.enum(DEPLOYMENT_STATUSES);
const parseRow = (d: Raw): DeploymentRow => ({
  ...d,
  status: parseColumn(statusSchema, d.status, { table: "Deployment", id: d.id, field: "status" }),
});

export type DeploymentFilter = {
  service?: string;
  environment?: string;
  status?: DeploymentStatus;
  from: Date;
  to: Date;
  limit: number;
};

/** Deploys in [from, to], newest first (ties by id), at most `limit`. */
export async function findDeployments(f: DeploymentFilter): Promise<DeploymentRow[]> {
  const rows = await (
    await getDb()
  ).deployment.findMany({
    where: {
      at: { gte: f.from, lte: f.to },
      ...(f.service ? { service: { slug: f.service } } : {}),
      ...(f.environment ? { environment: f.environment } : {}),
      ...(f.status ? { status: f.status } : {}),
    },
    include,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: f.limit,
  });
  return rows.map(parseRow);
}

export async function findDeployment(db: Client, id: string): Promise<DeploymentRow | null> {
  const row = await db.deployment.findUnique({ where: { id }, include });
  return row && parseRow(row);
}

export async function createDeployment(
  tx: Client,
  data: Prisma.DeploymentUncheckedCreateInput,
): Promise<DeploymentRow> {
  return parseRow(await tx.deployment.create({ data, include }));
}

/** Compare-and-set: applies only while the status is still `expected`; false when someone changed it first. */
export async function updateDeploymentIfStatus(
  tx: Client,
  id: string,
  expected: DeploymentStatus,
  data: { status?: DeploymentStatus; link?: string | null },
): Promise<boolean> {
  return (await tx.deployment.updateMany({ where: { id, status: expected }, data })).count > 0;
}
