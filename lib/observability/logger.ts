import "server-only";
import pino from "pino";

/**
 * JSON logs on stdout. Secrets never reach the log: these paths are censored wherever they appear,
 * and request logging only ever passes method, route, status, duration and the request id.
 */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
  "bearerToken",
  "*.bearerToken",
  "basicPassword",
  "*.basicPassword",
];

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL || "info",
      base: { app: "srecp" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    destination,
  );
}

declare global {
  var __srecpLogger: pino.Logger | undefined;
}
export const logger = (): pino.Logger => (globalThis.__srecpLogger ??= createLogger());
