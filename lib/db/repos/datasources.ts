import "server-only";
import { dataSourceSchema } from "@/lib/validation/slo";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// Data source rows as the services use them: the headers JSON column and the auth type parsed with the
// schema that validates them on write (lib/validation/slo.ts dataSourceSchema).

export type DataSourceRow = Omit<Prisma.DataSourceModel, "headers" | "authType"> & {
  headers: Record<string, string>;
  authType: "none" | "bearer" | "basic";
};

const headersSchema = dataSourceSchema.shape.headers.unwrap();
const authTypeSchema = dataSourceSchema.shape.authType.unwrap();

export function parseDataSourceRow(row: Prisma.DataSourceModel): DataSourceRow {
  const at = (field: string) => ({ table: "DataSource", id: row.id, field });
  return {
    ...row,
    headers: parseColumn(headersSchema, row.headers, at("headers")),
    authType: parseColumn(authTypeSchema, row.authType, at("authType")),
  };
}
