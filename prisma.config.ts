import { defineConfig } from "prisma/config";

// Prisma 7 keeps the datasource URL here. env() would throw when DATABASE_URL is unset, which breaks
// `prisma generate` on a fresh clone, so fall back to a placeholder: generate never connects.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL || "postgresql://localhost:5432/placeholder" },
});
