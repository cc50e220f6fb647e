import { inject } from "vitest";

// Runs in each integration worker before its test file: lib/env reads these lazily on first use.
process.env.DATABASE_URL = inject("DATABASE_URL");
process.env.PROMETHEUS_URL = inject("PROMETHEUS_URL");
process.env.NEXTAUTH_SECRET ??= "integration-secret";
process.env.LOG_LEVEL ??= "silent";
process.env.SLO_REFRESH_SECONDS ??= "1";
// The harness' Prometheus servers listen on 127.0.0.1, which data sources may use only when allowed.
process.env.SRECP_DATASOURCE_ALLOW_PRIVATE ??= "1";
process.env.SECRET_KEY ??= "integration-secret-key-for-data-source-credentials";
process.env.SRECP_SSE_MAX_SECONDS ??= "0"; // live-event streams end after their first frame in tests (tests/integration/live-events.test.ts opens real ones)
// Every 2xx JSON answer of a route handler is checked against its OpenAPI response schema (lib/openapi/response-check.ts).
process.env.SRECP_CHECK_RESPONSES ??= "1";
