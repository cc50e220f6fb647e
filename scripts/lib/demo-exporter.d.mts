// Types for demo-exporter.mjs (plain ESM, used by scripts/app.mjs before anything is built).
export const DEMO_MARKER: string;
export function demoLoaded(dataDir: string): boolean;
export function startDemoExporterProcess(opts: {
  root: string;
  dataDir: string;
  readyTimeoutMs?: number;
}): Promise<{ target: string; url: string; stop(): Promise<void> }>;
