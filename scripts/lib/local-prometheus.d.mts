// Types for local-prometheus.mjs (plain ESM so that scripts/app.mjs runs it before anything is built).
export function prometheusBin(): string;
export function promtoolBin(): string;
export const MISSING_PROMETHEUS_HINT: string;
export function localPrometheusPaths(dataDir: string): {
  dir: string;
  data: string;
  config: string;
  log: string;
  state: string;
  port: string;
};
export function readLocalPrometheusState(dataDir: string): { url: string; port: number; pid: number } | null;
export type LocalPrometheus = { url: string; pid: number; stop(graceMs?: number): Promise<void>; exited(): boolean };
export function startLocalPrometheus(opts: {
  dataDir: string;
  log?: (line: string) => void;
  scrapeTargets?: string[];
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
  /** host:port of the demo's live exporter (job "srecp-demo", exposed labels and timestamps honoured) */
  demoExporter?: string | null;
}): Promise<LocalPrometheus | null>;
export function freePort(): Promise<number>;
