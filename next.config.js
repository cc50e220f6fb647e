// @ts-check
/** @type {import('next').NextConfig} */
module.exports = {
  // PGlite loads its .wasm/.data files beside its JS, and pg/pino/prom-client are Node-only:
  // keep them out of the server bundle so they load from node_modules at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "@prisma/driver-adapter-utils",
    "pg",
    "pino",
    "prom-client",
  ],
  poweredByHeader: false,
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
};
